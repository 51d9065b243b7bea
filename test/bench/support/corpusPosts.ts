// The corpus posts the benches measure: ../shared/corpus/posts beside the repository, or $KEXUE_CORPUS.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** The folder holding package.json above this file (benches run from out/test/bench). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Every post of the corpus in name order; empty when there is no corpus. */
export function corpusPosts(): { name: string; text: string }[] {
  const root = process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus');
  const dir = path.join(root, 'posts');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * A post as the plain baseline needs it to see every display: blank lines around each
 * `\begin…\end`, since texmath's beg_end is a block rule and cannot interrupt a paragraph (the
 * corpus writes most numbered equations right after a line of text, so the plain baseline leaves
 * them as text). Applied before any clock starts.
 */
export function findableDisplays(text: string): string {
  return text.replace(/^(\\begin\{)/gm, '\n$1').replace(/(\\end\{[a-z*]+\})[ \t]*$/gm, '$1\n');
}
