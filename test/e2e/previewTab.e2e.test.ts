// UI test of the preview as a reader uses it, in code-server and headless Chromium on the sample library:
// posts clicked in the Series view show in one preview tab; a post opens at its top with its title in
// view below the series bar; the series bar names the post's own part; the header shows date and
// source; the outline draws its equations; equation numbers look clickable; the CJK font is used; the
// reader keeps the tab by scrolling in it. Screenshots light and dark in test-results/.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { previewFrame, runCommand } from './support/preview';
import { kexueSidebar, libraryKind, openWorkbench, screenshot, treeRows, type WorkbenchSession } from './support/workbench';

const SERIES = '状态空间漫谈';
const PART_ONE = '状态空间漫谈一hippo矩阵的由来.md';
const PART_TWO = '状态空间漫谈二离散化与卷积核.md';

async function clickPart(page: Page, series: string, label: RegExp): Promise<void> {
  const seriesRow = treeRows(page).and(page.locator('[aria-level="1"]')).filter({ hasText: series }).first();
  await seriesRow.waitFor({ timeout: 60_000 });
  if ((await seriesRow.getAttribute('aria-expanded')) !== 'true') await seriesRow.click();
  const part = treeRows(page).and(page.locator('[aria-level="2"]')).filter({ hasText: label }).first();
  await part.waitFor({ timeout: 15_000 });
  await part.click();
}

/** Editor tabs showing one of our previews (their titles start "Preview:" / "预览："). */
async function previewTabCount(page: Page): Promise<number> {
  return page.locator('.tabs-container .tab').filter({ hasText: /^(Preview: |预览：)/ }).count();
}

/** The preview frame once its post's math is on screen. */
async function shownFrame(page: Page, file: string): Promise<Frame> {
  const frame = await previewFrame(page, file);
  await frame.locator('#content .katex').first().waitFor({ timeout: 30_000 });
  return frame;
}

describe('Preview tab following the Series view', { timeout: 600_000, skip: libraryKind !== 'sample' && 'runs on the sample library' }, () => {
  let session: WorkbenchSession;
  let failures = 0;

  before(async () => {
    session = await openWorkbench();
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().click();
    await kexueSidebar(page).waitFor({ timeout: 60_000 });
    await runCommand(page, 'View: Close All Editors');
  });

  afterEach(async (t) => {
    if (session && (t as unknown as { passed?: boolean }).passed === false) await screenshot(session.page, `preview-tab-failure-${++failures}.png`);
  });

  after(async () => {
    if (session) await session.close();
  });

  it('opens a post at its top: title below the series bar, part number, date and source in the header', async () => {
    const { page } = session;
    await clickPart(page, SERIES, /^1\./);
    const frame = await shownFrame(page, PART_ONE);
    const layout = await frame.locator('body').evaluate(() => {
      const bar = document.getElementById('series-bar')?.getBoundingClientRect();
      const h1 = document.querySelector('#content h1')?.getBoundingClientRect();
      return { scrollY: window.scrollY, barBottom: bar?.bottom ?? 0, h1Top: h1?.top ?? -1 };
    });
    assert.equal(layout.scrollY, 0, 'the page is at its top');
    assert.ok(layout.h1Top >= layout.barBottom, `the title (top ${layout.h1Top}) is below the series bar (bottom ${layout.barBottom})`);
    assert.match(await frame.locator('#series-bar .series-part').innerText(), /(part 1|第 1 篇)/);
    assert.match(await frame.locator('#series-bar .series-position').innerText(), /(1 of \d+ in your library|库中第 1 篇，共 \d+ 篇)/);
    assert.match(await frame.locator('#post-header .post-date').innerText(), /2024-05-06/);
    assert.equal(await frame.locator('#post-header a.post-source').getAttribute('href'), 'https://example.org/archives/1101');
    // The equation number copies LaTeX on click: it looks clickable.
    const tag = frame.locator('.math-display .tag').first();
    assert.equal(await tag.evaluate((el) => getComputedStyle(el).cursor), 'pointer');
    assert.match((await tag.getAttribute('title')) ?? '', /LaTeX/);
    // The CJK fonts come before the generic family, so the Chinese text is set in one of them.
    const family = await frame.locator('body').evaluate((b) => getComputedStyle(b).fontFamily);
    assert.ok(family.indexOf('Noto Sans CJK SC') >= 0 && family.indexOf('Noto Sans CJK SC') < family.lastIndexOf('sans-serif'), family);
    // Reading width: 46em by default.
    const width = await frame.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).maxWidth) / parseFloat(getComputedStyle(b).fontSize));
    assert.ok(Math.abs(width - 46) < 0.5, `reading width ${width} em`);
  });

  it('draws the outline\'s equations, one row per number', async () => {
    const { page } = session;
    const frame = await shownFrame(page, PART_ONE);
    await frame.locator('details.outline > summary').click();
    await frame.locator('details.outline-equations > summary').click();
    const rows = frame.locator('details.outline-equations li');
    await rows.locator('.katex').first().waitFor({ timeout: 20_000 });
    const numbers = await frame.locator('.math-display[data-eq-numbers]').evaluateAll((els) => els.flatMap((e) => ((e as HTMLElement).dataset.eqNumbers ?? '').split(',')));
    assert.equal(await rows.count(), numbers.length, 'one row per equation number');
    const texts = await rows.locator('.outline-eq-formula').allInnerTexts();
    assert.equal(new Set(texts).size, texts.length, 'no two rows show the same formula');
    await screenshot(page, 'preview-tab-outline.png');
    await frame.locator('details.outline > summary').click();
  });

  it('shows the next post clicked in the same tab, and a new tab once the reader has kept it', async () => {
    const { page } = session;
    const before = await previewTabCount(page);
    assert.equal(before, 1);
    const started = Date.now();
    await clickPart(page, SERIES, /^2\./);
    const frame = await shownFrame(page, PART_TWO);
    console.log(`next post in the open preview tab, click → math on screen: ${Date.now() - started} ms`);
    assert.equal(await previewTabCount(page), 1, 'still one preview tab');
    assert.equal(await frame.evaluate(() => window.scrollY), 0, 'the next post opens at its top too');
    const light = await frame.locator('body').evaluate((b) => b.classList.contains('vscode-light'));
    await screenshot(page, `preview-tab-${light ? 'light' : 'dark'}.png`);
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.locator(`body.${light ? 'vscode-dark' : 'vscode-light'}`).waitFor({ timeout: 10_000 });
    await screenshot(page, `preview-tab-${light ? 'dark' : 'light'}.png`);
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');

    // The reader scrolls in the page for a while: the tab is kept, the next click opens another.
    const box = await page.locator('iframe.webview.ready').last().boundingBox();
    assert.ok(box, 'the preview webview is on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Keep Preview Open leaves the tab's title bar once the host has kept the tab.
    const keepButton = page.locator('.editor-actions [aria-label^="Keep Preview Open"]');
    await keepButton.first().waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 20_000;
    while ((await keepButton.count()) > 0) {
      assert.ok(Date.now() < deadline, 'the tab is kept after scrolling in it');
      await page.mouse.wheel(0, 120);
      await keepButton.first().waitFor({ state: 'detached', timeout: 200 }).catch(() => undefined);
    }
    await clickPart(page, SERIES, /^1\./);
    await shownFrame(page, PART_ONE);
    for (let i = 0; i < 40 && (await previewTabCount(page)) < 2; i++) await page.waitForTimeout(250);
    assert.equal(await previewTabCount(page), 2, 'the kept tab stays, the clicked post opens beside it');
  });
});
