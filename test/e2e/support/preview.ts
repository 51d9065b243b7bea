// Finding and reading the Kexue preview inside the workbench: webviews are nested iframes, so the
// preview is the frame that holds #kexue-preview for the file we asked for.
import type { Frame, Page } from 'playwright-core';

export async function previewFrame(page: Page, fileName: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const uri = await frame
        .locator('#kexue-preview')
        .getAttribute('data-uri', { timeout: 50 })
        .catch(() => null);
      if (uri && decodeURIComponent(uri).endsWith(fileName)) {
        // Rendered: the host has sent the post (data-version is set by the first render).
        const version = await frame.locator('#kexue-preview').getAttribute('data-version', { timeout: 50 }).catch(() => null);
        if (version) return frame;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no rendered preview of ${fileName} within ${timeoutMs} ms`);
}

/**
 * The preview of `fileName` once its page has settled: `shown(frame)` resolved in it, it is the only
 * page of that post, and it is still there a moment later. Right after a window reload a page slower
 * than the load watchdog's wait (pageLoadWatchdog.ts, 8 s) is loaded again; the first page may still
 * say 'ready' and show everything, and is then swapped out for the second (a detached frame, seen on
 * CI). Returns the page that stays; says when it had to wait for a second one.
 */
export async function settledPreviewFrame(page: Page, fileName: string, shown: (frame: Frame) => Promise<void>, timeoutMs = 90_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const frame = await previewFrame(page, fileName, Math.max(1_000, deadline - Date.now()));
    await shown(frame);
    await page.waitForTimeout(1_500);
    const pages = await previewPagesOf(page, fileName);
    if (!frame.isDetached() && pages === 1) return frame;
    console.log(`# the preview of ${fileName} was loaded again (attempt ${attempt}: ${frame.isDetached() ? 'its page was swapped out' : `${pages} pages of it`})`);
    if (Date.now() > deadline) throw new Error(`the preview of ${fileName} did not settle within ${timeoutMs} ms`);
  }
}

/** How many webview pages currently hold the preview of `fileName`. */
async function previewPagesOf(page: Page, fileName: string): Promise<number> {
  const uris = await Promise.all(page.frames().map((frame) => frame.locator('#kexue-preview').getAttribute('data-uri', { timeout: 50 }).catch(() => null)));
  return uris.filter((uri) => uri !== null && decodeURIComponent(uri).endsWith(fileName)).length;
}

/** Runs a command from the palette by its title, the way a user does. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  const opened = await input.waitFor({ timeout: 3_000 }).then(
    () => true,
    () => false,
  );
  if (!opened) {
    // Focus left in a webview's frame (a results panel, a preview) can keep F1 from the workbench:
    // give it to an editor and ask again.
    await page.locator('.monaco-editor textarea').first().focus().catch(() => undefined);
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10_000 });
  }
  await input.fill(`>${title}`);
  // Click the row labelled exactly `title`: Enter would run whichever row has focus, and on a slow
  // machine that can still be a recently used command the list has not yet filtered away.
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
    .first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  // The palette has taken the command once it closes or shows the command's own question.
  await page.waitForFunction(
    () => {
      const box = document.querySelector<HTMLInputElement>('.quick-input-widget input');
      return !box || box.offsetParent === null || !box.value.startsWith('>');
    },
    undefined,
    { timeout: 10_000 },
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reloads the window as a user does (the command, not page.reload(): it flushes the workbench state
 * first, and a bare page reload can beat code-server's storage write and lose editors opened just
 * before), and waits for the new workbench. Not the page's `load` event: that also waits for every
 * webview frame, and a restored webview whose resources are slow can hold it back for good.
 */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('domcontentloaded', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().waitFor({ timeout: 60_000 });
}

/** Opens a file by name through Quick Open. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}
