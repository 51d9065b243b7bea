// UI test of the preview: a sample post opened from the Series tree renders with numbered equations and
// working references, in the dark and the light theme; a hostile post renders without running anything.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kexueSidebar, libraryKind, openWorkbench, screenshot, treeRows, type WorkbenchSession } from './support/workbench';
import { previewFrame, quickOpen, reloadWindow, runCommand, settledPreviewFrame } from './support/preview';

const repo = path.resolve(__dirname, '..', '..', '..');

/**
 * A post of the reader's own with images beside it (SVG and PNG, one a folder up in the workspace, one
 * missing) and a link to a second post.
 */
function writePictures(dir: string): void {
  mkdirSync(path.join(dir, 'figs'), { recursive: true });
  mkdirSync(path.join(dir, '..', 'shared-figs'), { recursive: true });
  writeFileSync(path.join(dir, '..', 'shared-figs', 'green.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle r="20" cx="20" cy="20" fill="#3a3"/></svg>');
  writeFileSync(path.join(dir, 'figs', 'red square.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#c33"/></svg>');
  writeFileSync(path.join(dir, 'figs', 'blue.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAYAAAAECAIAAAAiZtkUAAAAEUlEQVR4nGOQizqBhhjIFQIAZJgeAZ7UXJwAAAAASUVORK5CYII=', 'base64'));
  writeFileSync(
    path.join(dir, 'figures.md'),
    ['# 图示', '', '红色方块：![红方块](figs/red%20square.svg)，其面积为 $S=ab$。', '', '<img src="figs/blue.png" alt="蓝块" width="60"> 与上一层的 ![绿圆](../shared-figs/green.svg)', '', '缺图：![不在](figs/gone.png)', '', '见[下一篇的证明](second.md#证明)。', ''].join('\n'),
  );
  // Long enough that its 证明 section is far below the top: the link's fragment scrolls there.
  const filler = Array.from({ length: 60 }, (_, i) => `第 ${i + 1} 段：$$e^{i\\pi}+${i}=${i - 1}$$`).join('\n\n');
  writeFileSync(path.join(dir, 'second.md'), `# 第二篇\n\n${filler}\n\n## 证明\n\n由此得证。\n\n${filler}\n`);
}
/** The workspace folder code-server opened (a temp copy the runner made), from the workbench URL. */
function workspaceFolder(): string | undefined {
  const url = process.env.KEXUE_E2E_URL;
  return url ? (new URL(url).searchParams.get('folder') ?? undefined) : undefined;
}

describe('Preview', { timeout: 480_000, skip: libraryKind !== 'sample' && 'the preview UI test runs on the sample library' }, () => {
  let session: WorkbenchSession;
  const dialogs: string[] = [];
  let firstTheme: 'light' | 'dark' = 'light';
  let firstBackground = '';

  before(async () => {
    const folder = workspaceFolder();
    assert.ok(folder, 'KEXUE_E2E_URL names the workspace folder');
    mkdirSync(path.join(folder, 'hostile'), { recursive: true });
    copyFileSync(path.join(repo, 'test', 'fixtures', 'render', 'hostile.md'), path.join(folder, 'hostile', 'hostile.md'));
    writePictures(path.join(folder, 'pictures'));
    session = await openWorkbench();
    session.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  after(async () => {
    if (session) await session.close();
  });

  it('opens a post from the Series tree with numbered equations and working \\eqref links', async () => {
    const { page } = session;
    await page.locator('.activitybar [aria-label^="Kexue Reader"]').first().click();
    await kexueSidebar(page).waitFor({ timeout: 60_000 });
    const series = treeRows(page).and(page.locator('[aria-level="1"]')).filter({ hasText: '矩阵漫谈' }).first();
    await series.waitFor({ timeout: 60_000 });
    if ((await series.getAttribute('aria-expanded')) !== 'true') await series.click();
    const partOne = treeRows(page).and(page.locator('[aria-level="2"]')).filter({ hasText: '伪逆的几种求法' }).first();
    await partOne.waitFor({ timeout: 15_000 });
    const started = Date.now();
    await partOne.click();
    const frame = await previewFrame(page, '矩阵漫谈一伪逆的几种求法.md');
    console.log(`preview first paint after click: ${Date.now() - started} ms`);

    const numbers = await frame.locator('.math-display[data-eq-numbers]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.eqNumbers));
    assert.ok(numbers.length >= 5, `numbered displays: ${numbers.join(' ')}`);
    assert.equal(numbers[0], '1');
    assert.ok(await frame.locator('.katex').count() > 20, 'KaTeX rendered the math');
    assert.equal(await frame.locator('.katex-error').count(), 0, 'no KaTeX errors in the sample post');
    const eqref = frame.locator('a.eqref:not(.outline-eq)').first();
    assert.match(await eqref.innerText(), /^\(\d+\)$/);
    assert.equal(await frame.locator('#series-bar .series-name').innerText(), '矩阵漫谈');

    // The page may still swap its first screens for the whole post (the link under the pointer is then
    // a new element, which a hover from before never reached): move onto the link again until it shows.
    const popup = frame.locator('.eqref-popup .katex');
    for (const deadline = Date.now() + 20_000; ; ) {
      await page.mouse.move(5, 700);
      await eqref.hover();
      const shown = await popup.first().waitFor({ timeout: 2_000 }).then(() => true, () => false);
      if (shown) break;
      assert.ok(Date.now() < deadline, 'no \\eqref popup within 20 s of hovering its link');
    }
    const light = await frame.locator('body').evaluate((b) => b.classList.contains('vscode-light'));
    firstTheme = light ? 'light' : 'dark';
    firstBackground = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    await screenshot(page, `preview-${firstTheme}.png`);
    await page.mouse.move(5, 700);
  });

  it('follows the theme when the user switches it', async () => {
    const { page } = session;
    const other = firstTheme === 'light' ? { cls: 'vscode-dark' } : { cls: 'vscode-light' };
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    const frame = await previewFrame(page, '矩阵漫谈一伪逆的几种求法.md');
    await frame.locator(`body.${other.cls}`).waitFor({ timeout: 10_000 });
    const background = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(background, firstBackground, 'the page background follows the theme');
    await screenshot(page, `preview-${firstTheme === 'light' ? 'dark' : 'light'}.png`);
  });

  it('runs a kexue-compute block from its card and shows the result in place', async () => {
    const { page } = session;
    const frame = await previewFrame(page, '矩阵漫谈一伪逆的几种求法.md');
    const card = frame.locator('.compute-card').first();
    await card.scrollIntoViewIfNeeded();
    await card.locator('.compute-run').click();
    const headline = card.locator('.compute-result .headline');
    await headline.waitFor({ timeout: 60_000 });
    const text = await headline.innerText();
    assert.match(text, /1/, `headline: ${text}`);
    assert.ok((await card.locator('.compute-result .katex').count()) >= 1, 'A⁺ rendered as LaTeX in the card');
    // The exact rational pseudo-inverse of [[1,2],[2,4],[3,6]] is Aᵀ/70: 1/70 appears in the result.
    assert.match(await card.locator('.compute-result').innerText(), /70/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'preview-compute.png');
    // The post's other routes against the SVD: a row each, and the ε-limit and Newton–Schulz plotted.
    assert.match(await card.locator('.compute-result').innerText(), /route: ε-limit/);
    const plots = card.locator('.compute-result .uplot');
    await plots.nth(1).waitFor({ timeout: 10_000 });
    await plots.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'preview-compute-routes.png');
  });

  it('renders a hostile post safely: no script runs, no handler survives, nothing hangs', async () => {
    const { page } = session;
    await quickOpen(page, 'hostile.md');
    const started = Date.now();
    await runCommand(page, 'Kexue: Open Preview to the Side');
    const frame = await previewFrame(page, 'hostile.md', 60_000);
    const ms = Date.now() - started;
    assert.ok(ms < 30_000, `hostile post rendered in ${ms} ms`);
    const content = frame.locator('#content');
    assert.match(await content.innerText(), /不怀好意/);
    assert.equal(await content.locator('script').count(), 0, 'no <script> element');
    const handlers = await content.evaluate((root) =>
      Array.from(root.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
    );
    assert.deepEqual(handlers, [], 'no on* attributes');
    const hrefs = await content.locator('a[href]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    assert.deepEqual(hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)), [], 'no javascript:/data: links');
    // Clicking what were javascript: links must not run them either.
    for (const link of await content.locator('a').all()) await link.click({ timeout: 2_000 }).catch(() => {});
    // A javascript: link runs as a task of the click; two drawn frames later it would have shown its dialog.
    await frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(dialogs, [], 'no alert() ran');
    await screenshot(page, 'preview-hostile.png');
  });

  it('shows the images beside a post, marks a missing one, and opens the post a relative link names at its heading', async () => {
    const { page } = session;
    await quickOpen(page, 'figures.md');
    await runCommand(page, 'Kexue: Open Preview to the Side');
    const frame = await previewFrame(page, 'figures.md', 60_000);
    const loaded = (alt: string) =>
      frame.locator(`img.local-image[alt="${alt}"]`).evaluate(
        (img) => new Promise<number>((resolve) => {
          const image = img as HTMLImageElement;
          if (image.complete) resolve(image.naturalWidth);
          else image.addEventListener('load', () => resolve(image.naturalWidth), { once: true });
        }),
        undefined,
        { timeout: 20_000 },
      );
    assert.equal(await loaded('红方块'), 120, 'the SVG beside the post (a name with a space) loaded in the webview');
    assert.equal(await loaded('蓝块'), 6, 'the PNG of the post’s own <img> loaded');
    assert.equal(await loaded('绿圆'), 40, 'an image a folder up, inside the workspace, loaded');
    const missing = frame.locator('img.local-image.missing[alt="不在"]');
    await missing.waitFor({ state: 'attached', timeout: 20_000 });
    assert.match((await missing.getAttribute('title')) ?? '', /figs\/gone\.png/);
    await screenshot(page, 'preview-local-images.png');
    await frame.locator('a[href^="second.md#"]').click();
    const second = await previewFrame(page, 'second.md', 60_000);
    const heading = second.locator('h2', { hasText: '证明' });
    for (const deadline = Date.now() + 20_000; ; ) {
      const top = await heading.evaluate((h) => h.getBoundingClientRect().top).catch(() => undefined);
      if (top !== undefined && top >= 0 && top < 200) break;
      assert.ok(Date.now() < deadline, `the 证明 heading is not at the top of the second post's preview (top ${top})`);
      await page.waitForTimeout(250);
    }
    await screenshot(page, 'preview-relative-link.png');
  });

  it('restores a preview after the window reloads', async () => {
    const { page } = session;
    // The command, not page.reload(): it flushes the workbench state first, as a user's reload does
    // (a bare page reload can beat code-server's storage write and lose editors opened just before).
    const consoleLines: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleLines.push(`${message.type()}: ${message.text().slice(0, 300)}`);
    };
    page.on('console', onConsole);
    await reloadWindow(page);
    // The restored preview tab shows its post again once it is brought to the front.
    const tab = page.locator('.tabs-container .tab').filter({ hasText: '矩阵漫谈' }).first();
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    const restored = await settledPreviewFrame(page, '矩阵漫谈一伪逆的几种求法.md', (shown) => shown.locator('.math-display[data-eq-numbers]').first().waitFor({ timeout: 30_000 })).catch(async (error: Error) => {
      await screenshot(page, 'preview-after-reload-failure.png');
      // Which webview pages exist, and what each holds, tells a lost message from a page that never loaded.
      const frames = await Promise.all(page.frames().map(async (frame) => {
        const state = await frame.locator('#kexue-preview').evaluate((el) => JSON.stringify((el as HTMLElement).dataset), undefined, { timeout: 200 }).catch(() => '-');
        return `${frame.url().slice(0, 120)} ${state === '-' ? '' : state.slice(0, 200)}`;
      }));
      throw new Error(`${error.message}\nframes:\n${frames.join('\n')}\nconsole:\n${consoleLines.join('\n')}`);
    });
    assert.ok((await restored.locator('.math-display[data-eq-numbers]').count()) >= 5, 'the restored preview shows the numbered equations');
    assert.deepEqual(dialogs, [], 'still no alert() after the reload');
    page.off('console', onConsole);
  });
});
