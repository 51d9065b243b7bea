// The page's half of the click trace (preview/clickTrace.ts): when the host turned it on, the page
// keeps wall-clock marks of the messages it got and of what it put on screen, which the click bench
// reads from the frame (window.kexueTrace). Nothing is kept otherwise.
const on = document.getElementById('kexue-preview')?.dataset.trace === '1';

declare global {
  interface Window {
    kexueTrace?: string[];
  }
}

if (on) {
  // When this page's document began loading (the webview's frame was given our HTML).
  // (The shell's own mark, when its content was parsed, may be in already.)
  window.kexueTrace ??= [];
  window.kexueTrace.unshift(`${Math.round(performance.timeOrigin)} page navigation start`);
}

export function pageTrace(what: string): void {
  if (on) window.kexueTrace?.push(`${Date.now()} page ${what}`);
}

if (on) {
  // What held the first paint: each resource the page fetched (through the webview's service worker),
  // its first paints, when the fonts were in and when 'load' fired — the workbench shows the frame on
  // 'load' or 200 ms after writing it, whichever comes first.
  const origin = performance.timeOrigin;
  const at = (ms: number): number => Math.round(origin + ms);
  void document.fonts.ready.then(() => pageTrace(`fonts ready (${document.fonts.size} faces)`));
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.kexueTrace?.push(`${at(entry.startTime)} page paint ${entry.name}`);
  }).observe({ type: 'paint', buffered: true });
  window.addEventListener('load', () => {
    pageTrace('load');
    // The frame's own navigation (VS Code's fake.html, which the workbench then writes our page into):
    // when its service worker started, its request went out, its answer came, its DOM was ready.
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav) {
      const phases = { workerStart: nav.workerStart, fetchStart: nav.fetchStart, requestStart: nav.requestStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventStart };
      window.kexueTrace?.push(`${at(0)} page frame navigation ${Object.entries(phases).map(([name, ms]) => `${name} +${Math.round(ms)}`).join(' ')}`);
    }
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      window.kexueTrace?.push(`${at(entry.startTime)} page fetch ${entry.name.split('/').pop()} → ${at(entry.responseEnd)} (${Math.round(entry.responseEnd - entry.startTime)} ms)`);
    }
  });
}
