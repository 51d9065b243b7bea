// UI test of the preview page in headless Chromium (the real webview bundle and CSS, no workbench): what
// the page tells the host as the reader scrolls — the source line at its top (scroll sync, and the place
// reading progress saves) and, once the bottom of the post is in view, `atEnd` (the post is read). A
// scroll the page makes itself (the host asked for a line) reports nothing.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/core/protocol/preview';
import { PostRenderer } from '../../src/core/render';
import { pageShell, renderMessage } from './support/previewPage';

type RevealLine = Extract<WebviewToHost, { type: 'revealLine' }>;

function post(sections: number): string {
  const parts = ['---', 'title: 阅读位置测试', '---', '', '# 阅读位置测试', ''];
  for (let i = 0; i < sections; i++) {
    parts.push(`## 第${i}节`, '', `第${i}节的正文，足够长以便换行，读者一路读下去。`.repeat(5), '', `$$x_{${i}} = \\frac{${i}}{${i} + 1}$$`, '');
  }
  parts.push('全文完。', '');
  return parts.join('\n');
}

async function reveals(page: Page): Promise<RevealLine[]> {
  const all = await page.evaluate(() => (window as unknown as { posted: WebviewToHost[] }).posted);
  return all.filter((m): m is RevealLine => m.type === 'revealLine');
}

/** Polls what the page posted until `check` finds it (frames come slowly on a loaded machine). */
async function waitForReveal(page: Page, what: string, check: (m: RevealLine) => boolean, timeoutMs = 10_000): Promise<RevealLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = (await reveals(page)).find(check);
    if (hit) return hit;
    if (Date.now() > deadline) assert.fail(`no revealLine ${what}: ${JSON.stringify(await reveals(page))}`);
    await page.waitForTimeout(50);
  }
}

describe('Preview page in Chromium: the reading place it reports', { timeout: 300_000 }, () => {
  let browser: Browser;
  let page: Page;
  let scratch: string;
  const text = post(40);

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-reading-place-'));
    const shell = path.join(scratch, 'preview.html');
    writeFileSync(shell, pageShell(process.cwd()));
    browser = await chromium.launch({
      executablePath: process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
    });
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(pathToFileURL(shell).href);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    const message: HostToWebview = renderMessage(new PostRenderer().render(text, {}));
    await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'rendered'));
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a scroll to the host\'s line reports nothing; the reader\'s scroll reports the line at the top, not at the end', async () => {
    const line = text.split('\n').indexOf('## 第20节');
    await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), { type: 'scrollToLine', line } as HostToWebview);
    await page.waitForFunction(() => window.scrollY > 0);
    // Give the page's own scroll a few frames to (wrongly) report itself.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await reveals(page), [], 'the page\'s own scroll is not the reader\'s');

    // The reader wheels on. A wheel that lands while the page is still settling its own scroll (the
    // blocks around the target being laid out) is taken as part of it, so wheel a little at a time
    // until the page reports the reader's place.
    await page.mouse.move(450, 350);
    const deadline = Date.now() + 10_000;
    let middle: RevealLine | undefined;
    while (!middle && Date.now() < deadline) {
      await page.mouse.wheel(0, 100);
      middle = await waitForReveal(page, 'after a wheel scroll', () => true, 500).catch(() => undefined);
    }
    assert.ok(middle, `no revealLine after wheel scrolls: ${JSON.stringify(await reveals(page))}`);
    assert.ok(middle.line > line && middle.line < line + 40, `the line at the top after scrolling on from ${line}: ${middle.line}`);
    assert.equal(middle.atEnd, false);
  });

  it('reports atEnd once the reader scrolls the bottom of the post into view', async () => {
    const before = (await reveals(page)).length;
    // Content far below is laid out only as it comes near: wheel down until the page stops moving.
    for (let last = -1, y = await page.evaluate(() => window.scrollY); y !== last; ) {
      await page.mouse.wheel(0, 5_000);
      await page.waitForTimeout(100);
      last = y;
      y = await page.evaluate(() => window.scrollY);
    }
    const end = await waitForReveal(page, 'with atEnd', (m) => m.atEnd === true);
    assert.ok((await reveals(page)).length > before);
    const lastLine = text.split('\n').indexOf('全文完。');
    assert.ok(end.line > lastLine - 40 && end.line <= lastLine, `the top line at the end: ${end.line} (last ${lastLine})`);
  });
});
