// The worker thread of a search build (bundled as dist/searchSpansWorker.js; `kexue search` and the
// extension's background build): cuts each file's text into document spans (documentSpans:
// analyseDisplays and paragraphs) while the main thread reads and parses the next files, and answers
// at once with the spans as typed arrays (moved, not copied) and the time its thread spent. The texts
// it has not met before are kept, and tokenized and counted (countedTokens.ts) when no file waits to
// be cut — while the main thread indexes the documents — and the rest on `finish`, which the main
// thread sends after its last file and waits for before it builds MiniSearch from the counts.
import { parentPort } from 'node:worker_threads';
import { TokenCounter } from '../core/search/countedTokens';
import { documentSpans } from '../core/search/searchDocuments';
import type { SpansReply, SpansRequest } from './documentSpanner';

/** Undefined once counting failed: its term ids may have moved without a batch to say so; the main thread tokenizes the rest. */
let counter: TokenCounter | undefined = new TokenCounter();
/** Texts met, in the order they were met; those from `head` on are not counted yet. */
let uncounted: string[] = [];
let head = 0;
let scheduled = false;
/** Texts counted per batch: small enough that a file sent meanwhile waits little. */
const BATCH_TEXTS = 64;

function stopCounting(): void {
  counter = undefined;
  uncounted = [];
  head = 0;
}

function scheduleCounting(): void {
  if (scheduled || head === uncounted.length) return;
  scheduled = true;
  // After the messages that are waiting: cutting a file comes first.
  setImmediate(() => {
    scheduled = false;
    countSome();
    scheduleCounting();
  });
}

function countSome(): void {
  const texts = uncounted.slice(head, head + BATCH_TEXTS);
  head += texts.length;
  if (head === uncounted.length) {
    uncounted = [];
    head = 0;
  }
  if (!counter || texts.length === 0) return;
  const started = performance.now();
  let reply: SpansReply;
  try {
    reply = { type: 'tokens', tokens: counter.count(texts), ms: performance.now() - started };
  } catch {
    stopCounting();
    return;
  }
  parentPort?.postMessage(reply, [reply.tokens.counts.buffer as ArrayBuffer]);
}

/** Counts every text not counted yet, then says so (the main thread waits for it to build MiniSearch). */
function finish(): void {
  while (counter && head < uncounted.length) countSome();
  const reply: SpansReply = { type: 'counted' };
  parentPort?.postMessage(reply);
}

parentPort?.on('message', (request: SpansRequest) => {
  if (request.type === 'finish') {
    finish();
    return;
  }
  const started = performance.now();
  let reply: SpansReply;
  try {
    const spans = documentSpans(request.text);
    try {
      if (counter && request.count) for (const text of counter.newTexts(request.text, spans)) uncounted.push(text);
    } catch {
      stopCounting();
    }
    reply = { type: 'spans', id: request.id, spans, ms: performance.now() - started };
    // Typed arrays made by `from`: each owns a plain ArrayBuffer, moved to the main thread.
    const moved = [spans.kind, spans.start, spans.end, spans.line, spans.equation].map((column) => column.buffer as ArrayBuffer);
    parentPort?.postMessage(reply, moved);
  } catch (error) {
    reply = { type: 'failed', id: request.id, message: (error as Error).message };
    parentPort?.postMessage(reply);
  }
  scheduleCounting();
});
