// The doubtful half of re-anchoring: an annotation whose exact words with all their context are not where
// its neighbours put it. Every place that could be it — each exact occurrence of the quote, and the best
// fuzzy matches (approx-string-match, Myers' bit-parallel algorithm, up to quote length / 2 errors, as
// Hypothesis' match-quote.ts) near where its neighbours say it should be, then anywhere a piece of it
// survives — is scored on quote, prefix, suffix and position, Hypothesis' weights plus a real say for
// position. Whether the best is accepted is anchorEvidence.ts's call.
import approxSearch from 'approx-string-match';
import { NEAR, contextAgreement, prefixAgreement, prefixScore, suffixAgreement, suffixScore } from './anchorContext';
import type { TextQuoteSelector } from './model';

export interface Candidate {
  start: number;
  end: number;
  errors: number;
}

export interface Scored extends Candidate {
  quoteScore: number;
  prefixScore: number;
  suffixScore: number;
  /** Letters or digits the candidate has that the quote has not (a different formula, not a damaged one). */
  newContent: boolean;
  /** Every letter it adds is a Chinese character: a word of prose revised (只用 → 只需), not another formula. */
  newWording: boolean;
  /** Units of stored prefix / suffix equal to the text right next to the candidate. */
  prefixExact: number;
  suffixExact: number;
  /** Units from the place the neighbours predict (0 inside it). */
  distance: number;
  score: number;
}

/**
 * Where the annotation's neighbours (the nearest ones found without doubt, before and after it) say it
 * now is: their shifts applied to its old offset. Between two neighbours that shifted differently the
 * edit lies between them, so the whole range between the two predictions is as likely.
 */
export interface Expected {
  from: number;
  to: number;
  /**
   * How far outside [from, to] a note that lost context may still be: half its old distance from its
   * sure neighbours (what lies between them is what edits could have shifted it by), unbounded when it
   * has none — a note alone in its post, or among notes that all moved, has no position to go by.
   */
  slack: number;
}

export const distanceFrom = (expected: Expected, at: number): number => (at < expected.from ? expected.from - at : at > expected.to ? at - expected.to : 0);

// Hypothesis' weights for quote and context; position is worth more than its tie-breaking 2, because
// the neighbours' shifts predict it to within the edits made between them.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 10;
/** Units off the predicted place at which the position score halves. */
const POSITION_SCALE = 128;

const positionScore = (distance: number): number => 1 / (1 + distance / POSITION_SCALE);
const weighted = (quoteScore: number, before: number, after: number, distance: number): number =>
  (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * before + SUFFIX_WEIGHT * after + POSITION_WEIGHT * positionScore(distance)) /
  (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);

/**
 * Between two ranges of equal errors (a changed last unit matched, or left out), the one whose context
 * agrees exactly right at its edges.
 */
const EDGE_TIE_BREAK = 1e-3;

/** The most a candidate can score, whatever its context: what the costly context scores are skipped by. */
const ceiling = (quote: TextQuoteSelector, expected: Expected, candidate: Candidate): number =>
  weighted(1 - candidate.errors / quote.exact.length, 1, 1, distanceFrom(expected, candidate.start)) + EDGE_TIE_BREAK;

const CONTENT = /[\p{L}\p{N}]/u;

/**
 * The letters and digits `found` holds more often than `quote` does. What a re-scrape does to a passage —
 * a unit dropped, punctuation made half-width, spacing or escaping changed — never adds one; a look-alike
 * (`\Theta_f(\boldsymbol{q}, m)` for `\Theta_f(\boldsymbol{k}, n)`) does, and so does an author
 * revising a word of prose (只用 → 只需): anchorEvidence tells the two apart.
 */
function addedContent(quote: string, found: string): string[] {
  const counts = new Map<string, number>();
  const added: string[] = [];
  for (const ch of quote) if (CONTENT.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  for (const ch of found) {
    if (!CONTENT.test(ch)) continue;
    const left = (counts.get(ch) ?? 0) - 1;
    if (left < 0) added.push(ch);
    else counts.set(ch, left);
  }
  return added;
}

const HAN = /\p{Script=Han}/u;

export function score(text: string, quote: TextQuoteSelector, expected: Expected, candidate: Candidate): Scored {
  const quoteScore = 1 - candidate.errors / quote.exact.length;
  const before = prefixScore(text, quote.prefix, candidate.start);
  const after = suffixScore(text, quote.suffix, candidate.end);
  const distance = distanceFrom(expected, candidate.start);
  const prefixExact = prefixAgreement(text, quote.prefix, candidate.start);
  const suffixExact = suffixAgreement(text, quote.suffix, candidate.end);
  const edges = (prefixExact + suffixExact) / Math.max(1, quote.prefix.length + quote.suffix.length);
  const added = candidate.errors > 0 ? addedContent(quote.exact, text.slice(candidate.start, candidate.end)) : [];
  const newContent = added.length > 0;
  const newWording = newContent && added.every((ch) => HAN.test(ch));
  return { ...candidate, quoteScore, prefixScore: before, suffixScore: after, newContent, newWording, prefixExact, suffixExact, distance, score: weighted(quoteScore, before, after, distance) + EDGE_TIE_BREAK * edges };
}

const MAX_EXACT_OCCURRENCES = 2000;
const MAX_SCORED_CANDIDATES = 8;

/** Every exact occurrence of the quote (up to a cap), as candidates. */
export function exactCandidates(text: string, exact: string): Candidate[] {
  const out: Candidate[] = [];
  for (let at = text.indexOf(exact); at >= 0 && out.length < MAX_EXACT_OCCURRENCES; at = text.indexOf(exact, at + 1)) out.push({ start: at, end: at + exact.length, errors: 0 });
  return out;
}

/**
 * The best fuzzy matches of the quote in text[from, to), other than its exact occurrences (those are
 * candidates already): approx-string-match returns only the matches with the fewest errors, and an exact
 * copy nearby would hide the damaged original.
 */
function fuzzyIn(text: string, exact: string, from: number, to: number): Candidate[] {
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  let window = text.slice(from, to);
  if (window.includes(exact)) window = window.split(exact).join('\u0000'.repeat(exact.length));
  return approxSearch(window, exact, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
}

/**
 * Fuzzy matches around the predicted place (most damaged quotes stay where they were): around each end
 * of it, or over all of it when it is short (a wide one means a section moved between the neighbours).
 */
export function nearbyCandidates(text: string, quote: TextQuoteSelector, expected: Expected): Candidate[] {
  const span = quote.exact.length + NEAR;
  const window = (from: number, to: number): Candidate[] => fuzzyIn(text, quote.exact, Math.max(0, from - span), Math.min(text.length, to + span + quote.exact.length));
  return expected.to - expected.from <= 2 * span ? window(expected.from, expected.to) : [...window(expected.from, expected.from), ...window(expected.to, expected.to)];
}

/**
 * The exact occurrences and best fuzzy matches within a few units of the predicted place (of each end
 * of it, when it is wide).
 */
export function localCandidates(text: string, quote: TextQuoteSelector, expected: Expected): Candidate[] {
  const slack = Math.ceil(quote.exact.length / 2) + 4;
  const around = (first: number, last: number): Candidate[] => {
    const from = Math.max(0, first - slack);
    const to = Math.min(text.length, last + quote.exact.length + slack);
    const out = fuzzyIn(text, quote.exact, from, to);
    for (let at = text.indexOf(quote.exact, from); at >= 0 && at + quote.exact.length <= to; at = text.indexOf(quote.exact, at + 1)) out.push({ start: at, end: at + quote.exact.length, errors: 0 });
    return out;
  };
  return expected.to - expected.from <= 2 * slack ? around(expected.from, expected.to) : [...around(expected.from, expected.from), ...around(expected.to, expected.to)];
}

/** A candidate at the predicted place with its quote and both sides of context all but intact. */
export const confident = (candidate: Scored): boolean =>
  candidate.distance === 0 && candidate.quoteScore >= 0.9 && candidate.prefixScore >= 0.9 && candidate.suffixScore >= 0.9;

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
  const margin = 2 * quote.exact.length + Math.min(quote.prefix.length, 64) + Math.min(quote.suffix.length, 64) + PIECE;
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

/** Fuzzy matches anywhere the quote could be (each window's best). */
export function distantCandidates(text: string, quote: TextQuoteSelector): Candidate[] {
  const windows = candidateWindows(text, quote) ?? [[0, text.length]];
  return windows.flatMap(([from, to]) => fuzzyIn(text, quote.exact, from, to));
}

/**
 * The best-scored of the candidates (`scored`: those scored already for this note, by place). A common
 * quote (`\begin{equation}`) occurs hundreds of times: only those whose context agrees best exactly,
 * then nearest the predicted place, get the costly fuzzy score.
 */
export function best(text: string, quote: TextQuoteSelector, expected: Expected, candidates: readonly Candidate[], scored = new Map<string, Scored>()): Scored | null {
  // (The fuzzy searches mask the exact occurrences, so the lists do not overlap; a fuzzy match found
  // from both ends of a narrow prediction is scored twice, no harm.)
  const unique = candidates;
  const chosen =
    unique.length <= MAX_SCORED_CANDIDATES
      ? unique
      : unique
          .map((c) => ({ c, agreed: contextAgreement(text, quote, c.start, c.end).agreed - c.errors, distance: distanceFrom(expected, c.start) }))
          .sort((a, b) => b.agreed - a.agreed || a.distance - b.distance)
          .slice(0, MAX_SCORED_CANDIDATES)
          .map((x) => x.c);
  // Highest ceiling first: once a ceiling is below the best score so far, no later candidate can win.
  const ranked = chosen.map((c) => ({ c, ceiling: ceiling(quote, expected, c) })).sort((a, b) => b.ceiling - a.ceiling);
  let top: Scored | null = null;
  for (const { c, ceiling: most } of ranked) {
    if (top && most <= top.score) break;
    const key = `${c.start}:${c.end}`;
    const known = scored.get(key) ?? score(text, quote, expected, c);
    scored.set(key, known);
    if (!top || known.score > top.score) top = known;
  }
  return top;
}
