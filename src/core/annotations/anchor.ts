// Re-anchoring: find an annotation again in a post's current text, the way Hypothesis does
// (client/src/annotator/anchoring/match-quote.ts), but refusing a place the evidence does not support.
// Two passes over a post's annotations, in their old order:
//   1. the sure ones: the exact quote at its old offset with its context (→ anchored), or the exact quote
//      with all its stored context at the offset its predecessor's shift predicts, or at the one place in
//      the text (→ moved). Their shifts tell where everything between them went.
//   2. the rest, each scored among all places that could be it (anchorCandidates.ts) — exact occurrences,
//      then fuzzy matches — on quote, context and distance from where its sure neighbours put it; the
//      best is taken only when the evidence is enough for a quote of its length (→ moved);
//   otherwise → orphan (kept with its old quote, never deleted).
import { accepted, best, distantCandidates, exactCandidates, nearbyCandidates, type Expected } from './anchorCandidates';
import { contextAgreement } from './anchorContext';
import type { Anchor, TextPositionSelector, TextQuoteSelector } from './model';

export { describeRange } from './anchorContext';

interface Target {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Enough agreeing context to trust the exact quote at its old offset: ≥ 8 characters, or all there is. */
function contextConfirms(agreed: number, stored: number, quoteLength: number): boolean {
  return agreed >= Math.min(8, stored) || (quoteLength >= 24 && agreed >= Math.min(4, stored));
}

const fullyAgrees = (text: string, quote: TextQuoteSelector, at: number): boolean => {
  const { agreed, stored } = contextAgreement(text, quote, at, at + quote.exact.length);
  return agreed === stored;
};

/** Pass 1: the annotation found without doubt, or null. `hint` is where its predecessor's shift puts it. */
function locateSure(text: string, target: Target, hint: number): Anchor | null {
  const { quote, position } = target;
  const exact = quote.exact;
  if (exact.length === 0) return null;
  if (text.startsWith(exact, position.start)) {
    const { agreed, stored } = contextAgreement(text, quote, position.start, position.start + exact.length);
    if (contextConfirms(agreed, stored, exact.length)) return { status: 'anchored', start: position.start, end: position.start + exact.length, exact };
  }
  // The usual case — everything below an insertion shifted alike — without scanning the text.
  if (text.startsWith(exact, hint) && fullyAgrees(text, quote, hint)) return { status: 'moved', start: hint, end: hint + exact.length, exact };
  // Exactly one place holds the words with all their context (the context was made unique when stored).
  let found = -1;
  for (const candidate of exactCandidates(text, exact)) {
    if (!fullyAgrees(text, quote, candidate.start)) continue;
    if (found >= 0) return null;
    found = candidate.start;
  }
  return found < 0 ? null : { status: found === position.start ? 'anchored' : 'moved', start: found, end: found + exact.length, exact };
}

/** Pass 2: the best-supported place among every candidate, or an orphan. */
function locateDoubtful(text: string, target: Target, expected: Expected): Anchor {
  const { quote, position } = target;
  const orphan: Anchor = { status: 'orphan', start: position.start, end: position.start + quote.exact.length, exact: quote.exact };
  if (quote.exact.length === 0) return orphan;
  const found = (candidate: { start: number; end: number }): Anchor => ({
    status: candidate.start === position.start && candidate.end === position.end && text.startsWith(quote.exact, candidate.start) ? 'anchored' : 'moved',
    start: candidate.start,
    end: candidate.end,
    exact: text.slice(candidate.start, candidate.end),
  });
  const exact = exactCandidates(text, quote.exact);
  const near = best(text, quote, expected, [...exact, ...nearbyCandidates(text, quote, expected)]);
  (globalThis as any).__dbg?.(quote, position, expected, near, near && accepted(near, quote, exact.length));
  if (near && accepted(near, quote, exact.length)) return found(near);
  const anywhere = best(text, quote, expected, distantCandidates(text, quote));
  (globalThis as any).__dbg?.(quote, position, expected, anywhere, anywhere && accepted(anywhere, quote, exact.length));
  if (anywhere && accepted(anywhere, quote, exact.length)) return found(anywhere);
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
    const shifts: number[] = [];
    if (before >= 0) shifts.push(shiftOf(order[before]));
    if (after < order.length) shifts.push(shiftOf(order[after]));
    if (shifts.length === 0) shifts.push(delta);
    const at = targets[i].position.start;
    const expected: Expected = { from: clamp(text, at + Math.min(...shifts)), to: clamp(text, at + Math.max(...shifts)) };
    anchors[i] = locateDoubtful(text, targets[i], expected);
  });
  return anchors as Anchor[];
}
