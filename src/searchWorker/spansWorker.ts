// The worker thread of a search build (bundled as dist/searchSpansWorker.js; `kexue search` and the
// extension's background build): cuts each file's text into document spans (documentSpans:
// analyseDisplays and paragraphs) and counts the tokens of each text it has not met before
// (countedTokens.ts), while the main thread reads and parses the next files. Answers each request
// with the spans and counts as typed arrays (moved, not copied) and the time its thread spent.
import { parentPort } from 'node:worker_threads';
import { TokenCounter, type TokenBatch } from '../core/search/countedTokens';
import { documentSpans } from '../core/search/searchDocuments';
import type { SpansReply, SpansRequest } from './documentSpanner';

/** Undefined once counting failed: its term ids may have moved without a batch to say so; the main thread tokenizes the rest. */
let counter: TokenCounter | undefined = new TokenCounter();

parentPort?.on('message', (request: SpansRequest) => {
  const started = performance.now();
  let reply: SpansReply;
  try {
    const spans = documentSpans(request.text);
    let tokens: TokenBatch | undefined;
    try {
      tokens = counter?.countSpans(request.text, spans);
    } catch {
      counter = undefined;
    }
    reply = { type: 'spans', id: request.id, spans, tokens, ms: performance.now() - started };
    // Typed arrays made by `from`: each owns a plain ArrayBuffer, moved to the main thread.
    const moved = [spans.kind, spans.start, spans.end, spans.line, spans.equation, ...(tokens ? [tokens.counts] : [])].map((column) => column.buffer as ArrayBuffer);
    parentPort?.postMessage(reply, moved);
  } catch (error) {
    reply = { type: 'failed', id: request.id, message: (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
