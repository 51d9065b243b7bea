// UI test of "Find Post…": the QuickPick matches summaries too, and choosing a post opens it.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { libraryKind, openWorkbench, screenshot, type WorkbenchSession } from './support/workbench';
import { runCommand } from './support/preview';

describe('Find Post', { timeout: 300_000, skip: libraryKind !== 'sample' && 'the Find Post UI test runs on the sample library' }, () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbench();
  });

  after(async () => {
    if (session) await session.close();
  });

  it('finds a post by a word of its title and opens it', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Kexue: Find Post…');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: '矩阵漫谈' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.type('幂迭代', { delay: 30 });
    const match = rows.filter({ hasText: '幂迭代与最大奇异值' }).first();
    await match.waitFor({ timeout: 10_000 });
    assert.match(await match.innerText(), /矩阵漫谈/, 'the series and date are shown with the title');
    await screenshot(page, 'find-post.png');
    await page.keyboard.press('Enter');
    // The default action opens the post's preview.
    await page.locator('.tabs-container .tab').filter({ hasText: /Preview.*幂迭代与最大奇异值/ }).first().waitFor({ timeout: 30_000 });
  });
});
