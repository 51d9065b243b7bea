// The worker thread of a search build (bundled as dist/searchSpansWorker.js; `kexue search` and the
// extension's background build): cuts each file's text into document spans (documentSpans:
// analyseDisplays and paragraphs) while the main thread reads and parses the next files, and answers
// at once with the spans as typed arrays (moved, not copied) and the time its thread spent. The texts
// it has not met before are kept, and tokenized and counted (countedTokens.ts) only when no file
// waits to be cut: the main thread indexes the documents meanwhile, and takes what was counted when
// it builds MiniSearch (it tokenizes the rest itself, and ends this thread).
import { parentPort } from 'node:worker_threads';
import { TokenCounter } from '../core/search/countedTokens';
import { documentSpans } from '../core/search/searchDocuments';
import type { SpansReply, SpansRequest } from './documentSpanner';

/** Undefined once counting failed: its term ids may have moved without a batch to say so; the main thread tokenizes the rest. */
let counter: TokenCounter | undefined = new TokenCounter();
/** Texts met but not counted yet, in the order they were met. */
let uncounted: string[] = [];
let scheduled = false;
/** Texts counted per batch: small enough that a file sent meanwhile waits little. */
const BATCH_TEXTS = 64;

function scheduleCounting(): void {
  if (scheduled || uncounted.length === 0) return;
  scheduled = true;
  // After the messages that are waiting: cutting a file comes first.
  setImmediate(countSome);
}

function countSome(): void {
  scheduled = false;
  const texts = uncounted.slice(0, BATCH_TEXTS);
  uncounted = uncounted.slice(BATCH_TEXTS);
  if (!counter || texts.length === 0) return;
  const started = performance.now();
  let reply: SpansReply;
  try {
    reply = { type: 'tokens', tokens: counter.count(texts), ms: performance.now() - started };
  } catch {
    counter = undefined;
    uncounted = [];
    return;
  }
  parentPort?.postMessage(reply, [reply.tokens.counts.buffer as ArrayBuffer]);
  scheduleCounting();
}

parentPort?.on('message', (request: SpansRequest) => {
  const started = performance.now();
  let reply: SpansReply;
  try {
    const spans = documentSpans(request.text);
    try {
      if (counter) for (const text of counter.newTexts(request.text, spans)) uncounted.push(text);
    } catch {
      counter = undefined;
      uncounted = [];
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
