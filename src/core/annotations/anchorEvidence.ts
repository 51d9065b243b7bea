// Whether a re-anchoring candidate is the annotated passage. Unlike Hypothesis, which takes the best
// candidate whatever its score, a candidate must show enough evidence, and otherwise the annotation is an
// orphan: a note shown with its old quote is better than a note silently attached to other words. The
// look-alikes a math post is full of, and the rule each one led to (test/unit/annotations/anchorRules):
//   - a fuzzy match that adds a letter or digit (`\Theta_f(\boldsymbol{q}, m)` for `…{k}, n)`) is another
//     formula: edits and re-scrapes drop units and change punctuation or spacing, they do not add letters —
//     except an author's revised word (只用 → 只需): Chinese characters added, both sides ≥ 0.9, in place;
//   - a damaged quote needs both sides of its context nearly intact (≥ 0.9), an intact one ≥ 0.75 each —
//     a context stored longer than 32 units (the post repeats the quote) ≥ 0.95, since its look-alike
//     agrees with the inner part;
//   - far from where its neighbouring notes put it, a damaged or repeated quote needs ≥ 0.97 both sides;
//   - a side of context lost (a line inserted, deleted or moved next to the quote) must have been lost at
//     a line's edge — a side that agrees to the middle of a line is the next line of a derivation that
//     starts alike; then the quote must be exact with its other side intact where its neighbours put it,
//     or long (≥ 20 units), exact, the only one in the text and unrepeated when stored.
import { NEAR } from './anchorContext';
import { CONTEXT_LENGTH, type TextQuoteSelector } from './model';
import type { Expected, Scored } from './anchorCandidates';

/** Quotes shorter than this recur as fragments of formulas and code. */
const SHORT_QUOTE = 20;
/**
 * A side of context agrees from this score up. Below it, it does not tell: the lines of a derivation
 * (`&= \boldsymbol{A}…\\`) score 0.5–0.7 against each other.
 */
const AGREES = 0.75;
/**
 * A side whose context was made longer than 32 units when stored (the post held the quote more than
 * once, or with half its context: it has a look-alike passage) agrees only from this score up: the
 * look-alike agrees with the inner part, so the whole must agree to within an edit or two.
 */
const AGREES_EXTENDED = 0.95;
/** Beyond this from the predicted place, a damaged or common quote needs (nearly) all of its context. */
const FAR = 1024;

/**
 * Whether a side that lost its context lost it to a line inserted or deleted next to the quote: the part
 * that still agrees (read outward from the quote) stops at a line break, give or take two units. A side
 * that agrees up to the middle of a line is another line that starts alike — the next step of a
 * derivation, the next item of a list — once the annotated one was deleted.
 */
function lostAtLineEdge(context: string, agreed: number, side: 'prefix' | 'suffix'): boolean {
  if (agreed <= 2) return true;
  const far = side === 'prefix' ? context.slice(context.length - agreed, context.length - agreed + 3) : context.slice(agreed - 3, agreed);
  return far.includes('\n');
}

/**
 * Whether the candidate is the annotated passage rather than a look-alike (the rules: this file's comment).
 * `occurrences`: how many times the quote occurs exactly in the text.
 */
export function accepted(candidate: Scored, quote: TextQuoteSelector, expected: Expected, occurrences: number): boolean {
  const { quoteScore, prefixScore: before, suffixScore: after, distance } = candidate;
  const length = quote.exact.length;
  if (quoteScore < 0.8) return false;
  // Letters added make another formula — unless they are Chinese characters (a word of the prose
  // revised, 只用矩阵乘向量 → 只需矩阵乘向量) with both sides of the context all but intact, where the
  // note's neighbours put it: a look-alike sentence elsewhere does not also share 32 units either side.
  if (candidate.newContent && !(candidate.newWording && Math.min(before, after) >= 0.9 && distance <= NEAR)) return false;
  const agrees = (score: number, context: string): boolean => score >= (context.length > CONTEXT_LENGTH ? AGREES_EXTENDED : AGREES);
  if (agrees(before, quote.prefix) && agrees(after, quote.suffix)) {
    // A damaged short quote, or a damaged one whose exact words are elsewhere, may be a look-alike
    // (`\boldsymbol{C}` for `\boldsymbol{E}`): both sides must all but agree.
    if (quoteScore < 1 && Math.min(before, after) < 0.9) return false;
    // Far from where its neighbours put it (a section moved, or a look-alike elsewhere): a damaged quote,
    // or one the text holds more than once, needs all but an edit of its context.
    if (distance > FAR && (quoteScore < 1 || occurrences > 1)) return Math.min(before, after) >= 0.97;
    return true;
  }
  // Context lost on one side or both. That is what a line inserted, deleted or moved next to the quote
  // does, and then each lost side was lost at a line's edge. Then either the quote is intact, and its other
  // side nearly so, where its neighbours put it; or it is long, exact and nowhere else in the text, and
  // its neighbours leave room for it there — unless its context was made longer when stored: then the
  // post held the quote more than once, and being the only one left proves nothing.
  const prefixLost = !agrees(before, quote.prefix);
  const suffixLost = !agrees(after, quote.suffix);
  if (prefixLost && !lostAtLineEdge(quote.prefix, candidate.prefixExact, 'prefix')) return false;
  if (suffixLost && !lostAtLineEdge(quote.suffix, candidate.suffixExact, 'suffix')) return false;
  const kept = prefixLost ? (suffixLost ? 0 : after) : before;
  if (quoteScore === 1 && kept >= 0.9 && distance <= NEAR) return true;
  const hadLookAlike = quote.prefix.length > CONTEXT_LENGTH || quote.suffix.length > CONTEXT_LENGTH;
  return quoteScore === 1 && occurrences === 1 && length >= SHORT_QUOTE && !hadLookAlike && distance <= expected.slack;
}
