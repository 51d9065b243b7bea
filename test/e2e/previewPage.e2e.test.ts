// UI test of the preview page itself in headless Chromium, without a workbench around it: the real
// webview bundle and CSS showing a long post of our own. Off-screen blocks are not laid out
// (content-visibility: auto), so block heights are estimates until they come near — scroll sync must
// still land on the line asked for; and a long post's two renders (first screens, then the whole
// page) must each be painted, in order.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/core/protocol/preview';
import { firstScreen, PostRenderer } from '../../src/core/render';
import { pageShell, renderMessage } from './support/previewPage';

/** Sections of prose and displays whose heights are far from the 3em placeholder height. */
function longPost(sections: number): string {
  const parts = ['---', 'title: 长文滚动测试', '---', '', '# 长文滚动测试', ''];
  for (let i = 0; i < sections; i++) {
    parts.push(`## 第${i}节`, '', `这一节讨论第${i}个式子，文字足够长以便换行。`.repeat(4 + (i % 5)), '');
    parts.push('\\begin{equation}', `\\sum_{k=0}^{${i}} \\frac{\\binom{${i}}{k}}{\\sqrt{k + 1}} = \\int_0^1 \\left(\\frac{1 + x}{1 - x^{${i + 2}}}\\right)^{\\frac{1}{2}} dx\\label{eq:${i}}`, '\\end{equation}', '');
  }
  return parts.join('\n');
}

/** Waits until the block of `line` is at the top of the page (the page aims again for a few frames). */
async function topOf(page: Page, line: number): Promise<number> {
  const block = page.locator(`#content > [data-line="${line}"]`);
  // Frames come slowly on a loaded machine: poll instead of waiting a fixed time.
  await block.evaluate((el) => new Promise<void>((resolve) => {
    const deadline = performance.now() + 5_000;
    const check = () => (Math.abs(el.getBoundingClientRect().top - 4) <= 3 || performance.now() > deadline ? resolve() : requestAnimationFrame(check));
    setTimeout(check, 100);
  }));
  return block.evaluate((el) => el.getBoundingClientRect().top);
}

async function openPage(browser: Browser, shell: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  await page.goto(pathToFileURL(shell).href);
  await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
  return page;
}

async function dispatch(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
}

/** What the page posted, each with the number of top-level blocks it held at that moment. */
async function posted(page: Page): Promise<(WebviewToHost & { blocks: number })[]> {
  return page.evaluate(() => (window as unknown as { posted: (WebviewToHost & { blocks: number })[] }).posted);
}

describe('Preview page in Chromium: a long post', { timeout: 300_000 }, () => {
  let browser: Browser;
  let page: Page;
  let scratch: string;
  let shell: string;
  const text = longPost(240);

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-preview-page-'));
    shell = path.join(scratch, 'preview.html');
    writeFileSync(shell, pageShell(process.cwd()));
    browser = await chromium.launch({
      executablePath: process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
    });
    page = await openPage(browser, shell);
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('paints the first screens, then the whole page, each in turn', async () => {
    const lines = firstScreen(text);
    assert.ok(lines, 'the post is long enough for two steps');
    const renderer = new PostRenderer();
    const head = renderer.render(text, { lines });
    const whole = renderer.render(text);
    assert.ok(head.partial && !whole.partial);
    // Two message events queued back to back, as the host's two posts arrive: the page must still
    // paint the first screens before it takes the whole page.
    await page.evaluate(([first, second]) => {
      window.postMessage(first, '*');
      window.postMessage(second, '*');
    }, [renderMessage(head, 1), renderMessage(whole, 2)]);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string; version?: number }[] }).posted.some((m) => m.type === 'rendered' && m.version === 2));
    const acks = (await posted(page)).flatMap((m) => (m.type === 'rendered' ? [m] : []));
    assert.deepEqual(acks.map((ack) => ack.version), [1, 2]);
    const blocks = await page.locator('#content > *').count();
    assert.ok(blocks > 400, `${blocks} blocks on the page`);
    // The first screens were on the page, alone, when their paint was acknowledged.
    assert.ok(acks[0].blocks < blocks / 5, `${acks[0].blocks} blocks at the first paint, ${blocks} in all`);
    assert.equal(acks[1].blocks, blocks);
    assert.equal(await page.locator('#content .math-display[data-eq-numbers]').count(), 240);
    assert.equal(await page.locator('#content > *').first().evaluate((el) => getComputedStyle(el).contentVisibility), 'auto');
  });

  it('scrolls a far line to the top although the blocks before it were never laid out', async () => {
    const lines = await page.locator('#content > [data-line]').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.line)));
    // Far jumps both ways, into regions the page has not laid out yet.
    for (const fraction of [0.8, 0.3, 0.95, 0.55, 0.1]) {
      const line = lines[Math.floor(lines.length * fraction)];
      await dispatch(page, { type: 'scrollToLine', line });
      const top = await topOf(page, line);
      assert.ok(Math.abs(top - 4) <= 3, `line ${line} (${Math.round(fraction * 100)} % down) is ${Math.round(top)} px from the top, not 4`);
    }
  });

  it("opens a listing page at an entry with the entry's card at the top, its title in view", async () => {
    // A listing page (the `D Mon` layout) of 40 entries; the card, its title and its date carry the same
    // source line, and the page once aimed at the last of them: the date at the top, the title above it.
    const entries = Array.from({ length: 40 }, (_, i) => `${(i % 28) + 1} Mar\n\n第${i}篇:一篇摘录的标题\n\n${'这是摘录的正文，足够长以便换行。'.repeat(6)}\n\n点击阅读全文...\n`);
    const listing = new PostRenderer().render(entries.join('\n'));
    const other = await openPage(browser, shell);
    try {
      await dispatch(other, renderMessage(listing, 1));
      await other.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'rendered'));
      const cards = await other.locator('#content .digest-entry').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.line)));
      assert.equal(cards.length, 40);
      for (const line of [cards[25], cards[8]]) {
        await dispatch(other, { type: 'scrollToLine', line });
        const card = other.locator(`#content .digest-entry[data-line="${line}"]`);
        await card.evaluate((el) => new Promise<void>((resolve) => {
          const deadline = performance.now() + 5_000;
          const check = () => (Math.abs(el.getBoundingClientRect().top - 4) <= 3 || performance.now() > deadline ? resolve() : requestAnimationFrame(check));
          setTimeout(check, 100);
        }));
        const [cardTop, titleTop] = await card.evaluate((el) => [el.getBoundingClientRect().top, el.querySelector('.digest-title')?.getBoundingClientRect().top ?? -1]);
        assert.ok(Math.abs(cardTop - 4) <= 3, `the card of line ${line} is ${Math.round(cardTop)} px from the top, not 4`);
        assert.ok(titleTop >= 0, `its title is in view (${Math.round(titleTop)} px)`);
      }
    } finally {
      await other.close();
    }
  });

  it('reopened deep in the post, shows the lines around the reader first and keeps them at the top', async () => {
    const landing = text.split('\n').findIndex((line) => line === '## 第180节');
    const lines = firstScreen(text, landing);
    assert.ok(lines && lines.from > 0);
    const renderer = new PostRenderer();
    const around = renderer.render(text, { lines });
    const whole = renderer.render(text);
    const reopened = await openPage(browser, shell);
    try {
      await reopened.evaluate(([first, second]) => {
        window.postMessage(first, '*');
        window.postMessage(second, '*');
      }, [{ ...renderMessage(around, 1), line: landing }, { ...renderMessage(whole, 2), line: landing }]);
      await reopened.waitForFunction(() => (window as unknown as { posted: { type: string; version?: number }[] }).posted.some((m) => m.type === 'rendered' && m.version === 2));
      const acks = (await posted(reopened)).flatMap((m) => (m.type === 'rendered' ? [m] : []));
      assert.deepEqual(acks.map((ack) => ack.version), [1, 2]);
      assert.ok(acks[0].blocks < acks[1].blocks / 5, `${acks[0].blocks} blocks at the first paint, ${acks[1].blocks} in all`);
      const top = await topOf(reopened, landing);
      assert.ok(Math.abs(top - 4) <= 3, `the landing heading is ${Math.round(top)} px from the top once the whole page is in`);
    } finally {
      await reopened.close();
    }
  });

  it('takes a long post in parts, one task each, asking for the next after each; the result is the whole page', async () => {
    const lines = firstScreen(text);
    assert.ok(lines);
    const renderer = new PostRenderer();
    const head = renderer.render(text, { lines });
    const whole = renderer.render(text);
    const ends = whole.blockEnds ?? [];
    assert.ok(ends.length > 10 && ends[ends.length - 1] === whole.html.length, 'block ends cover the HTML');
    // Four parts cut at block ends, as the host cuts them.
    const cuts = [1, 2, 3].map((k) => ends.find((end) => end >= (whole.html.length * k) / 4) ?? whole.html.length);
    const parts = [0, ...cuts].map((start, i) => whole.html.slice(start, cuts[i]));
    assert.equal(parts.join(''), whole.html);
    const fresh = await openPage(browser, shell);
    try {
      await dispatch(fresh, renderMessage(head, 1));
      await fresh.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'rendered'));
      await dispatch(fresh, { ...renderMessage(whole, 2), html: parts[0], parts: 4 });
      for (let part = 1; part < 4; part++) {
        // The page asks for each part when it has put the one before in.
        await fresh.waitForFunction((p) => (window as unknown as { posted: { type: string; version?: number; part?: number }[] }).posted.some((m) => m.type === 'renderedPart' && m.version === 2 && m.part === p - 1), part);
        assert.ok(!(await posted(fresh)).some((m) => m.type === 'rendered' && m.version === 2), `render 2 is not done before part ${part}`);
        await dispatch(fresh, { type: 'renderPart', version: 2, part, html: parts[part] });
      }
      await fresh.waitForFunction(() => (window as unknown as { posted: { type: string; version?: number }[] }).posted.some((m) => m.type === 'rendered' && m.version === 2));
      const inParts = await fresh.locator('#content').evaluate((el) => Array.from(el.children, (child) => child.outerHTML));
      // The same page as the whole render in one message gives.
      const check = await openPage(browser, shell);
      try {
        await dispatch(check, renderMessage(whole, 1));
        await check.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'rendered'));
        const inOne = await check.locator('#content').evaluate((el) => Array.from(el.children, (child) => child.outerHTML));
        assert.equal(inParts.length, inOne.length);
        assert.deepEqual(inParts, inOne);
      } finally {
        await check.close();
      }
    } finally {
      await fresh.close();
    }
  });

  it('shows the first render its shell carries at once, and tells the host in ready', async () => {
    const lines = firstScreen(text);
    const head = new PostRenderer().render(text, { lines });
    const carried = path.join(scratch, 'carried.html');
    writeFileSync(carried, pageShell(process.cwd(), '', renderMessage(head, 7)));
    const shown = await openPage(browser, carried);
    try {
      const ready = (await posted(shown)).find((m) => m.type === 'ready');
      assert.deepEqual(ready && { ...ready, blocks: undefined }, { type: 'ready', restoredLine: undefined, shown: 7, blocks: undefined });
      // On the page before 'ready' went out, with its formulas; the data block itself is gone.
      assert.ok((ready?.blocks ?? 0) > 10, `${ready?.blocks} blocks when ready was posted`);
      assert.ok((await shown.locator('#content .katex').count()) > 0);
      assert.equal(await shown.locator('#kexue-first-render').count(), 0);
      await shown.waitForFunction(() => (window as unknown as { posted: { type: string; version?: number }[] }).posted.some((m) => m.type === 'rendered' && m.version === 7));
    } finally {
      await shown.close();
    }
  });
});
