// The page-load watchdog: a shown page that never says 'ready' is loaded again, each time waited for
// twice as long, and given up after a few tries; a hidden page is never reloaded.
import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, it, mock } from 'node:test';
import { PageLoadWatchdog, READY_TIMEOUT_MS, RECREATED_AFTER } from '../../../src/webviewPanels/pageLoadWatchdog';

/** A panel whose visibility the test sets, with the view-state event the watchdog listens to. */
function fakePanel(visible: boolean) {
  const listeners = new Set<(event: unknown) => unknown>();
  return {
    visible,
    onDidChangeViewState: (listener: (event: unknown) => unknown) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    show(visibleNow: boolean) {
      this.visible = visibleNow;
      for (const listener of listeners) listener(undefined);
    },
  };
}

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

it('reloads a page that never says ready after 8, 16, 32 and 64 s, then gives up', () => {
  const panel = fakePanel(true);
  const waits: number[] = [];
  const watchdog = new PageLoadWatchdog(panel, (waitedMs) => {
    waits.push(waitedMs);
    watchdog.pageLoading(); // what a real reload does: new HTML
  });
  watchdog.pageLoading();
  mock.timers.tick(READY_TIMEOUT_MS - 1);
  assert.deepEqual(waits, [], 'not before the first wait is over');
  mock.timers.tick(1);
  assert.deepEqual(waits, [8_000]);
  for (const wait of [16_000, 32_000, 64_000]) {
    mock.timers.tick(wait - 1);
    const before: number = waits.length;
    mock.timers.tick(1);
    assert.equal(waits.length, before + 1, `reloaded after ${wait} ms more`);
  }
  assert.deepEqual(waits, [8_000, 16_000, 32_000, 64_000]);
  for (let i = 0; i < 10; i++) mock.timers.tick(60_000);
  assert.equal(waits.length, 4, 'given up after four reloads');
  watchdog.dispose();
});

it('a page that says ready in time is left alone, and the count starts over after it', () => {
  const panel = fakePanel(true);
  let reloads = 0;
  const watchdog = new PageLoadWatchdog(panel, () => {
    reloads++;
    watchdog.pageLoading();
  });
  watchdog.pageLoading();
  mock.timers.tick(READY_TIMEOUT_MS); // one reload
  watchdog.pageReady();
  for (let i = 0; i < 10; i++) mock.timers.tick(60_000);
  assert.equal(reloads, 1);
  // Hidden and shown again, the page loads anew: the first wait is 8 s again, not 16.
  panel.show(false);
  panel.show(true);
  mock.timers.tick(READY_TIMEOUT_MS);
  assert.equal(reloads, 2);
  watchdog.dispose();
});

it('a hidden page is not reloaded; shown, it is waited for', () => {
  const panel = fakePanel(false);
  let reloads = 0;
  const watchdog = new PageLoadWatchdog(panel, () => reloads++);
  watchdog.pageLoading();
  for (let i = 0; i < 10; i++) mock.timers.tick(60_000);
  assert.equal(reloads, 0);
  panel.show(true);
  mock.timers.tick(READY_TIMEOUT_MS);
  assert.equal(reloads, 1);
  watchdog.dispose();
});

it('an owner that can build its panel anew does so when one reload did not help, once', () => {
  const panel = fakePanel(true);
  const calls: string[] = [];
  const watchdog = new PageLoadWatchdog(
    panel,
    (waitedMs) => {
      calls.push(`reload after ${waitedMs}`);
      watchdog.pageLoading();
    },
    (waitedMs) => calls.push(`recreate after ${waitedMs}`),
  );
  watchdog.pageLoading();
  mock.timers.tick(8_000);
  mock.timers.tick(8_000);
  for (let i = 0; i < 10; i++) mock.timers.tick(60_000);
  assert.deepEqual(calls, ['reload after 8000', 'recreate after 8000']);
  watchdog.dispose();
});

it('a panel built anew goes on counting: it waits 32 and 64 s, is not replaced again, then gives up', () => {
  // On a loaded machine a page can take longer than 8 s: a new panel every 8 s, each with a fresh
  // count, would cut it off for ever (seen in CI: "opening it in a new panel" every 16 s for minutes).
  const panel = fakePanel(true);
  const calls: string[] = [];
  const replacement = new PageLoadWatchdog(
    panel,
    (waitedMs) => {
      calls.push(`reload after ${waitedMs}`);
      replacement.pageLoading();
    },
    undefined,
    RECREATED_AFTER,
  );
  replacement.pageLoading();
  mock.timers.tick(READY_TIMEOUT_MS);
  assert.deepEqual(calls, [], 'not cut off after 8 s');
  for (let i = 0; i < 20; i++) mock.timers.tick(60_000);
  assert.deepEqual(calls, ['reload after 32000', 'reload after 64000']);
  replacement.dispose();
});
