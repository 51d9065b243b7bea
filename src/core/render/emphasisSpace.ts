// html2text puts a space after bold or italic text whenever the next character is not a bracket, a
// space or . ! ? — so the blog's "<strong>定理</strong>对于" reached the scraped posts as "**定理** 对于",
// and "**定理** ”。" with a space before the closing quote. Between Chinese characters that space is a
// visible gap the blog never showed; it is left out when rendering. A space between Chinese and Latin
// text ("**SVD** 分解") may be the author's own, and stays.
import type Token from 'markdown-it/lib/token.mjs';

/** A Han character or the punctuation of Chinese text (full-width forms, CJK symbols, curly quotes). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014]/u;

/** How many leading characters of the text token at `idx` are html2text's space after emphasis (0 or 1). */
export function emphasisSpace(tokens: Token[], idx: number): number {
  const content = tokens[idx].content;
  if (content[0] !== ' ' || !CJK.test(content[1] ?? '')) return 0;
  const close = tokens[idx - 1];
  if (close?.type !== 'strong_close' && close?.type !== 'em_close') return 0;
  const inside = tokens[idx - 2];
  return inside?.type === 'text' && CJK.test(inside.content.slice(-1)) ? 1 : 0;
}
