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

/**
 * Where to mark the hit in `text`: the earliest place matching the query as written, else the longest
 * run of the query's tokens (longest first) — copies of tokens that touch or overlap make one run, so a
 * query the text words a little differently is marked where most of it is (奇异值分解 in
 * “基于奇异值分解”, not the 值分 of an earlier 特征值分解; 位置编码 in 旋转式位置编码, not 旋转 alone).
 * A run holding a Latin token that stands alone comes before one made only of letters inside longer
 * names (the `\Sigma` of `U\Sigma V^T`, not the `t` of `\begin{equation}`); the earliest among equals.
 */
export function findHit(text: string, query: RegExp | undefined, tokens: readonly string[]): { start: number; end: number } | undefined {
  const whole = query ? new RegExp(query.source, query.flags.replace('g', '')).exec(text) : null;
  if (whole) return { start: whole.index, end: whole.index + whole[0].length };
  const copies: Copy[] = [];
  // `w_k` is written `W_k` or `W_{k}`: look for its base, the subscript follows.
  for (const token of tokens) copies.push(...copiesOf(text, token.includes('_') ? token.split('_')[0] : token.replace(/_/g, '')));
  copies.sort((a, b) => a.start - b.start);
  let best: Copy | undefined;
  let run: Copy | undefined;
  const better = (a: Copy, b: Copy | undefined): boolean =>
    !b || Number(a.alone) - Number(b.alone) > 0 || (a.alone === b.alone && (a.end - a.start > b.end - b.start || (a.end - a.start === b.end - b.start && a.start < b.start)));
  for (const copy of copies) {
    if (run && copy.start <= run.end) run = { start: run.start, end: Math.max(run.end, copy.end), alone: run.alone || copy.alone };
    else {
      if (run && better(run, best)) best = run;
      run = { ...copy };
    }
  }
  if (run && better(run, best)) best = run;
  return best && { start: best.start, end: best.end };
}

interface Copy {
  start: number;
  end: number;
  /** A word of its own (see `copiesOf`). */
  alone: boolean;
}

const WORD_CHARACTER = /[A-Za-z0-9]/;

/**
 * The copies of `token` in `text`; for a Latin or numeric token, those that are a word of its own (no
 * letter or digit touching it) — the `a` of `A^+` marked inside `\begin{align}` told the reader
 * nothing, while the `A` of `\boldsymbol{A}` and the `alpha` of `\alpha` stand alone — else every copy,
 * marked as not alone. CJK has no word boundaries: any copy stands alone.
 */
function copiesOf(text: string, token: string): Copy[] {
  const pattern = literalPattern(token, 'gu');
  if (!pattern) return [];
  const all: Copy[] = [];
  const latin = WORD_CHARACTER.test(token);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    all.push({ start, end, alone: !latin || !(WORD_CHARACTER.test(text[start - 1] ?? '') || WORD_CHARACTER.test(text[end] ?? '')) });
  }
  const alone = all.filter((copy) => copy.alone);
  return alone.length > 0 ? alone : all;
}

/**
 * One line of a document's source as a reader would read it: the post's own bold marks (`**原文链接**`)
 * dropped, so the only `**` pair is the hit's, a heading's `####` or a quote's `>` at the start of a
 * line too (a paragraph's document runs on into the heading below it when no blank line parts them),
 * and a link's markup (`markup`, from `linkMarkup`): its text stays, `[` and `](/archives/9209)` go.
 */
function flat(text: string, from: number, to: number, markup: readonly Span[] = []): string {
  // `^` is a line's start only where the slice starts one (after a hit `C`, "# code" is not a heading).
  const lineStart = from === 0 || text[from - 1] === '\n' ? /(^|\n)[ \t]*(?:#{1,6}|>)[ \t]+/g : /(\n)[ \t]*(?:#{1,6}|>)[ \t]+/g;
  let kept = '';
  let at = from;
  for (const span of markup) {
    if (span.end <= at || span.start >= to) continue;
    kept += text.slice(at, Math.max(at, span.start));
    at = Math.min(to, span.end);
  }
  kept += text.slice(at, to);
  return kept.replace(/\*\*/g, '').replace(lineStart, '$1').replace(/\s+/g, ' ');
}

interface Span {
  start: number;
  end: number;
}

/** A Markdown link or image: `[text](address)`, `![alt](address)`. */
const LINK = /!?\[([^[\]\n]*)\]\([^()\s]*(?:\s+"[^"\n]*")?\)/g;
/** How far outside a snippet a link that reaches into it may start or end. */
const LINK_REACH = 300;

/** The markup of the links that reach into text[from, to): each `[` (or `![`) and `](…)`, in order. */
function linkMarkup(text: string, from: number, to: number): Span[] {
  const lo = Math.max(0, from - LINK_REACH);
  const spans: Span[] = [];
  for (const match of text.slice(lo, Math.min(text.length, to + LINK_REACH)).matchAll(LINK)) {
    const start = lo + (match.index ?? 0);
    const end = start + match[0].length;
    if (end <= from || start >= to) continue;
    const open = match[0].startsWith('!') ? 2 : 1;
    spans.push({ start, end: start + open }, { start: start + open + match[1].length, end });
  }
  return spans;
}

const HAN = /\p{Script=Han}/u;
/** How far around a cut the segmenter looks for the word it falls in. */
const WORD_WINDOW = 8;
let segmenter: Intl.Segmenter | undefined;

/**
 * A snippet's cut moved out of the Chinese word it falls in: “…解给出了伪逆” read as a word 解 (of
 * 特征值分解); a start moves on to the next word, an end on to the end of its word. A cut between two
 * Han characters only — elsewhere (Latin, TeX, spaces) it stays where it is.
 */
function wordBoundary(text: string, at: number, limit: number): number {
  if (at <= 0 || at >= text.length || !HAN.test(text[at - 1]) || !HAN.test(text[at])) return at;
  const from = Math.max(0, at - WORD_WINDOW);
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const { index, segment } of segmenter.segment(text.slice(from, at + WORD_WINDOW))) {
    const start = from + index;
    const end = start + segment.length;
    if (start >= at) return at;
    if (end > at) return Math.min(end, limit);
  }
  return at;
}

export function makeSnippet(text: string, hit: { start: number; end: number } | undefined): Snippet {
  if (!hit) {
    const to = wordBoundary(text, Math.min(text.length, BEFORE + AFTER), text.length);
    return { text: flat(text, 0, to, linkMarkup(text, 0, to)) + (text.length > to ? '…' : ''), offset: 0 };
  }
  const from = wordBoundary(text, Math.max(0, hit.start - BEFORE), hit.start);
  const to = wordBoundary(text, Math.min(text.length, hit.end + AFTER), text.length);
  const markup = linkMarkup(text, from, to);
  const body = `${flat(text, from, hit.start, markup)}${MARK_OPEN}${flat(text, hit.start, hit.end, markup)}${MARK_CLOSE}${flat(text, hit.end, to, markup)}`;
  return { text: `${from > 0 ? '…' : ''}${body.trim()}${to < text.length ? '…' : ''}`, offset: hit.start };
}
