// UI test: the packaged extension in code-server, driven by headless Chromium. The user opens the
// Kexue Reader activity bar, sees the Series view, expands a series and finds its parts in order.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { previewFrame } from './support/preview';
import { kexueSidebar, libraryKind, openWorkbench, rowDescription, rowLabel, screenshot, treeRows, type WorkbenchSession } from './support/workbench';

/**
 * What each library must show (label and description of every part, in order); other libraries get
 * the generic checks only. sample/README.md describes the sample library.
 */
const expectations: Record<string, { series: string; parts: Array<[label: RegExp, description: RegExp]> }> = {
  sample: {
    series: '矩阵漫谈',
    parts: [
      [/^1\. 伪逆的几种求法/, /2024-03-04/],
      [/^2\. 幂迭代与最大奇异值/, /2024-03-25/], // month/day from the listing, year inferred
      // Part three is split in two posts: a reader must be able to tell them apart.
      [/^3\. 最优低秩近似.*上/, /2024-04-15/],
      [/^3\. 最优低秩近似.*下/, /2024-04-22/],
    ],
  },
  corpus: { series: '重温SSM', parts: [[/^1\. 线性系统和HiPPO矩阵/, /2024-05-24/], [/^2\./, /./], [/^3\./, /./], [/^4\./, /./]] },
};

/** Waits until `rows` holds `count` rows (or, with no count, the same number on two polls in a row). */
async function waitForCount(page: Page, rows: Locator, count: number | undefined, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const now = await rows.count();
    if (count === undefined ? now === last : now === count) return;
    last = now;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}

describe(`Series view (${libraryKind} library)`, { timeout: 300_000 }, () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbench();
  });

  // A failed step leaves a picture of the workbench behind: test-results/series-failure-<n>.png.
  let failures = 0;
  afterEach(async (t) => {
    if (session && (t as unknown as { passed?: boolean }).passed === false) await screenshot(session.page, `series-failure-${++failures}.png`);
  });

  after(async () => {
    if (session) await session.close();
  });

  it('shows the Kexue Reader activity bar entry', async () => {
    const entry = session.page.locator('.activitybar [aria-label^="Kexue Reader"]').first();
    await entry.waitFor({ timeout: 60_000 });
  });

  it('opens the Series view with the library in it', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().click();
    await kexueSidebar(page).waitFor({ timeout: 15_000 });
    // The container holds several views (Series, Search Results, Notes, Notation, Library Graph): its
    // title is the container's, and the Series view has a pane header of its own.
    const title = await page.locator('.sidebar .composite.title h2').first().innerText();
    assert.match(title, /Kexue Reader|Series/i, `side bar title: ${title}`);
    await page.locator('.sidebar .pane-header').filter({ hasText: /Series/i }).first().waitFor({ timeout: 15_000 });
    // Indexing runs after activation: wait for the first series row (collapsible, top level).
    await treeRows(page).and(page.locator('[aria-level="1"][aria-expanded]')).first().waitFor({ timeout: 60_000 });
  });

  it('expands a series and lists its parts in order', async () => {
    const { page } = session;
    const expected = expectations[libraryKind];
    const seriesRows = treeRows(page).and(page.locator('[aria-level="1"][aria-expanded="false"]'));
    const series = expected ? seriesRows.filter({ hasText: expected.series }).first() : seriesRows.first();
    await series.waitFor({ timeout: 15_000 });
    const name = await rowLabel(series);
    await series.click();
    await treeRows(page).and(page.locator('[aria-level="1"][aria-expanded="true"]')).filter({ hasText: name }).waitFor({ timeout: 10_000 });
    const parts = treeRows(page).and(page.locator('[aria-level="2"]'));
    await parts.first().waitFor({ timeout: 10_000 });
    // The tree draws the parts row by row: wait for all of them (or, for an unknown library, for the
    // count to hold still across two drawn frames).
    await waitForCount(page, parts, expected?.parts.length);
    const labels: string[] = [];
    const descriptions: string[] = [];
    for (const row of await parts.all()) {
      labels.push(await rowLabel(row));
      descriptions.push(await rowDescription(row));
    }
    await page.mouse.move(800, 600); // no hover tooltip over the tree in the screenshot
    await screenshot(page, 'series.png');

    assert.ok(labels.length > 0, `series ${name} has parts`);
    if (expected) {
      assert.equal(labels.length, expected.parts.length, `parts of ${name}: ${labels.join(' | ')}`);
      expected.parts.forEach(([label, description], i) => {
        assert.match(labels[i], label, `part ${i + 1} of ${name}: ${labels.join(' | ')}`);
        assert.match(descriptions[i], description, `description of ${labels[i]}`);
      });
    } else {
      // Parts are numbered in series order ("1. …", "2. …").
      const numbers = labels.map((l) => Number(/^(\d+)\./.exec(l)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `parts of ${name} in order: ${labels.join(' | ')}`);
    }
  });

  it('opens a post known only from a listing page at its entry: the title in view, the card in the text colours', { skip: libraryKind !== 'sample' && 'runs on the sample library' }, async () => {
    const { page } = session;
    // 正定矩阵的行列式不超过对角元之积 is the second entry of sample/digests/listing-dated.txt, under "2024".
    // The year's row, not a series row whose description names the year.
    let year: Locator | undefined;
    for (const row of await treeRows(page).and(page.locator('[aria-level="1"]')).all()) if ((await rowLabel(row)) === '2024') year = row;
    assert.ok(year, 'a "2024" row');
    if ((await year.getAttribute('aria-expanded')) !== 'true') await year.click();
    await treeRows(page).and(page.locator('[aria-level="2"]')).filter({ hasText: '正定矩阵的行列式不超过对角元之积' }).first().click();
    const frame = await previewFrame(page, 'listing-dated.txt');
    const title = frame.locator('#content .digest-title', { hasText: '正定矩阵的行列式不超过对角元之积' });
    await title.waitFor({ timeout: 30_000 });
    // The entry's card, its title and its date share a source line: the preview lands on the card's top
    // (it once landed on the date, the title scrolled out of view above it) — or as near as the page's
    // end lets it.
    const place = () =>
      title.evaluate((h) => {
        const box = h.getBoundingClientRect();
        const bar = document.getElementById('series-bar')?.getBoundingClientRect().bottom ?? 0;
        const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
        return { top: box.top - bar, bottom: box.bottom, height: window.innerHeight, atEnd };
      });
    let seen = await place();
    const landed = (p: typeof seen) => p.top >= 0 && p.bottom <= p.height && (p.top < 80 || p.atEnd);
    for (const started = Date.now(); !landed(seen) && Date.now() - started < 10_000; seen = await place()) await page.waitForTimeout(200);
    assert.ok(landed(seen), `the entry's title is at the top of the view: ${JSON.stringify(seen)}`);
    // The card is drawn as text, not as the small "摘录" pill (the two once shared the class .excerpt).
    const card = await frame.locator('#content .digest-entry', { has: frame.locator('.digest-title', { hasText: '正定矩阵的行列式不超过对角元之积' }) }).evaluate((entry) => {
      const style = getComputedStyle(entry);
      return { background: style.backgroundColor, display: style.display, fontSize: style.fontSize, body: getComputedStyle(document.body).fontSize };
    });
    assert.equal(card.background, 'rgba(0, 0, 0, 0)');
    assert.equal(card.display, 'block');
    assert.equal(card.fontSize, card.body);
    // The tab names the entry and the page, not the listing file's name (a hash in the blog's scrapes).
    const tab = page.locator('.tabs-container .tab', { hasText: 'Listing (3 posts): 正定矩阵的行列式不超过对角元之积' });
    await tab.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'listing-dated.txt' }).count(), 0, 'no tab titled by the file name');
    await screenshot(page, 'series-listing-entry.png');
  });
});
