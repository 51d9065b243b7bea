// Making a new annotation from a range of a post's source text, and bringing stored selectors up to
// date once an annotation has been found elsewhere (the "moved" state is written back on the next save).
import { analysePost, formulaAt, type PostAnalysis } from '../editor/postAnalysis';
import { describeRange } from './anchor';
import { DEFAULT_COLOR, W3C_CONTEXT, type Anchor, type Annotation, type EquationRef, type Motivation, type PostIdentity, type TextualBody } from './model';

export interface NewAnnotation {
  identity: PostIdentity;
  text: string;
  start: number;
  end: number;
  note?: string;
  color?: string;
  tags?: readonly string[];
  motivation?: Motivation;
  /** ISO time; passed in so callers (and tests) decide the clock. */
  now: string;
  id?: string;
}

/** The display equation holding [start, end), with its label and number, when there is one. */
let lastAnalysis: PostAnalysis | undefined;

export function equationAt(text: string, start: number, end: number): EquationRef | undefined {
  // Several notes are often made on one text in a row: analyse it once.
  const analysis = lastAnalysis?.text === text ? lastAnalysis : (lastAnalysis = analysePost(text));
  const formula = formulaAt(analysis, start);
  if (!formula || !formula.region.display || end > formula.region.end) return undefined;
  const index = analysis.formulas.indexOf(formula);
  const label = analysis.definitions.find((d) => d.formula === index)?.label ?? null;
  const number = (label !== null ? analysis.numbers.get(label) : undefined) ?? formula.numbers[0] ?? null;
  return label === null && number === null ? undefined : { label, number };
}

export function bodiesFor(note: string | undefined, tags: readonly string[] | undefined): TextualBody[] {
  const bodies: TextualBody[] = [];
  if (note !== undefined && note.trim() !== '') bodies.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: note });
  for (const tag of new Set((tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))) bodies.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  return bodies;
}

export function createAnnotation(input: NewAnnotation): Annotation {
  const body = bodiesFor(input.note, input.tags);
  const motivation: Motivation = input.motivation ?? (body.some((b) => b.purpose === 'commenting') ? 'commenting' : body.length > 0 ? 'tagging' : 'highlighting');
  const equation = equationAt(input.text, input.start, input.end);
  return {
    '@context': W3C_CONTEXT,
    id: input.id ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: 'Annotation',
    motivation,
    created: input.now,
    modified: input.now,
    body,
    target: { source: input.identity.source, selector: describeRange(input.text, input.start, input.end), ...(equation ? { equation } : {}) },
    color: input.color ?? DEFAULT_COLOR,
  };
}

/** The annotations with the selectors of every moved one rewritten for `text`; orphans keep theirs. */
export function refreshSelectors(text: string, annotations: readonly Annotation[], anchors: readonly Anchor[]): Annotation[] {
  return annotations.map((annotation, i) => {
    const anchor = anchors[i];
    if (!anchor || anchor.status !== 'moved') return annotation;
    return { ...annotation, target: { ...annotation.target, selector: describeRange(text, anchor.start, anchor.end) } };
  });
}

/** Where each copy of `quote` starts, from `from` on (overlapping copies too). */
function* occurrencesOf(text: string, quote: string, from: number): Generator<number> {
  if (quote.length > 0) for (let at = text.indexOf(quote, from); at >= 0; at = text.indexOf(quote, at + 1)) yield at;
}

/** How many times the quote occurs from `from` on, counted as findOccurrence counts them. */
export function countOccurrences(text: string, quote: string, from = 0): number {
  let count = 0;
  for (const _ of occurrencesOf(text, quote, from)) count++;
  return count;
}

/**
 * The `occurrence`-th (1-based) copy of `quote` in the post's body: the front matter (`from` is where the
 * body starts) is metadata the preview does not show, and its title often holds the very words a reader
 * quotes ("伪逆" first occurs in `title:`), so a note there could never be seen in the page.
 */
export function findOccurrence(text: string, quote: string, occurrence = 1, from = 0): { start: number; end: number } | { error: string } {
  if (quote.length === 0) return { error: 'the quote is empty' };
  if (!Number.isInteger(occurrence) || occurrence < 1) return { error: `--occurrence must be a whole number ≥ 1, not ${occurrence}` };
  let count = 0;
  for (const at of occurrencesOf(text, quote, from)) {
    if (++count === occurrence) return { start: at, end: at + quote.length };
  }
  if (count === 0) return { error: from > 0 && text.lastIndexOf(quote, from - 1) >= 0 ? 'the quote occurs only in the front matter, which the preview does not show' : 'the quote does not occur in the post' };
  return { error: `the quote occurs ${count === 1 ? 'once' : `${count} times`} in the post's text, not ${occurrence}` };
}
