// The click bench's trace (KEXUE_CLICK_TRACE=<file>): its own lines, the marks the pages and frames
// keep, moved into that one file — one timeline, wall clock in ms (see click.bench.ts).
import { appendFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * KEXUE_CLICK_TRACE=<file>: the extension host appends what it did for each click to that file
 * (src/preview/clickTrace.ts), the page keeps marks, and the bench adds its clicks, what it saw and
 * the page's marks — one timeline, wall clock in ms.
 */
export const TRACE = process.env.KEXUE_CLICK_TRACE;
export function trace(what: string): void {
  if (TRACE) appendFileSync(TRACE, `${Date.now()} bench ${what}\n`);
}
/** Moves the marks the pages kept into the trace file. */
export async function tracePages(page: Page): Promise<void> {
  if (!TRACE) return;
  for (const frame of page.frames()) {
    const marks = await frame.evaluate(() => (globalThis as unknown as { kexueTrace?: string[] }).kexueTrace?.splice(0) ?? []).catch(() => [] as string[]);
    if (marks.length > 0) appendFileSync(TRACE, marks.join('\n') + '\n');
  }
}

/**
 * With the trace on, every frame (the workbench, each webview's frames) keeps marks of its long tasks
 * (over 50 ms of its event loop, with the frame they were attributed to) and the workbench of the
 * pointer events it got: whether the workbench could take the click when it came, and who held it.
 */
export function traceFrames(): void {
  const g = globalThis as unknown as {
    kexueTrace?: string[];
    location: { pathname: string };
    addEventListener(type: string, listener: () => void, capture: boolean): void;
    PerformanceObserver?: new (callback: (list: { getEntries(): Array<{ startTime: number; duration: number; attribution?: Array<{ containerType?: string; containerSrc?: string; name?: string }> }> }) => void) => { observe(options: { type: string; buffered: boolean }): void };
    performance: { timeOrigin: number };
  };
  g.kexueTrace ??= [];
  const where = g.location.pathname.includes('webview') ? 'webview frame' : 'workbench';
  try {
    new g.PerformanceObserver!((list) => {
      for (const entry of list.getEntries()) {
        const from = entry.attribution?.map((a) => `${a.name ?? ''}:${a.containerType ?? ''}:${(a.containerSrc ?? '').slice(-40)}`).join(',');
        g.kexueTrace!.push(`${Math.round(g.performance.timeOrigin + entry.startTime)} ${where} longtask ${Math.round(entry.duration)} ms ${from}`);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this frame.
  }
  if (where === 'workbench') {
    for (const type of ['pointerdown', 'click']) g.addEventListener(type, () => g.kexueTrace!.push(`${Date.now()} workbench ${type}`), true);
  }
  // The webview's outer frame (pre/index.html) keeps the page's frame hidden until the page's 'load'
  // or 200 ms after it wrote the page: the moment it shows it is when a reader can see anything.
  const doc = (globalThis as unknown as { document: { addEventListener(type: string, listener: () => void): void; body: unknown } }).document;
  const Observer = (globalThis as unknown as { MutationObserver?: new (callback: (records: Array<{ target: { id?: string; style?: { visibility?: string } } }>) => void) => { observe(node: unknown, options: Record<string, unknown>): void } }).MutationObserver;
  if (where === 'webview frame' && /\/pre\/index(-no-csp)?\.html$/.test(g.location.pathname) && Observer) {
    doc.addEventListener('DOMContentLoaded', () => {
      // Its own load, and when the workbench's 'content' got past the service worker's readiness (the
      // page's frame is created then).
      g.kexueTrace!.push(`${Date.now()} webview outer frame DOM ready (navigation started ${Math.round(g.performance.timeOrigin)})`);
      new Observer((records) => {
        for (const { target } of records) {
          if (target.id === 'active-frame' && target.style?.visibility === 'visible') g.kexueTrace!.push(`${Date.now()} webview frame shows its page`);
          if (target.id === 'pending-frame' && target.style?.visibility === 'hidden') g.kexueTrace!.push(`${Date.now()} webview outer frame creates the page's frame`);
        }
      }).observe(doc.body, { attributes: true, subtree: true, attributeFilter: ['style', 'id'] });
    });
  }
}
