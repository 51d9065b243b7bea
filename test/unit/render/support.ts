// Paths shared by the render tests: the repository's fixtures and the real-post corpus.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the bundled test file (out/test/unit/render) or the source. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'test'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function readFixture(name: string): string {
  return readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'render', name), 'utf8');
}

export function fixturePath(name: string): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'render', name);
}

/** `$KEXUE_CORPUS`, else `<repo>/../shared/corpus`; undefined when it is not there. */
export function corpusDir(): string | undefined {
  const dir = process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus');
  return existsSync(path.join(dir, 'posts')) ? dir : undefined;
}

/** 1-based column of `needle` on 1-based `line` of `text`, for asserting error positions. */
export function columnOf(text: string, line: number, needle: string): number {
  const found = text.split('\n')[line - 1]?.indexOf(needle) ?? -1;
  if (found < 0) throw new Error(`"${needle}" not on line ${line}`);
  return found + 1;
}

/** `html` with each KaTeX formula (markup of its own, tags included) as `[math TeX]`: what a test reads around the math. */
export function formulasAsText(html: string): string {
  let out = '';
  let at = 0;
  for (let start = html.indexOf('<span class="katex">'); start >= 0; start = html.indexOf('<span class="katex">', at)) {
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(html.slice(start))?.[1] ?? '?';
    // Skip to the span that closes this one.
    let depth = 0;
    const spans = /<span\b|<\/span>/g;
    spans.lastIndex = start;
    for (let m = spans.exec(html); m; m = spans.exec(html)) {
      depth += m[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        out += `${html.slice(at, start)}[math ${tex}]`;
        at = spans.lastIndex;
        break;
      }
    }
  }
  return out + html.slice(at);
}
