// Browser side of the compute UI tests: the quick input the compute commands ask through, the
// progress notification, the status bar, the inline result (a decoration whose text lives in a CSS
// ::after rule, so innerText never sees it) and the Compute Results webview (a nested iframe).
import type { Frame, Locator, Page } from 'playwright-core';

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The line under the input box: the prompt, or the validation message once the value is refused. */
export function quickInputMessage(page: Page): Locator {
  return quickInput(page).locator('.quick-input-message');
}

/** Waits for an input box whose prompt contains `prompt`, replaces its value with `value` and presses Enter. */
export async function answerInputBox(page: Page, prompt: string | RegExp, value?: string): Promise<void> {
  await quickInputMessage(page).filter({ hasText: prompt }).waitFor({ timeout: 10_000 });
  const input = quickInput(page).locator('input');
  if (value !== undefined) await input.fill(value);
  await page.keyboard.press('Enter');
}

/** Waits for a Quick Pick row containing `text` and clicks it. */
export async function pickRow(page: Page, text: string | RegExp): Promise<void> {
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

export function notificationToasts(page: Page): Locator {
  return page.locator('.notifications-toasts .notification-toast');
}

/** Error toasts (the icon VS Code puts on showErrorMessage). */
export function errorToasts(page: Page): Locator {
  return notificationToasts(page).filter({ has: page.locator('.codicon-error') });
}

export function statusBar(page: Page): Locator {
  return page.locator('[id="workbench.parts.statusbar"]');
}

/** The text of every `after` decoration in the visible editors that contains `needle` (the ::after content, unquoted). */
export async function decorationTexts(page: Page, needle: string): Promise<string[]> {
  return page.evaluate((text) => {
    const found: string[] = [];
    for (const span of Array.from(document.querySelectorAll('.monaco-editor .view-line span'))) {
      const content = getComputedStyle(span, '::after').content;
      if (content && content !== 'none' && content.includes(text)) found.push(content.replace(/^"|"$/g, ''));
    }
    return found;
  }, needle);
}

/**
 * Whether the `after` decoration containing `needle` ends inside the editor's text area (left of the
 * minimap). Its zero-width span holds the ::after text, so the span's box ends where the text does.
 */
export async function decorationFits(page: Page, needle: string): Promise<{ readonly fits: boolean; readonly detail: string }> {
  return page.evaluate((text) => {
    for (const span of Array.from(document.querySelectorAll('.monaco-editor .view-line span'))) {
      const after = getComputedStyle(span, '::after');
      if (!after.content || after.content === 'none' || !after.content.includes(text)) continue;
      const editor = span.closest('.monaco-editor');
      const scrollable = editor?.querySelector('.monaco-scrollable-element')?.getBoundingClientRect();
      const minimap = editor?.querySelector('.minimap')?.getBoundingClientRect();
      const visibleRight = minimap && minimap.width > 0 ? minimap.left : (scrollable?.right ?? 0);
      const end = span.getBoundingClientRect().right;
      const line = span.closest('.view-line')?.textContent ?? '';
      return { fits: end <= visibleRight, detail: `decoration ${after.content} after ${JSON.stringify(line.slice(-40))} ends at ${end.toFixed(0)} px, the text area at ${visibleRight.toFixed(0)} px` };
    }
    return { fits: false, detail: `no decoration containing ${text}` };
  }, needle);
}

/** Polls until an `after` decoration containing `needle` is drawn; returns its text. */
export async function waitForDecoration(page: Page, needle: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [text] = await decorationTexts(page, needle);
    if (text) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`no editor decoration containing "${needle}" within ${timeoutMs} ms`);
}

/**
 * Scrolls the focused editor (Ctrl+Down, then Ctrl+Up: the view moves, the cursor and selection stay)
 * until an `after` decoration containing `needle` is drawn; returns its text, or '' when none appears.
 * Monaco draws only the lines in view, and the preview beside it may scroll the editor as it settles.
 */
export async function scrollToDecoration(page: Page, needle: string): Promise<string> {
  let text = await waitForDecoration(page, needle, 3_000).catch(() => '');
  for (const key of ['Control+ArrowDown', 'Control+ArrowUp']) {
    for (let tries = 0; !text && tries < 40; tries++) {
      await page.keyboard.press(key);
      text = await waitForDecoration(page, needle, 500).catch(() => '');
    }
  }
  return text;
}

/** The Compute Results webview's frame once it shows a result titled `title`. */
export async function resultsFrame(page: Page, title: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const heading = await frame
        .locator('#results > h2')
        .first()
        .innerText({ timeout: 50 })
        .catch(() => null);
      if (heading?.trim() === title) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no Compute Results panel showing "${title}" within ${timeoutMs} ms`);
}
