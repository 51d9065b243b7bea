// Where the editor tests find their inputs: invented fixtures in test/fixtures/editor, and the real
// corpus ($KEXUE_CORPUS or ../shared/corpus), whose absence makes corpus tests skip visibly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test, type TestContext } from 'node:test';

export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

export function fixture(name: string): string {
  return readFileSync(join(repoRoot(), 'test', 'fixtures', 'editor', name), 'utf8');
}

export const corpusDir = resolve(process.env.KEXUE_CORPUS ?? join(repoRoot(), '..', 'shared', 'corpus'));
export const corpusPresent = existsSync(join(corpusDir, 'posts')) && existsSync(join(corpusDir, 'digests'));

export function corpusFiles(folder: 'posts' | 'digests'): { name: string; text: string }[] {
  return readdirSync(join(corpusDir, folder))
    .filter((name) => name.endsWith(folder === 'posts' ? '.md' : '.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(corpusDir, folder, name), 'utf8') }));
}

/** A test over the real corpus; reported as skipped, never as passed, when the corpus is missing. */
export function corpusTest(name: string, body: (t: TestContext) => void | Promise<void>): void {
  test(name, async (t) => {
    if (!corpusPresent) {
      console.log(`SKIPPED: ${name} (no corpus at ${corpusDir})`);
      t.skip(`no corpus at ${corpusDir}`);
      return;
    }
    await body(t);
  });
}

/** Offset of the n-th (0-based) occurrence of `needle` in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, occurrence = 0): number {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${occurrence}) not in text`);
  }
  return at + delta;
}
