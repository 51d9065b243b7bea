// UI test of "Search Library…" as a reader uses it: Chinese words and a formula typed into the
// QuickPick, the full list moved into the Search Results view, and a hit opening the preview there.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kexueSidebar, libraryKind, openWorkbench, screenshot, type WorkbenchSession } from './support/workbench';
import { previewFrame, runCommand } from './support/preview';

describe('Search Library', { timeout: 300_000, skip: libraryKind !== 'sample' && 'the search UI test runs on the sample library' }, () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbench();
  });

  after(async () => {
    if (session) await session.close();
  });

  it('finds Chinese text without spaces and a formula by its TeX, each hit with its post and place', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Kexue: Search Library…');
    const input = page.locator('.quick-input-widget input');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    // Typed at once, while the library is still being indexed (the command started the extension):
    // the hits come when the index has caught up. A word inside a sentence (no spaces in Chinese).
    await input.fill('谱间隙');
    const text = rows.filter({ hasText: '谱间隙' }).first();
    await text.waitFor({ timeout: 60_000 });
    assert.match(await text.innerText(), /幂迭代与最大奇异值/, 'the hit names its post');
    await screenshot(page, 'search-quickpick-text.png');
    // A formula by a piece of its TeX: the numbered equation (its number shown) is among the hits.
    await input.fill('\\sigma_1^2');
    const formula = rows.filter({ hasText: /\(\d+\)/ }).first();
    await formula.waitFor({ timeout: 30_000 });
    assert.match(await formula.innerText(), /σ|sigma/, await formula.innerText());
    await screenshot(page, 'search-quickpick-formula.png');
    // Nothing found is said, not an empty box (read as still searching); Enter on it keeps the box open.
    await input.fill('这个词不在任何文章里');
    const none = rows.filter({ hasText: /No hits for “这个词不在任何文章里”|没有找到“这个词不在任何文章里”/ });
    await none.first().waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), 1);
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 2_000 });
    await screenshot(page, 'search-quickpick-no-hits.png');
  });

  it('moves the full list into the Search Results view, and a hit opens the preview', async () => {
    const { page } = session;
    const input = page.locator('.quick-input-widget input');
    await input.fill('奇异值');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: '奇异值' }).first().waitFor({ timeout: 30_000 });
    // The pointer still rests where the palette's row was: its hover would cover the title bar's button.
    await page.mouse.move(640, 600);
    await page.locator('.quick-input-widget [aria-label^="Show All Results"]').first().click();
    const view = kexueSidebar(page).locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Search Results/i }) });
    const posts = view.locator('.monaco-list-row[aria-level="1"]');
    await posts.first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'search-results-view.png');
    // Grouped by post, each with its count: collapsed, every post of the list is in sight (the
    // list draws only the rows in sight). The four matrix posts that speak of singular values, and
    // the two listing pages whose summaries do.
    await view.locator('.pane-header').hover();
    await view.locator('.pane-header [aria-label^="Collapse All"]').click();
    await posts.nth(3).waitFor({ timeout: 10_000 });
    const titles = await posts.allInnerTexts();
    assert.equal(titles.filter((title) => /^矩阵漫谈/.test(title)).length, 4, titles.join(' | '));
    assert.ok(titles.every((title) => /\d+ hits?$/.test(title.replace(/\s+/g, ' ').trim())), titles.join(' | '));
    await posts.first().click();
    // A hit's row: the snippet, the kind's icon, its equation number if any; one click opens the
    // preview of its post scrolled to it.
    const hit = view.locator('.monaco-list-row[aria-level="2"]').filter({ hasText: '奇异值' }).first();
    await hit.waitFor({ timeout: 10_000 });
    // The hit highlighted as VS Code highlights a match, in sight in the side bar's width.
    assert.equal(await hit.locator('.highlight').first().innerText(), '奇异值');
    const title = (await posts.first().innerText()).replace(/\s*\d+ hits?\s*$/, '').trim();
    await hit.click();
    await page.locator('.tabs-container .tab').filter({ hasText: title.slice(-6) }).first().waitFor({ timeout: 60_000 });
    const frame = await previewFrame(page, '.md', 60_000);
    await frame.locator('#content .katex').first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'search-hit-opened.png');
  });
});
