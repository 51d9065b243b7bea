// The few words around a hit, on one line, the hit marked.

import { literalPattern } from './literalMatch';

export interface Snippet {
  /** One line of text, the hit marked as **hit**. */
  text: string;
  /** Offset of the hit in the document's text (for its line). */
  offset: number;
}

const BEFORE = 30;
const AFTER = 70;
export const MARK_OPEN = '**';
export const MARK_CLOSE = '**';

/** The earliest place in `text` matching the query as written, else its tokens (longest first). */
export function findHit(text: string, query: RegExp | undefined, tokens: readonly string[]): { start: number; end: number } | undefined {
  const whole = query ? new RegExp(query.source, query.flags.replace('g', '')).exec(text) : null;
  if (whole) return { start: whole.index, end: whole.index + whole[0].length };
  let best: { start: number; end: number } | undefined;
  for (const token of [...tokens].sort((a, b) => b.length - a.length)) {
    // `w_k` is written `W_k` or `W_{k}`: look for its base, the subscript follows.
    const match = firstStandingAlone(text, token.includes('_') ? token.split('_')[0] : token.replace(/_/g, ''));
    if (match && (!best || match.start < best.start)) best = match;
  }
  return best;
}

const WORD_CHARACTER = /[A-Za-z0-9]/;

/**
 * The first copy of `token` in `text`; for a Latin or numeric token, the first that is a word of its
 * own (no letter or digit touching it) — the `a` of `A^+` marked inside `\begin{align}` told the
 * reader nothing, while the `A` of `\boldsymbol{A}` and the `alpha` of `\alpha` stand alone — else
 * the first copy anyway. CJK has no word boundaries: any copy stands alone.
 */
function firstStandingAlone(text: string, token: string): { start: number; end: number } | undefined {
  const pattern = literalPattern(token, 'gu');
  if (!pattern) return undefined;
  let first: { start: number; end: number } | undefined;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const hit = { start: match.index, end: match.index + match[0].length };
    first ??= hit;
    if (!WORD_CHARACTER.test(token) || !(WORD_CHARACTER.test(text[hit.start - 1] ?? '') || WORD_CHARACTER.test(text[hit.end] ?? ''))) return hit;
  }
  return first;
}

/**
 * One line of a document's source as a reader would read it: the post's own bold marks (`**原文链接**`)
 * dropped, so the only `**` pair is the hit's, and a heading's `####` or a quote's `>` at the start of a
 * line too (a paragraph's document runs on into the heading below it when no blank line parts them).
 */
function flat(text: string, from: number, to: number): string {
  // `^` is a line's start only where the slice starts one (after a hit `C`, "# code" is not a heading).
  const lineStart = from === 0 || text[from - 1] === '\n' ? /(^|\n)[ \t]*(?:#{1,6}|>)[ \t]+/g : /(\n)[ \t]*(?:#{1,6}|>)[ \t]+/g;
  return text.slice(from, to).replace(/\*\*/g, '').replace(lineStart, '$1').replace(/\s+/g, ' ');
}

export function makeSnippet(text: string, hit: { start: number; end: number } | undefined): Snippet {
  if (!hit) return { text: flat(text, 0, BEFORE + AFTER) + (text.length > BEFORE + AFTER ? '…' : ''), offset: 0 };
  const from = Math.max(0, hit.start - BEFORE);
  const to = Math.min(text.length, hit.end + AFTER);
  const body = `${flat(text, from, hit.start)}${MARK_OPEN}${flat(text, hit.start, hit.end)}${MARK_CLOSE}${flat(text, hit.end, to)}`;
  return { text: `${from > 0 ? '…' : ''}${body.trim()}${to < text.length ? '…' : ''}`, offset: hit.start };
}
