// The context half of re-anchoring: what a new annotation stores around its quote, and how well the text
// around a candidate place agrees with it.
//
// Context is W3C TextQuoteSelector prefix/suffix, 32 units either side as Hypothesis stores. When the quote
// with half that context is not unique in the post (a code block or a formula the post repeats verbatim),
// the context is made longer until it is, so that re-anchoring tells the copies apart by their words
// rather than by a position an edit can shift — even after an edit in the outer half. It stays a plain
// TextQuoteSelector any W3C reader understands.
import approxSearch from 'approx-string-match';
import { CONTEXT_LENGTH, type TextPositionSelector, type TextQuoteSelector } from './model';

/** The longest context stored either side when the quote keeps repeating (a long block copied whole). */
export const MAX_CONTEXT_LENGTH = 512;

/** Whether `needle` occurs in `text` at `at` and nowhere else. */
function occursOnlyAt(text: string, needle: string, at: number): boolean {
  return text.indexOf(needle) === at && text.indexOf(needle, at + 1) < 0;
}

/**
 * The two selectors for `text[start, end)`: 32 units of context either side for a quote the post holds
 * once; else 64, and as many more as make the quote with the inner half of its context unique in the
 * post — so that the copies of a repeated passage are told apart even after an edit has damaged the
 * outer half.
 */
export function describeRange(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  if (!(start >= 0 && end > start && end <= text.length)) throw new RangeError(`bad range [${start}, ${end}) in a text of ${text.length}`);
  const exact = text.slice(start, end);
  // A quote the post holds more than once starts at twice the context: the longer context is then also
  // the sign, when re-anchoring, that the post had a look-alike when the note was made.
  let length = occursOnlyAt(text, exact, start) ? CONTEXT_LENGTH : 2 * CONTEXT_LENGTH;
  for (;;) {
    const inner = length / 2;
    const wholeText = start - length <= 0 && end + length >= text.length;
    if (length >= MAX_CONTEXT_LENGTH || wholeText || occursOnlyAt(text, text.slice(Math.max(0, start - inner), end + inner), Math.max(0, start - inner))) {
      return [
        { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - length), start), suffix: text.slice(end, end + length) },
        { type: 'TextPositionSelector', start, end },
      ];
    }
    length *= 2;
  }
}

/** Units of `prefix`, read from its end, equal to the text just before `at` (no copies: this runs per occurrence). */
export function prefixAgreement(text: string, prefix: string, at: number): number {
  let n = 0;
  while (n < prefix.length && at - 1 - n >= 0 && prefix.charCodeAt(prefix.length - 1 - n) === text.charCodeAt(at - 1 - n)) n++;
  return n;
}

/** Units of `suffix`, read from its start, equal to the text from `at` on. */
export function suffixAgreement(text: string, suffix: string, at: number): number {
  let n = 0;
  while (n < suffix.length && at + n < text.length && suffix.charCodeAt(n) === text.charCodeAt(at + n)) n++;
  return n;
}

/** How many characters of stored context agree exactly at [start, end), and how many there were. */
export function contextAgreement(text: string, quote: TextQuoteSelector, start: number, end: number): { agreed: number; stored: number } {
  return { agreed: prefixAgreement(text, quote.prefix, start) + suffixAgreement(text, quote.suffix, end), stored: quote.prefix.length + quote.suffix.length };
}

/**
 * A paragraph inserted inside the stored context (or right next to the quote) splits it: the part beyond
 * the insertion is looked for a little further out, and found there it counts this much less.
 */
const DISPLACED_CONTEXT_PENALTY = 0.15;
/** Units between two parts of a context still counted as adjacent (a space or a newline added). */
const ADJACENT_SLACK = 2;

/**
 * How well the text next to a candidate agrees with a stored context, 0…1, read outward from the quote:
 * the units that agree exactly from the quote's edge (`agreedAtEdge`), then the `rest` of the context
 * found by approximate match (Hypothesis' textMatchScore, approx-string-match) in `window`, the text
 * beyond — right there, or after an inserted paragraph further out at a penalty (`restNearEnd`: the
 * window is read toward its end, as for a prefix). The rest counts 0 below one half: no rule tells
 * anything apart down there, and Myers' algorithm prunes what cannot reach it.
 */
function contextScore(context: string, agreedAtEdge: number, rest: string, window: string, restNearEnd: boolean): number {
  if (context.length === 0) return 1;
  if (agreedAtEdge === context.length) return 1;
  const matches = rest.length === 0 || window.length === 0 ? [] : approxSearch(window, rest, Math.floor(rest.length / 2));
  let restScore = 0;
  for (const m of matches) {
    const gap = restNearEnd ? window.length - m.end : m.start;
    restScore = Math.max(restScore, rest.length - m.errors - (gap > ADJACENT_SLACK ? DISPLACED_CONTEXT_PENALTY * context.length : 0));
  }
  return (agreedAtEdge + restScore) / context.length;
}

/** How well the text before [start, …) agrees with the stored prefix, 0…1 (1 when none was stored). */
export function prefixScore(text: string, prefix: string, start: number): number {
  const agreed = prefixAgreement(text, prefix, start);
  const rest = prefix.slice(0, prefix.length - agreed);
  const windowEnd = start - agreed;
  return contextScore(prefix, agreed, rest, text.slice(Math.max(0, windowEnd - 2 * rest.length - ADJACENT_SLACK), windowEnd), true);
}

/** How well the text after […, end) agrees with the stored suffix, 0…1 (1 when none was stored). */
export function suffixScore(text: string, suffix: string, end: number): number {
  const agreed = suffixAgreement(text, suffix, end);
  const rest = suffix.slice(agreed);
  const windowStart = end + agreed;
  return contextScore(suffix, agreed, rest, text.slice(windowStart, windowStart + 2 * rest.length + ADJACENT_SLACK), false);
}

/** How far from the predicted place a quote that lost one side of its context may be. */
export const NEAR = 64;
