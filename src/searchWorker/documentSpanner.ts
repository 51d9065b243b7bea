// Document spans of a search build, cut in a worker thread (spansWorker.ts) while the library scan
// goes on (or the extension reads the next files), or in this thread where no worker can run. The
// worker also counts the tokens of each text new to it (countedTokens.ts): `countedTokens` gathers
// them for `SearchIndex.prepare`, which then only files postings. On a 2-core machine the scan
// (reading, decoding, parsing: ≈ 1.2 s for the bench's 80 MB) and the cutting (≈ 0.9 s) then overlap
// instead of following each other. The text crosses to the worker as a copy (a memcpy per file); the
// spans come back as typed arrays, moved. A worker that fails hands its files back to this thread:
// the spans are the same either way (`documentSpans` is pure), only where they are computed differs.

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { CountedTexts, documentSpans, type DocumentSpans, type TokenBatch } from '../core/search';
import { assertNever } from '../core/protocol/assertNever';

/** A file to cut, or (after the last file) the call to count what is left and say so. */
export type SpansRequest = { type: 'cut'; id: number; text: string; count: boolean } | { type: 'finish' };

export type SpansReply =
  | { type: 'spans'; id: number; spans: DocumentSpans; ms: number }
  | { type: 'tokens'; tokens: TokenBatch; ms: number }
  | { type: 'counted' }
  | { type: 'failed'; id: number; message: string };

interface Pending {
  resolve(spans: DocumentSpans | undefined): void;
}

export class DocumentSpanner {
  private readonly submitted = new Map<string, Promise<DocumentSpans | undefined>>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Milliseconds the worker thread spent cutting and counting (its own clock), and files it cut. */
  workerMs = 0;
  workerFiles = 0;
  private counted: CountedTexts | undefined = new CountedTexts();
  private finished: (() => void) | undefined;

  private constructor(
    private worker: Worker | undefined,
    private readonly countTokens: boolean,
  ) {
    worker?.on('message', (reply: SpansReply) => {
      switch (reply.type) {
        case 'spans':
          this.workerMs += reply.ms;
          this.workerFiles++;
          this.settle(reply.id, reply.spans);
          break;
        case 'tokens':
          this.workerMs += reply.ms;
          this.addTokens(reply.tokens);
          break;
        case 'counted':
          this.finished?.();
          break;
        case 'failed':
          this.settle(reply.id, undefined);
          break;
        default:
          assertNever(reply, 'search spans reply');
      }
    });
    // A worker that dies leaves its files to this thread.
    const lost = (): void => {
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.resolve(undefined);
      this.pending.clear();
      this.finished?.();
    };
    worker?.on('error', lost);
    worker?.on('exit', lost);
  }

  /** A spanner with a worker thread running `script` (dist/searchSpansWorker.js), or without one when it is missing or undefined; `countTokens`: the worker also counts the texts' tokens (`allCounted`). */
  static start(script: string | undefined, countTokens = true): DocumentSpanner {
    let worker: Worker | undefined;
    try {
      worker = script !== undefined && existsSync(script) ? new Worker(script) : undefined;
    } catch {
      worker = undefined;
    }
    return new DocumentSpanner(worker, countTokens);
  }

  private settle(id: number, spans: DocumentSpans | undefined): void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    waiting?.resolve(spans);
  }

  /**
   * Batches come in the order the worker made them (one missing only ends the worker's counting: the
   * texts counted so far stand). One that cannot be filed ends the counts here: later batches' term
   * ids could name terms only it brought.
   */
  private addTokens(tokens: TokenBatch): void {
    if (!this.counted) return;
    try {
      this.counted.add(tokens);
    } catch {
      this.counted = undefined;
    }
  }

  /** The tokens the worker counted (for `SearchIndex.prepare`); undefined when none can be trusted. */
  get countedTokens(): CountedTexts | undefined {
    return this.counted && this.counted.textCount > 0 ? this.counted : undefined;
  }

  get hasWorker(): boolean {
    return this.worker !== undefined;
  }

  /** Hands `text` to the worker now (nothing without one: `spansOf` cuts it then). */
  submit(file: string, text: string): void {
    const worker = this.worker;
    if (!worker || this.submitted.has(file)) return;
    const id = this.nextId++;
    this.submitted.set(file, new Promise((resolve) => this.pending.set(id, { resolve })));
    const request: SpansRequest = { type: 'cut', id, text, count: this.countTokens };
    worker.postMessage(request);
  }

  /** The spans of `file` (its `text`): the worker's when it was submitted and answered, else cut here. */
  async spansOf(file: string, text: string): Promise<DocumentSpans> {
    const submitted = this.submitted.get(file);
    this.submitted.delete(file);
    return (submitted && (await submitted)) ?? documentSpans(text);
  }

  /**
   * The tokens of every text the worker was sent, counted (it counts what is left now, after the files
   * it was sent); undefined without a worker or when its counts cannot be trusted. The thread that
   * builds MiniSearch waits for them instead of tokenizing the same texts beside the worker.
   */
  async allCounted(): Promise<CountedTexts | undefined> {
    const worker = this.worker;
    if (worker) {
      const done = new Promise<void>((resolve) => (this.finished = resolve));
      const request: SpansRequest = { type: 'finish' };
      worker.postMessage(request);
      await done;
      this.finished = undefined;
    }
    return this.countedTokens;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

