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
