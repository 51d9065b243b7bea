// Chinese typesetting keeps closing punctuation off the start of a line and opening brackets off its
// end (禁则). Between a formula and the character beside it the browser may break all the same: KaTeX
// draws a formula as inline blocks, and there is always a break opportunity beside an inline block —
// so "…矩阵$U$，那么…" could leave "，" alone at the start of the next line. A short inline formula and
// the punctuation beside it are kept together in a `kx-glue` span (white-space: nowrap); a long
// formula is left free, as it may need its own breaks in a narrow column.
import type Token from 'markdown-it/lib/token.mjs';
import { MATH_INLINE } from './mathRules';

/** Closing punctuation that may not start a line (the common ones of Chinese and English text). */
const CLOSING = /^[，。、；：？！）》」』”’〉】〕…—,.;:?!)\]]/u;
/** Opening brackets that may not end a line. */
const OPENING = /[（《「『“‘〈【〔([]$/u;
/** Inline formulas up to this many characters of TeX are short enough never to need a break of their own. */
const SHORT_TEX = 40;

function gluedMath(token: Token | undefined): boolean {
  if (token?.type !== MATH_INLINE) return false;
  const meta = token.meta as { display?: boolean; tex?: string } | null;
  return meta?.display !== true && (meta?.tex ?? '').length <= SHORT_TEX;
}

/**
 * The text token at `idx` as the formulas beside it leave it: `head` characters went to the formula
 * before, and `openTail` says its last character opens the glue of the formula after.
 */
export function textGlue(tokens: Token[], idx: number): { head: number; openTail: boolean } {
  const content = tokens[idx].content;
  const head = gluedMath(tokens[idx - 1]) ? (CLOSING.exec(content)?.[0].length ?? 0) : 0;
  const openTail = content.length > head && OPENING.test(content) && gluedMath(tokens[idx + 1]);
  return { head, openTail };
}

/**
 * What the inline formula at `idx` takes from its neighbours — the bracket before it, the punctuation
 * after it: what the text rule leaves out of them (textGlue), so the two always agree.
 */
export function glueOf(tokens: Token[], idx: number): { before: boolean; after: string } {
  if (!gluedMath(tokens[idx])) return { before: false, after: '' };
  const previous = tokens[idx - 1];
  const next = tokens[idx + 1];
  const before = previous?.type === 'text' && textGlue(tokens, idx - 1).openTail;
  const after = next?.type === 'text' ? next.content.slice(0, textGlue(tokens, idx + 1).head) : '';
  return { before, after };
}
