// Re-anchoring: find an annotation again in a post's current text, the way Hypothesis does
// (client/src/annotator/anchoring/match-quote.ts), in three steps of rising cost:
//   1. the stored position still holds the exact quote (with its context) → anchored;
//   2. the exact quote elsewhere, the occurrence whose context agrees best, nearest the old position
//      breaking ties → moved;
//   3. a fuzzy search with approx-string-match (Myers' bit-parallel algorithm, maintained by Hypothesis'
//      author) allowing up to quote length / 2 errors, each candidate scored on quote, prefix, suffix and
//      distance from the old position → moved, when the score says it is the same passage;
//   otherwise → orphan (kept with its old quote, never deleted).
// Step 3 first searches a window around where the quote should be, then the whole text, so a post
// with many notes re-anchors in milliseconds.
import approxSearch from 'approx-string-match';
import { CONTEXT_LENGTH, type Anchor, type TextPositionSelector, type TextQuoteSelector } from './model';

/** The two selectors for `text[start, end)`. */
export function describeRange(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  if (!(start >= 0 && end > start && end <= text.length)) throw new RangeError(`bad range [${start}, ${end}) in a text of ${text.length}`);
  return [
    { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start), suffix: text.slice(end, end + CONTEXT_LENGTH) },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** Characters at the end of `a` that equal the end of `b`. */
function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function commonHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many characters of stored context agree exactly at [start, end), and how many there were. */
function contextAgreement(text: string, quote: TextQuoteSelector, start: number, end: number): { agreed: number; stored: number } {
  const before = text.slice(Math.max(0, start - quote.prefix.length), start);
  const after = text.slice(end, end + quote.suffix.length);
  return { agreed: commonTail(quote.prefix, before) + commonHead(quote.suffix, after), stored: quote.prefix.length + quote.suffix.length };
}

/** Enough agreeing context to trust an exact quote: ≥ 8 characters, or all there is (the post's start or end). */
function contextConfirms(agreed: number, stored: number, quoteLength: number): boolean {
  return agreed >= Math.min(8, stored) || (quoteLength >= 24 && agreed >= Math.min(4, stored));
}

const MAX_EXACT_OCCURRENCES = 2000;

/** Step 2: the exact occurrence whose context agrees best (nearest the old start on a tie). */
function nearestExact(text: string, quote: TextQuoteSelector, hint: number): { start: number; end: number } | null {
  const exact = quote.exact;
  let best: { start: number; agreed: number; distance: number } | null = null;
  let count = 0;
  for (let at = text.indexOf(exact); at >= 0 && count < MAX_EXACT_OCCURRENCES; at = text.indexOf(exact, at + 1), count++) {
    const { agreed } = contextAgreement(text, quote, at, at + exact.length);
    const distance = Math.abs(at - hint);
    if (!best || agreed > best.agreed || (agreed === best.agreed && distance < best.distance)) best = { start: at, agreed, distance };
  }
  if (!best) return null;
  const stored = quote.prefix.length + quote.suffix.length;
  // A lone long quote is itself the evidence; several copies, or a short quote, need their context.
  const trusted = contextConfirms(best.agreed, stored, exact.length) || (count === 1 && exact.length >= 12);
  return trusted ? { start: best.start, end: best.start + exact.length } : null;
}

/** 1 − errors/length of the best approximate match of `pattern` in `text` (Hypothesis' textMatchScore). */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  if (text.length === 0) return 0;
  if (text.includes(pattern)) return 1;
  const matches = approxSearch(text, pattern, pattern.length);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((m) => m.errors)) / pattern.length;
}

interface Scored {
  start: number;
  end: number;
  quoteScore: number;
  contextScore: number;
  score: number;
}

// Hypothesis' weights: the quote matters most, then its context, then (a little) the distance.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

function scoreCandidates(text: string, offset: number, quote: TextQuoteSelector, hint: number, matches: readonly { start: number; end: number; errors: number }[]): Scored | null {
  let best: Scored | null = null;
  for (const match of matches) {
    const start = match.start + offset;
    const end = match.end + offset;
    const quoteScore = 1 - match.errors / quote.exact.length;
    const prefixScore = quote.prefix ? similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix) : 1;
    const suffixScore = quote.suffix ? similarity(text.slice(end, end + quote.suffix.length), quote.suffix) : 1;
    const positionScore = 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, text.length));
    const score =
      (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) /
      (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
    const contextScore = (prefixScore + suffixScore) / 2;
    if (!best || score > best.score) best = { start, end, quoteScore, contextScore, score };
  }
  return best;
}

/**
 * Whether a fuzzy candidate is the annotated passage rather than a look-alike: a nearly intact quote,
 * or a damaged one whose context still agrees. Tuned on the bench (test/bench/annotations.bench.ts) so
 * that no deleted passage is ever placed somewhere else.
 */
function fuzzyAccepted(candidate: Scored, quoteLength: number): boolean {
  if (quoteLength < 4) return candidate.quoteScore === 1 && candidate.contextScore >= 0.75;
  if (candidate.quoteScore >= 0.8) return candidate.contextScore >= 0.5;
  return candidate.quoteScore >= 0.5 && candidate.contextScore >= 0.7;
}

function fuzzySearch(text: string, quote: TextQuoteSelector, hint: number, from: number, to: number): Scored | null {
  const maxErrors = Math.min(256, Math.floor(quote.exact.length / 2));
  const window = text.slice(from, to);
  const matches = approxSearch(window, quote.exact, maxErrors);
  if (matches.length === 0) return null;
  const best = scoreCandidates(text, from, quote, hint, matches);
  return best && fuzzyAccepted(best, quote.exact.length) ? best : null;
}

/** Finds one annotation in `text`. `delta` is where nearby annotations moved (added to the hint). */
export function anchorQuote(text: string, quote: TextQuoteSelector, position: TextPositionSelector, delta = 0): Anchor {
  const exact = quote.exact;
  const orphan: Anchor = { status: 'orphan', start: position.start, end: position.end, exact };
  if (exact.length === 0) return orphan;
  // 1. Where it was.
  if (text.startsWith(exact, position.start)) {
    const { agreed, stored } = contextAgreement(text, quote, position.start, position.start + exact.length);
    if (contextConfirms(agreed, stored, exact.length)) return { status: 'anchored', start: position.start, end: position.start + exact.length, exact };
  }
  const hint = Math.max(0, Math.min(text.length, position.start + delta));
  // 2. The same words elsewhere.
  const found = nearestExact(text, quote, hint);
  if (found) return { status: found.start === position.start ? 'anchored' : 'moved', ...found, exact };
  // 3. Similar words: near the expected place first, then anywhere.
  const reach = 2048 + exact.length * 2;
  const near = fuzzySearch(text, quote, hint, Math.max(0, hint - reach), Math.min(text.length, hint + exact.length + reach));
  const fuzzy = near ?? (text.length > 2 * reach ? fuzzySearch(text, quote, hint, 0, text.length) : null);
  if (fuzzy) return { status: 'moved', start: fuzzy.start, end: fuzzy.end, exact: text.slice(fuzzy.start, fuzzy.end) };
  return orphan;
}

/**
 * Anchors many annotations on one text. Annotations are visited in their old order so each hint can
 * carry the shift its predecessor saw (an insertion above moves everything below by the same amount).
 */
export function anchorAll(text: string, targets: readonly { quote: TextQuoteSelector; position: TextPositionSelector }[]): Anchor[] {
  const order = targets.map((_, i) => i).sort((a, b) => targets[a].position.start - targets[b].position.start);
  const anchors: Anchor[] = new Array<Anchor>(targets.length);
  let delta = 0;
  for (const i of order) {
    const { quote, position } = targets[i];
    const anchor = anchorQuote(text, quote, position, delta);
    if (anchor.status !== 'orphan') delta = anchor.start - position.start;
    anchors[i] = anchor;
  }
  return anchors;
}
