// Token counts of distinct texts, made where the texts are cut (the build's worker thread) so that the
// thread that builds MiniSearch only files postings. Tokenizing and counting a library's distinct texts
// (the bench's 80 MB: 7,670 texts, ≈ 1 M tokens, 19 k terms) was ≈ 40 % of building MiniSearch, and each
// token string hashed twice (its count, its term) — on the thread the cold build waits for.
//
// The worker numbers terms in the order it first meets them and sends, per file, the terms new to it
// (strings) and, per text new to it, its (term id, count) pairs in the order the tokens first occur —
// the order `BodyIndex.build` counts them itself, so the index it files is the same either way. A text
// the worker never counted (a title, a note, a file it failed on) is tokenized by the builder as before.

import type { DocumentSpans } from './searchDocuments';
import { tokenize } from './tokenize';
import { detachedString } from '../text/detachedString';

/** One file's counts as they cross threads: terms new to the counter, then per new text `span, pairs, (term, count) × pairs`. */
export interface TokenBatch {
  terms: string[];
  counts: Int32Array;
}

/** The counting side (the worker): term ids and the texts it has counted, across every file it is given. */
export class TokenCounter {
  private readonly ids = new Map<string, number>();
  private readonly counted = new Set<string>();
  private readonly counts = new Map<number, number>();

  /** The counts of `text`'s spans not counted before (each distinct text once, whichever file holds it first). */
  countSpans(text: string, spans: DocumentSpans): TokenBatch {
    const terms: string[] = [];
    const out: number[] = [];
    for (let k = 0; k < spans.start.length; k++) {
      const span = text.slice(spans.start[k], spans.end[k]);
      if (this.counted.has(span)) continue;
      this.counted.add(detachedString(span));
      const counts = this.counts;
      counts.clear();
      for (const token of tokenize(span)) {
        let id = this.ids.get(token);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(token, id);
          terms.push(token);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      out.push(k, counts.size);
      for (const [id, count] of counts) out.push(id, count);
    }
    return { terms, counts: Int32Array.from(out) };
  }
}

/** The building side: the counts received so far, by text. */
export class CountedTexts {
  private readonly terms: string[] = [];
  private readonly byText = new Map<string, Int32Array>();

  /** Files `batch`, the counter's answer for `text` cut into `spans` (batches in the order they were made). */
  add(text: string, spans: DocumentSpans, batch: TokenBatch): void {
    for (const term of batch.terms) this.terms.push(term);
    const { counts } = batch;
    for (let at = 0; at + 1 < counts.length; ) {
      const k = counts[at];
      const pairs = counts[at + 1];
      const end = at + 2 + 2 * pairs;
      if (k < 0 || k >= spans.start.length || pairs < 0 || end > counts.length) throw new Error('token counts: malformed batch');
      // A copy of the text as key: a slice would keep the whole file's text alive until the build ends.
      this.byText.set(detachedString(text.slice(spans.start[k], spans.end[k])), counts.subarray(at + 2, end));
      at = end;
    }
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
