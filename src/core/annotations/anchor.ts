// Re-anchoring: find an annotation again in a post's current text, the way Hypothesis does
// (client/src/annotator/anchoring/match-quote.ts), in three steps of rising cost:
//   1. the stored position still holds the exact quote (with its context) → anchored;
//   2. the exact quote elsewhere, the occurrence whose context agrees best, nearest the old position
//      breaking ties → moved;
//   3. a fuzzy search with approx-string-match (Myers' bit-parallel algorithm, maintained by Hypothesis'
//      author) allowing up to quote length / 2 errors, each candidate scored on quote, prefix, suffix and
//      distance from the old position → moved, when the score says it is the same passage;
//   otherwise → orphan (kept with its old quote, never deleted).
// Step 3 searches only the windows a match could lie in (see candidateWindows), so a post with many
// notes, some of them deleted, re-anchors in milliseconds.
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

/**
 * Step 2: the exact occurrence whose context agrees best, nearest the hint on a tie. The usual case —
 * everything below an insertion shifted alike, so the quote sits at the hint with all its context — is
 * checked first, without scanning the text.
 */
function nearestExact(text: string, quote: TextQuoteSelector, hint: number, alsoAt: number): { start: number; end: number; tied: boolean } | null {
  const exact = quote.exact;
  const stored = quote.prefix.length + quote.suffix.length;
  for (const at of [hint, alsoAt]) {
    if (text.startsWith(exact, at) && contextAgreement(text, quote, at, at + exact.length).agreed === stored) return { start: at, end: at + exact.length, tied: false };
  }
  let best: { start: number; agreed: number; distance: number } | null = null;
  let count = 0;
  let ties = 0;
  for (let at = text.indexOf(exact); at >= 0 && count < MAX_EXACT_OCCURRENCES; at = text.indexOf(exact, at + 1), count++) {
    const { agreed } = contextAgreement(text, quote, at, at + exact.length);
    const distance = Math.abs(at - hint);
    if (best && agreed === best.agreed) ties++;
    if (!best || agreed > best.agreed || (agreed === best.agreed && distance < best.distance)) {
      if (!best || agreed > best.agreed) ties = 0;
      best = { start: at, agreed, distance };
    }
  }
  if (!best) return null;
  // A lone long quote needs a little context; several copies, or a short quote, need more.
  // Elsewhere in the post, formulas and code repeat (\boldsymbol{A}…): half the stored context must agree.
  const trusted = best.agreed >= Math.max(Math.min(8, stored), stored / 2) || (count === 1 && exact.length >= 12 && best.agreed >= Math.min(8, stored));
  return trusted ? { start: best.start, end: best.start + exact.length, tied: ties > 0 } : null;
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

const MAX_SCORED_CANDIDATES = 24;

function scoreCandidates(text: string, offset: number, quote: TextQuoteSelector, hint: number, all: readonly { start: number; end: number; errors: number }[]): Scored | null {
  // A common quote (`\begin{equation}`) matches hundreds of times: give the costly fuzzy context score
  // only to the candidates whose context agrees best exactly (then nearest the hint).
  const matches =
    all.length <= MAX_SCORED_CANDIDATES
      ? all
      : all
          .map((m) => ({ m, agreed: contextAgreement(text, quote, m.start + offset, m.end + offset).agreed, distance: Math.abs(m.start + offset - hint) }))
          .sort((a, b) => b.agreed - a.agreed || a.distance - b.distance)
          .slice(0, MAX_SCORED_CANDIDATES)
          .map((c) => c.m);
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
  if (candidate.quoteScore >= 0.8) return candidate.contextScore >= 0.7;
  return candidate.quoteScore >= 0.5 && candidate.contextScore >= 0.85;
}

function fuzzySearch(text: string, quote: TextQuoteSelector, hint: number, from: number, to: number): Scored | null {
  const maxErrors = Math.min(256, Math.floor(quote.exact.length / 2));
  const matches = approxSearch(text.slice(from, to), quote.exact, maxErrors);
  return matches.length === 0 ? null : scoreCandidates(text, from, quote, hint, matches);
}

const PIECE = 4;
const MAX_PIECE_HITS = 400;

/**
 * Where a match we would accept can be: near an exact occurrence of some 4-unit piece of the quote or
 * of its context. An accepted match keeps half its quote or most of its context, so one such piece
 * survives in all but contrived cases; searching only these windows makes a deleted quote (an orphan)
 * cost a few indexOf calls instead of a Myers scan of the whole post. Null when the pieces are so
 * common that the windows would cover much of the text anyway.
 */
function candidateWindows(text: string, quote: TextQuoteSelector): [number, number][] | null {
  const pieces = new Set<string>();
  for (const part of [quote.exact, quote.prefix, quote.suffix]) for (let i = 0; i + PIECE <= part.length; i += PIECE) pieces.add(part.slice(i, i + PIECE));
  const hits: number[] = [];
  for (const piece of pieces) {
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      hits.push(at);
      if (hits.length > MAX_PIECE_HITS) return null;
    }
  }
  hits.sort((a, b) => a - b);
  const margin = 2 * quote.exact.length + quote.prefix.length + quote.suffix.length + PIECE;
  const windows: [number, number][] = [];
  let covered = 0;
  for (const hit of hits) {
    const from = Math.max(0, hit - margin);
    const to = Math.min(text.length, hit + margin);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) {
      covered += to - last[1] > 0 ? to - last[1] : 0;
      last[1] = Math.max(last[1], to);
    } else {
      windows.push([from, to]);
      covered += to - from;
    }
  }
  return covered > text.length / 2 ? null : windows;
}

/** Step 3: the best fuzzy candidate in the windows where one can be (or the whole text), if accepted. */
function fuzzyAnchor(text: string, quote: TextQuoteSelector, hint: number): Scored | null {
  // Most damaged quotes are still where they were (a word changed, punctuation rewritten): look there first.
  const span = quote.exact.length + quote.prefix.length + quote.suffix.length;
  const here = fuzzySearch(text, quote, hint, Math.max(0, hint - span), Math.min(text.length, hint + span + quote.exact.length));
  if (here && fuzzyAccepted(here, quote.exact.length) && here.contextScore >= 0.8) return here;
  const windows = candidateWindows(text, quote) ?? [[0, text.length]];
  let best: Scored | null = null;
  for (const [from, to] of windows) {
    const found = fuzzySearch(text, quote, hint, from, to);
    if (found && (!best || found.score > best.score)) best = found;
  }
  return best && fuzzyAccepted(best, quote.exact.length) ? best : null;
}

/** Finds one annotation in `text`. `delta` is where nearby annotations moved (added to the hint). */
export function anchorQuote(text: string, quote: TextQuoteSelector, position: TextPositionSelector, delta = 0): Anchor {
  return locate(text, quote, position, delta).anchor;
}

/** The anchor, and whether other places fit the quote and its context just as well (only the hint chose). */
function locate(text: string, quote: TextQuoteSelector, position: TextPositionSelector, delta: number): { anchor: Anchor; tied: boolean } {
  const exact = quote.exact;
  const orphan: Anchor = { status: 'orphan', start: position.start, end: position.end, exact };
  if (exact.length === 0) return { anchor: orphan, tied: false };
  // 1. Where it was.
  if (text.startsWith(exact, position.start)) {
    const { agreed, stored } = contextAgreement(text, quote, position.start, position.start + exact.length);
    if (contextConfirms(agreed, stored, exact.length)) return { anchor: { status: 'anchored', start: position.start, end: position.start + exact.length, exact }, tied: false };
  }
  const hint = Math.max(0, Math.min(text.length, position.start + delta));
  // 2. The same words elsewhere.
  const found = nearestExact(text, quote, hint, position.start);
  if (found) return { anchor: { status: found.start === position.start ? 'anchored' : 'moved', start: found.start, end: found.end, exact }, tied: found.tied };
  // 3. Similar words.
  const fuzzy = fuzzyAnchor(text, quote, hint);
  if (fuzzy) return { anchor: { status: 'moved', start: fuzzy.start, end: fuzzy.end, exact: text.slice(fuzzy.start, fuzzy.end) }, tied: false };
  return { anchor: orphan, tied: false };
}

/**
 * Anchors many annotations on one text. Annotations are visited in their old order so each hint can
 * carry the shift its predecessor saw (an insertion above moves everything below by the same amount).
 * A quote whose words and context occur more than once (a repeated code block, a repeated formula) is
 * placed in a second pass, by the shift of its nearest neighbour that was found without doubt.
 */
export function anchorAll(text: string, targets: readonly { quote: TextQuoteSelector; position: TextPositionSelector }[]): Anchor[] {
  const order = targets.map((_, i) => i).sort((a, b) => targets[a].position.start - targets[b].position.start);
  const anchors: Anchor[] = new Array<Anchor>(targets.length);
  const tied: boolean[] = new Array<boolean>(targets.length).fill(false);
  let delta = 0;
  for (const i of order) {
    const { quote, position } = targets[i];
    const result = locate(text, quote, position, delta);
    anchors[i] = result.anchor;
    tied[i] = result.tied;
    if (result.anchor.status !== 'orphan' && !result.tied) delta = result.anchor.start - position.start;
  }
  order.forEach((i, k) => {
    if (!tied[i]) return;
    const sure = (j: number): boolean => !tied[j] && anchors[j].status !== 'orphan';
    let before = k - 1;
    while (before >= 0 && !sure(order[before])) before--;
    let after = k + 1;
    while (after < order.length && !sure(order[after])) after++;
    const at = targets[i].position.start;
    const distance = (n: number): number => (n < 0 || n >= order.length ? Infinity : Math.abs(targets[order[n]].position.start - at));
    const neighbour = distance(before) <= distance(after) ? before : after;
    if (distance(neighbour) === Infinity) return;
    const j = order[neighbour];
    anchors[i] = locate(text, targets[i].quote, targets[i].position, anchors[j].start - targets[j].position.start).anchor;
  });
  return anchors;
}
