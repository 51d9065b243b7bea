// Re-anchoring: find an annotation again in a post's current text, the way Hypothesis does
// (client/src/annotator/anchoring/match-quote.ts), but refusing a place the evidence does not support —
// a note shown as an orphan with its old quote beats a note silently attached to other words.
// Two passes over a post's annotations, in their old order:
//   1. the sure ones: the exact quote at its old offset with its context (→ anchored); the exact quote
//      at the offset its predecessor's shift predicts with the inner half of its context, which made it
//      unique when stored (describeRange); or the one place in the text holding the quote with all its
//      context (→ moved). Their shifts tell where everything between them went.
//   2. the rest, each scored among the places that could be it (anchorCandidates.ts) — exact
//      occurrences and fuzzy matches, first at the place its sure neighbours before and after predict,
//      then anywhere — on quote, context and distance from that place; the best is taken only when its
//      evidence is enough for a quote of its length and commonness (anchorEvidence.ts) (→ moved);
//   otherwise → orphan (kept with its old quote, never deleted).
import { best, confident, distantCandidates, exactCandidates, localCandidates, nearbyCandidates, type Expected, type Scored } from './anchorCandidates';
import { accepted } from './anchorEvidence';
import { NEAR, prefixAgreement, suffixAgreement } from './anchorContext';
import type { Anchor, TextPositionSelector, TextQuoteSelector } from './model';

export { describeRange } from './anchorContext';

interface Target {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/**
 * The inner half of the stored context agrees exactly on both sides — what made the quote unique when it
 * was stored (describeRange) — so an edit in the outer half does not make a note at its predicted place
 * doubtful.
 */
function innerHalfAgrees(text: string, quote: TextQuoteSelector, at: number): boolean {
  const inner = Math.max(quote.prefix.length, quote.suffix.length) / 2;
  return (
    prefixAgreement(text, quote.prefix, at) >= Math.min(quote.prefix.length, inner) &&
    suffixAgreement(text, quote.suffix, at + quote.exact.length) >= Math.min(quote.suffix.length, inner)
  );
}

/** Pass 1: the annotation found without doubt, or null. `hint` is where its predecessor's shift puts it. */
function locateSure(text: string, target: Target, hint: number): Anchor | null {
  const { quote, position } = target;
  const exact = quote.exact;
  if (exact.length === 0) return null;
  if (text.startsWith(exact, position.start) && innerHalfAgrees(text, quote, position.start)) return { status: 'anchored', start: position.start, end: position.end, exact };
  // The usual case — everything below an insertion shifted alike — without scanning the text.
  if (text.startsWith(exact, hint) && innerHalfAgrees(text, quote, hint)) return { status: 'moved', start: hint, end: hint + exact.length, exact };
  // Exactly one place holds the words with all their context (the context was made unique when stored).
  const withSuffix = exact + quote.suffix;
  let found = -1;
  for (let at = text.indexOf(withSuffix); at >= 0; at = text.indexOf(withSuffix, at + 1)) {
    if (prefixAgreement(text, quote.prefix, at) < quote.prefix.length) continue;
    if (found >= 0) return null;
    found = at;
  }
  return found < 0 ? null : { status: found === position.start ? 'anchored' : 'moved', start: found, end: found + exact.length, exact };
}

/** Pass 2: the best-supported place among every candidate, or an orphan. */
function locateDoubtful(text: string, target: Target, expected: Expected): Anchor {
  const { quote, position } = target;
  const orphan: Anchor = { status: 'orphan', start: position.start, end: position.end, exact: quote.exact };
  if (quote.exact.length === 0) return orphan;
  const found = (candidate: { start: number; end: number }): Anchor => ({
    status: candidate.start === position.start && candidate.end === position.end && text.startsWith(quote.exact, candidate.start) ? 'anchored' : 'moved',
    start: candidate.start,
    end: candidate.end,
    exact: text.slice(candidate.start, candidate.end),
  });
  // Most doubtful notes are where their neighbours put them, a unit dropped in the quote or its context.
  const scored = new Map<string, Scored>();
  const local = best(text, quote, expected, localCandidates(text, quote, expected), scored);
  if (local && confident(local) && accepted(local, quote, expected, 1)) return found(local);
  const exact = exactCandidates(text, quote.exact);
  const near = best(text, quote, expected, [...exact, ...nearbyCandidates(text, quote, expected)], scored);
  if (near && accepted(near, quote, expected, exact.length)) return found(near);
  const anywhere = best(text, quote, expected, distantCandidates(text, quote), scored);
  if (anywhere && accepted(anywhere, quote, expected, exact.length)) return found(anywhere);
  return orphan;
}

/** Finds one annotation in `text`. `delta` is where nearby annotations moved (added to the hint). */
export function anchorQuote(text: string, quote: TextQuoteSelector, position: TextPositionSelector, delta = 0): Anchor {
  return anchorAll(text, [{ quote, position }], delta)[0];
}

const clamp = (text: string, at: number): number => Math.max(0, Math.min(text.length, at));

/**
 * Anchors many annotations on one text. The sure ones first, in their old order, each hint carrying
 * the shift its predecessor saw (an insertion above moves everything below by the same amount); then
 * each doubtful one between the places its nearest sure neighbours before and after predict.
 */
export function anchorAll(text: string, targets: readonly Target[], delta = 0): Anchor[] {
  const order = targets.map((_, i) => i).sort((a, b) => targets[a].position.start - targets[b].position.start);
  const anchors = new Array<Anchor | null>(targets.length).fill(null);
  let shift = delta;
  for (const i of order) {
    const sure = locateSure(text, targets[i], clamp(text, targets[i].position.start + shift));
    anchors[i] = sure;
    if (sure) shift = sure.start - targets[i].position.start;
  }
  const shiftOf = (i: number): number => (anchors[i] as Anchor).start - targets[i].position.start;
  order.forEach((i, k) => {
    if (anchors[i]) return;
    let before = k - 1;
    while (before >= 0 && !anchors[order[before]]) before--;
    let after = k + 1;
    while (after < order.length && !anchors[order[after]]) after++;
    const at = targets[i].position.start;
    const neighbours = [before, after].filter((n) => n >= 0 && n < order.length).map((n) => order[n]);
    const shifts = neighbours.length > 0 ? neighbours.map(shiftOf) : [delta];
    const spacing = neighbours.reduce((sum, j) => sum + Math.abs(targets[j].position.start - at), 0) / neighbours.length;
    const expected: Expected = { from: clamp(text, at + Math.min(...shifts)), to: clamp(text, at + Math.max(...shifts)), slack: neighbours.length > 0 ? Math.max(NEAR, spacing / 2) : Infinity };
    anchors[i] = locateDoubtful(text, targets[i], expected);
  });
  return anchors as Anchor[];
}
