// A preview tab that follows the Series view is replaced by the next click, like VS Code's preview
// editors — until the reader settles in it. Settling is what the reader does, never what we do:
// scrolling by wheel, touch or keys over a while, or a double-click in the page. The host decides
// what it means (a tab already kept ignores it).
import { post } from './vscodeApi';

/** Reading input this long after the first counts as reading, not a glance. */
const SETTLE_MS = 1500;
const SCROLL_KEYS = new Set(['PageDown', 'PageUp', 'ArrowDown', 'ArrowUp', 'Home', 'End', ' ']);

let firstInput: number | undefined;
let sent = false;

function keep(): void {
  if (sent) return;
  sent = true;
  post({ type: 'keep' });
}

function readerScrolled(): void {
  const now = performance.now();
  if (firstInput === undefined) firstInput = now;
  else if (now - firstInput >= SETTLE_MS) keep();
}

/** Another post is in the page: the reader has not settled in this one yet. */
export function resetKeepWatch(): void {
  firstInput = undefined;
  sent = false;
}

export function installKeepWatch(): void {
  window.addEventListener('wheel', readerScrolled, { passive: true });
  window.addEventListener('touchmove', readerScrolled, { passive: true });
  window.addEventListener('keydown', (event) => {
    if (SCROLL_KEYS.has(event.key)) readerScrolled();
  });
  window.addEventListener('dblclick', keep);
}
