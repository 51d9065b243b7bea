// UI test: the Library Graph view in code-server, driven by headless Chromium. The reader runs
// "Kexue: Show Library Graph", sees the posts as nodes, zooms, clicks a node and gets its preview, with
// the node then highlighted as the current post; screenshots in both themes.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { runCommand } from './support/preview';
import { kexueSidebar, libraryKind, openWorkbench, screenshot, type WorkbenchSession } from './support/workbench';

/** The graph page: the webview frame that holds #graph with drawn nodes. */
async function graphFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const count = await frame.locator('#graph .node').count().catch(() => 0);
      if (count > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no drawn Library Graph within ${timeoutMs} ms`);
}

describe(`Library Graph view (${libraryKind} library)`, { timeout: 360_000 }, () => {
  let session: WorkbenchSession;
  let firstTheme: 'light' | 'dark' = 'light';

  before(async () => {
    session = await openWorkbench();
  });

  let failures = 0;
  afterEach(async (t) => {
    if (session && (t as unknown as { passed?: boolean }).passed === false) await screenshot(session.page, `graph-failure-${++failures}.png`);
  });

  after(async () => {
    if (session) await session.close();
  });

  it('opens from the command palette and draws the posts as nodes with edges', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'Kexue: Show Library Graph');
    await kexueSidebar(page).waitFor({ timeout: 15_000 });
    const frame = await graphFrame(page);
    const nodes = await frame.locator('#graph .node').count();
    const edges = await frame.locator('#graph .edge').count();
    assert.ok(nodes >= 4, `${nodes} nodes`);
    assert.ok(edges >= 1, `${edges} edges`);
    // Labels are set and no longer than the cut (14 characters with the ellipsis).
    const labels = await frame.locator('#graph .node text').allTextContents();
    assert.ok(labels.every((l) => l.length > 0 && [...l].length <= 14), labels.join(' | '));
    // Hover shows the full title: the SVG <title> of a node holds it.
    const title = await frame.locator('#graph .node title').first().textContent();
    assert.ok(title && title.length > 0);
    // Nodes of one series share a colour; different series differ.
    const fills = new Set(await frame.locator('#graph .node circle').evaluateAll((cs) => cs.map((c) => getComputedStyle(c).fill)));
    assert.ok(fills.size >= 2, `colours: ${[...fills].join(', ')}`);
    firstTheme = (await frame.locator('body').evaluate((b) => b.classList.contains('vscode-light'))) ? 'light' : 'dark';
    console.log(`    graph: ${nodes} nodes, ${edges} edges, ${fills.size} colours`);
  });

  it('zooms with the wheel', async () => {
    const { page } = session;
    const frame = await graphFrame(page);
    const scene = frame.locator('#graph svg > g');
    const before = await scene.getAttribute('transform');
    const box = await frame.locator('#graph').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await frame.waitForFunction((b) => document.querySelector('#graph svg > g')?.getAttribute('transform') !== b, before, { timeout: 5_000 });
    await page.mouse.wheel(0, 300);
  });

  it('opens the preview of a clicked node and highlights it as the current post', async () => {
    const { page } = session;
    const frame = await graphFrame(page);
    // A post of a series that has a full text: its node is coloured, and its preview opens.
    const node = frame.locator('#graph .node').filter({ hasText: /漫谈|SSM/ }).first();
    const title = (await node.locator('title').textContent())?.split('\n')[0] ?? '';
    // Give the graph the side bar, as a reader would: collapse the other views that are open.
    for (const name of ['Series', 'Search Results', 'Notes', 'Notation']) {
      const header = kexueSidebar(page).locator('.pane-header[aria-expanded="true"]').filter({ hasText: name }).first();
      if ((await header.count()) > 0) await header.click();
    }
    await node.locator('circle').click();
    await frame.locator('#graph .node.current').waitFor({ timeout: 30_000 });
    assert.equal((await frame.locator('#graph .node.current title').textContent())?.split('\n')[0], title);
    const tab = page.locator('.tabs-container .tab.active');
    await tab.waitFor({ timeout: 10_000 });
    await page.mouse.move(5, 700);
    // In the side bar's width no label is drawn over another or cut off at its sides; the current
    // post's label is among those shown. (Once the titles overlapped and ran past the left edge.)
    const shown = await frame.locator('#graph').evaluate((graph) => {
      const view = graph.getBoundingClientRect();
      return [...graph.querySelectorAll('.node text')]
        .filter((text) => getComputedStyle(text).display !== 'none')
        .map((text) => {
          const box = text.getBoundingClientRect();
          const node = text.closest('.node');
          return { left: box.left - view.left, right: box.right - view.left, top: box.top, bottom: box.bottom, width: view.width, current: node?.classList.contains('current') ?? false, state: `${node?.getAttribute('class')} ${node?.matches(':hover') ? 'hover' : ''} ${node?.matches(':focus') ? 'focus' : ''}` };
        });
    });
    assert.ok(shown.some((label) => label.current), 'the current post is labelled');
    for (const [i, a] of shown.entries()) {
      assert.ok(a.left >= -1 && a.right <= a.width + 1, `label ${i} inside the view: ${a.left.toFixed(0)}–${a.right.toFixed(0)} of ${a.width.toFixed(0)}`);
      for (const b of shown.slice(i + 1)) {
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        assert.ok(!overlap, `labels overlap: ${JSON.stringify([a, b])}`);
      }
    }
    console.log(`    graph: ${shown.length} labels shown in the side bar`);
    await screenshot(page, `graph-${firstTheme}.png`);
  });

  it('follows the theme when the user switches it', async () => {
    const { page } = session;
    const frame = await graphFrame(page);
    const colour = await frame.locator('#graph .node text').first().evaluate((t) => getComputedStyle(t).fill);
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    const other = firstTheme === 'light' ? 'vscode-dark' : 'vscode-light';
    const after = await graphFrame(page);
    await after.locator(`body.${other}`).waitFor({ timeout: 10_000 });
    assert.notEqual(await after.locator('#graph .node text').first().evaluate((t) => getComputedStyle(t).fill), colour, 'labels follow the theme');
    await page.mouse.move(5, 700);
    await screenshot(page, `graph-${firstTheme === 'light' ? 'dark' : 'light'}.png`);
  });
});
