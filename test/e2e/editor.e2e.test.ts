// UI test of the editor hover: hovering an equation in a post shows it rendered (MathJax SVG image).
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { libraryKind, openWorkbench, screenshot, type WorkbenchSession } from './support/workbench';
import { quickOpen } from './support/preview';

describe('Equation hover', { timeout: 360_000, skip: libraryKind !== 'sample' && 'the hover UI test runs on the sample library' }, () => {
  let session: WorkbenchSession;

  before(async () => {
    session = await openWorkbench();
  });

  after(async () => {
    if (session) await session.close();
  });

  it('shows the rendered equation with its number when hovering a \\begin{equation} block', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().waitFor({ timeout: 60_000 });
    await quickOpen(page, '矩阵漫谈一伪逆的几种求法.md');
    const line = page.locator('.monaco-editor .view-line').filter({ hasText: '\\begin{equation}' }).first();
    await line.waitFor({ timeout: 20_000 });
    // Hover the formula text itself (a little right of the environment name).
    const box = await line.boundingBox();
    assert.ok(box);
    const image = page.locator('.monaco-hover img[src^="data:image/svg+xml"]').first();
    for (let attempt = 0; attempt < 5 && !(await image.isVisible()); attempt++) {
      await page.mouse.move(box.x + 30 + attempt * 20, box.y + box.height / 2);
      await image.waitFor({ timeout: 4_000 }).catch(() => undefined);
    }
    await image.waitFor({ timeout: 5_000 });
    await screenshot(page, 'hover.png');
    const hoverText = await page.locator('.monaco-hover:has(img[src^="data:image/svg+xml"])').last().innerText();
    assert.match(hoverText, /\(\d+\)/, `the hover names the equation number: ${hoverText}`);
    const size = await image.boundingBox();
    assert.ok(size && size.width > 20 && size.height > 8, 'the SVG image has a visible size');
  });
});
