// A debug trace of click → math on screen (npm run bench → click, with KEXUE_CLICK_TRACE=<file>): the
// host appends timestamped lines of what it did for a click to that file, and tells the page to keep
// performance marks of its own (pages/preview/pageTrace.ts) that the bench reads out. Off — one
// undefined check per call — unless the variable is set.
import { appendFileSync } from 'node:fs';

const file = process.env.KEXUE_CLICK_TRACE;

/** Whether the click trace is on (the page is told to mark too). */
export const clickTraceOn = file !== undefined && file !== '';

/** Appends `what` with the wall clock (ms since the epoch: the page's marks use the same clock). */
export function clickTrace(what: string): void {
  if (!clickTraceOn || !file) return;
  try {
    appendFileSync(file, `${Date.now()} host ${what}\n`);
  } catch {
    // A debug trace never breaks the preview.
  }
}

/**
 * While the trace is on: the extension host's event loop checked every 10 ms, and any turn that took
 * over 40 ms written down ("host busy") — a command arriving then waited for it.
 */
if (clickTraceOn) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - 10;
    if (late > 40) clickTrace(`busy ${Math.round(late)} ms before now`);
    last = now;
  }, 10).unref();
}

/** Kilobytes of a message's JSON, for the trace (only computed when the trace is on). */
export function kbOf(message: unknown): string {
  return clickTraceOn ? `${(JSON.stringify(message).length / 1024).toFixed(0)} KB` : '';
}
