// Shared by the annotation tests: the repository, the corpus, and quotes picked from a post's prose.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

export const corpusDir = resolve(process.env.KEXUE_CORPUS ?? join(repoRoot(), '..', 'shared', 'corpus'));
export const corpusPresent = existsSync(join(corpusDir, 'posts'));

export const fixturePost = (): string => readFileSync(join(repoRoot(), 'test', 'fixtures', 'annotations', '伪逆笔记.md'), 'utf8');

/** Offsets where each line starts and ends. */
export function lines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    out.push({ start, end: nl < 0 ? text.length : nl });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

/**
 * Up to `count` quotes of `length` units from prose lines (Chinese text, no math, no markup), spread over
 * the post, each occurring once. Deterministic: the same post gives the same quotes.
 */
export function proseQuotes(text: string, count: number, length = 24): { start: number; end: number; line: { start: number; end: number } }[] {
  const prose = lines(text).filter(({ start, end }) => {
    const line = text.slice(start, end);
    return end - start >= length + 8 && /[\u4e00-\u9fff]{6}/.test(line) && !/[$\\#*|>[\]`]/.test(line) && !line.startsWith('---');
  });
  const picked: { start: number; end: number; line: { start: number; end: number } }[] = [];
  const step = Math.max(1, Math.floor(prose.length / count));
  for (let i = 0; i < prose.length && picked.length < count; i += step) {
    const line = prose[i];
    const start = line.start + Math.floor((line.end - line.start - length) / 2);
    const quote = text.slice(start, start + length);
    if (text.indexOf(quote) === text.lastIndexOf(quote)) picked.push({ start, end: start + length, line });
  }
  return picked;
}
