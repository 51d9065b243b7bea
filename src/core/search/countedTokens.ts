// Token counts of distinct texts, made where the texts are cut (the build's worker thread) so that the
// thread that builds MiniSearch only files postings. Tokenizing and counting a library's distinct texts
// (the bench's 80 MB: 7,670 texts, ≈ 1 M tokens, 19 k terms) was ≈ 40 % of building MiniSearch, and each
// token string hashed twice (its count, its term) — on the thread the cold build waits for.
//
// The worker numbers terms in the order it first meets them and sends, per batch, the terms new to it
// (strings), the texts, and per text its (term id, count) pairs in the order the tokens first occur —
// the order `BodyIndex.build` counts them itself, so the index it files is the same either way. A text
// the worker never counted (a title, a note, one it had no time for) is tokenized by the builder.
// Counting waits until the worker has cut every file it was sent (cutting is what the build waits
// for); it is what the worker does while the main thread indexes the documents.

import type { DocumentSpans } from './searchDocuments';
import { tokenize } from './tokenize';

/** Counts as they cross threads: terms new to the counter, the texts counted, then per text `pairs, (term, count) × pairs`. */
export interface TokenBatch {
  terms: string[];
  texts: string[];
  counts: Int32Array;
}

/** The counting side (the worker): term ids and the texts it has met, across every file it is given. */
export class TokenCounter {
  private readonly ids = new Map<string, number>();
  private readonly met = new Set<string>();
  private readonly counts = new Map<number, number>();

  /**
   * The texts of `text`'s spans not met before (each distinct text once, whichever file holds it
   * first). Kept as slices: they hold on to the files they were cut from for as long as this counter
   * lives (one build), which costs little more than copies would, since a file that brings new texts is
   * mostly new text — and copying them all was a tenth of the counting on a library of distinct posts.
   */
  newTexts(text: string, spans: DocumentSpans): string[] {
    const fresh: string[] = [];
    for (let k = 0; k < spans.start.length; k++) {
      const span = text.slice(spans.start[k], spans.end[k]);
      if (this.met.has(span)) continue;
      this.met.add(span);
      fresh.push(span);
    }
    return fresh;
  }

  /** The counts of `texts`; term ids continue from the previous batch (batches must be filed in order). */
  count(texts: string[]): TokenBatch {
    const terms: string[] = [];
    const out: number[] = [];
    const counts = this.counts;
    for (const text of texts) {
      counts.clear();
      for (const token of tokenize(text)) {
        let id = this.ids.get(token);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(token, id);
          terms.push(token);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      out.push(counts.size);
      for (const [id, count] of counts) out.push(id, count);
    }
    return { terms, texts, counts: Int32Array.from(out) };
  }
}

/** The building side: the counts received so far, by text. */
export class CountedTexts {
  private readonly terms: string[] = [];
  private readonly byText = new Map<string, Int32Array>();

  /** Files `batch` (batches in the order the counter made them); throws on one that does not hang together. */
  add(batch: TokenBatch): void {
    const { counts, texts } = batch;
    let at = 0;
    const found: Int32Array[] = [];
    for (let t = 0; t < texts.length; t++) {
      const pairs = counts[at];
      const end = at + 1 + 2 * pairs;
      if (!(pairs >= 0) || end > counts.length) throw new Error('token counts: malformed batch');
      found.push(counts.subarray(at + 1, end));
      at = end;
    }
    if (at !== counts.length) throw new Error('token counts: malformed batch');
    for (const term of batch.terms) this.terms.push(term);
    for (let t = 0; t < texts.length; t++) this.byText.set(texts[t], found[t]);
  }

  /** `text`'s (term id, count) pairs in first-occurrence order, or undefined when it was not counted. */
  countsOf(text: string): Int32Array | undefined {
    return this.byText.get(text);
  }

  term(id: number): string {
    const term = this.terms[id];
    if (term === undefined) throw new Error(`token counts: no term ${id}`);
    return term;
  }

  get textCount(): number {
    return this.byText.size;
  }
}
