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
 * Whether the `after` decoration containing `needle` ends inside the editor's visible width (a pseudo
 * element has no box of its own: its end is the span's right edge plus its text measured in its font).
 */
export async function decorationFits(page: Page, needle: string): Promise<{ readonly fits: boolean; readonly detail: string }> {
  return page.evaluate((text) => {
    for (const span of Array.from(document.querySelectorAll('.monaco-editor .view-line span'))) {
      const after = getComputedStyle(span, '::after');
      if (!after.content || after.content === 'none' || !after.content.includes(text)) continue;
      const context = document.createElement('canvas').getContext('2d');
      if (!context) return { fits: false, detail: 'no canvas to measure with' };
      context.font = `${after.fontStyle} ${after.fontWeight} ${after.fontSize} ${after.fontFamily}`;
      const width = context.measureText(after.content.replace(/^"|"$/g, '')).width + parseFloat(after.marginLeft || '0');
      const end = span.getBoundingClientRect().right + width;
      const editor = span.closest('.monaco-editor')?.querySelector('.monaco-scrollable-element');
      const visibleRight = editor ? editor.getBoundingClientRect().right : 0;
      const line = span.closest('.view-line')?.textContent ?? '';
      return { fits: end <= visibleRight, detail: `decoration "${after.content}" after ${JSON.stringify(line.slice(-40))} ends at ${end.toFixed(0)} px (span right ${span.getBoundingClientRect().right.toFixed(0)}, text ${width.toFixed(0)} px), the editor's visible area at ${visibleRight.toFixed(0)} px` };
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
