// The worker thread of a cold search build (bundled as dist/searchSpansWorker.js): cuts each file's
// text into document spans (documentSpans: analyseDisplays and paragraphs) while the main thread's
// library scan reads and parses the next files. Answers each request with the spans as typed arrays
// (moved, not copied) and the time its thread spent on them.
import { parentPort } from 'node:worker_threads';
import { documentSpans } from '../core/search/searchDocuments';
import type { SpansReply, SpansRequest } from './documentSpanner';

parentPort?.on('message', (request: SpansRequest) => {
  const started = performance.now();
  let reply: SpansReply;
  try {
    const spans = documentSpans(request.text);
    reply = { type: 'spans', id: request.id, spans, ms: performance.now() - started };
    // Typed arrays made by `from`: each owns a plain ArrayBuffer, moved to the main thread.
    const moved = [spans.kind, spans.start, spans.end, spans.line, spans.equation].map((column) => column.buffer as ArrayBuffer);
    parentPort?.postMessage(reply, moved);
  } catch (error) {
    reply = { type: 'failed', id: request.id, message: (error as Error).message };
    parentPort?.postMessage(reply);
  }
});
