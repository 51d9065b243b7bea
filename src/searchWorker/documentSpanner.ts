// Document spans of a cold search build, cut in a worker thread (searchSpansWorker.ts) while the
// library scan goes on, or in this thread where no worker can run. On a 2-core machine the scan
// (reading, decoding, parsing: ≈ 1.2 s for the bench's 80 MB) and the cutting (≈ 0.9 s) then overlap
// instead of following each other. The text crosses to the worker as a copy (a memcpy per file); the
// spans come back as typed arrays, moved. A worker that fails hands its files back to this thread:
// the spans are the same either way (`documentSpans` is pure), only where they are computed differs.

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { documentSpans, type DocumentSpans } from '../core/search';
import { assertNever } from '../core/protocol/assertNever';

export interface SpansRequest {
  id: number;
  text: string;
}

export type SpansReply = { type: 'spans'; id: number; spans: DocumentSpans; ms: number } | { type: 'failed'; id: number; message: string };

interface Pending {
  resolve(spans: DocumentSpans | undefined): void;
}

export class DocumentSpanner {
  private readonly submitted = new Map<string, Promise<DocumentSpans | undefined>>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Milliseconds the worker thread spent cutting (its own clock), and files it cut. */
  workerMs = 0;
  workerFiles = 0;

  private constructor(private worker: Worker | undefined) {
    worker?.on('message', (reply: SpansReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      switch (reply.type) {
        case 'spans':
          this.workerMs += reply.ms;
          this.workerFiles++;
          waiting?.resolve(reply.spans);
          break;
        case 'failed':
          waiting?.resolve(undefined);
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
    };
    worker?.on('error', lost);
    worker?.on('exit', lost);
  }

  /** A spanner with a worker thread running `script` (dist/searchSpansWorker.js), or without one when it is missing or undefined. */
  static start(script: string | undefined): DocumentSpanner {
    let worker: Worker | undefined;
    try {
      worker = script !== undefined && existsSync(script) ? new Worker(script) : undefined;
    } catch {
      worker = undefined;
    }
    return new DocumentSpanner(worker);
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
    const request: SpansRequest = { id, text };
    worker.postMessage(request);
  }

  /** The spans of `file` (its `text`): the worker's when it was submitted and answered, else cut here. */
  async spansOf(file: string, text: string): Promise<DocumentSpans> {
    const submitted = this.submitted.get(file);
    this.submitted.delete(file);
    return (submitted && (await submitted)) ?? documentSpans(text);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

