// The preview page loads the compute results' drawing code (KaTeX and uPlot: dist/presentation.js and
// its CSS) only when it draws a result: a post without one never parses it. Checked on the real bundles
// in headless Chromium, under the preview's real Content-Security-Policy (nonce only, nothing from the
// web): the chunk the page adds must run under the nonce of the page's script. And a new page's first
// screens, carried in the shell's #content, are in the page before its script runs and are kept (not
// rebuilt) when the rest of the post arrives.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Presentation } from '../../../src/core/compute/presentation';
import { FIRST_RENDER_ID, type HostToWebview } from '../../../src/core/protocol/preview';
import { firstScreen, renderPost } from '../../../src/core/render';
import type { RenderOptions } from '../../../src/core/render/types';
import { nonce, previewContentSecurityPolicy } from '../../../src/webviewPanels/contentSecurityPolicy';
import { repoRoot } from '../repoRoot';

const CHROMIUM = process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium';
const root = repoRoot();
const dist = (file: string): string => path.join(root, 'dist', file);

/**
 * The page as previewHtml builds it (its CSP, nonce, stylesheets, the first screens' HTML in #content
 * and the rest of their message in the data block), on file: URLs. `script: false` leaves the
 * page's script out (what a page shows before its script has loaded).
 */
function shell(firstRender: Extract<HostToWebview, { type: 'render' }>, { script = true } = {}): string {
  const n = nonce();
  const file = (...parts: string[]): string => pathToFileURL(path.join(root, ...parts)).href;
  const csp = previewContentSecurityPolicy({ cspSource: 'file:' }, n);
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${file('node_modules', 'katex', 'dist', 'katex.min.css')}">
<link rel="stylesheet" href="${file('media', 'preview.css')}">
<script nonce="${n}">
  window.posted = [];
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => {} });
</script>
</head><body>
<div id="kexue-preview" data-uri="file:///page/post.md" data-strings="{}">
  <nav id="series-bar" hidden></nav><header id="post-header" hidden></header><div id="outline"></div>
  <article id="content" class="post">${firstRender.html}</article><section id="cited-by" hidden></section>
</div>
<script type="application/json" id="${FIRST_RENDER_ID}">${JSON.stringify({ ...firstRender, html: '' }).replace(/</g, '\\u003c')}</script>
${script ? `<script nonce="${n}" src="${file('dist', 'webview.js')}"></script>` : ''}
</body></html>`;
}

function renderMessage(text: string, options: RenderOptions = {}, version = 1): Extract<HostToWebview, { type: 'render' }> {
  const result = renderPost(text, options);
  return { type: 'render', version, title: 'post', html: result.html, headings: result.headings, equations: result.equations, errors: result.errors, series: null, citedBy: [], header: {} };
}

const POST = ['# 线性系统', '', '设 $x(t)$ 满足', '', '$$', "x'(t) = Ax(t) + Bu(t) \\tag{1}", '$$', ''].join('\n');
const BLOCK = 'pinv\n[[1,2],[2,4],[3,6]]';
const COMPUTE_POST = `${POST}\n\`\`\`kexue-compute\n${BLOCK}\n\`\`\`\n`;
const PRESENTATION: Presentation = {
  headline: 'A†: rank 1 · max residual 0',
  latex: ['A^{\\dagger} = \\frac{1}{70}\\begin{pmatrix}1 & 2 & 3\\\\ 2 & 4 & 6\\end{pmatrix}'],
  notes: [],
  plots: [{ id: 'error', title: 'error', kind: 'line', xLabel: 'k', yLabel: 'error', log: 'y', x: [0, 1, 2, 3], lines: [{ label: 'ε', values: [1, 0.1, 0.01, 0.001] }] }],
  leadWith: 'formulas',
};

interface PageState {
  rendered: boolean;
  chunkScripts: number;
  chunkLoaded: boolean;
  requested: string[];
  violations: string[];
}

/** What the page has loaded so far: the chunk's script elements, whether it ran, every file fetched. */
function state(page: Page): Promise<PageState> {
  // Page code as text: this test is compiled without the DOM's types.
  return page.evaluate<PageState>(`({
    rendered: window.posted.some((m) => m.type === 'rendered'),
    chunkScripts: document.querySelectorAll('script[src$="presentation.js"]').length,
    chunkLoaded: window.kexuePresentation !== undefined,
    requested: performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()),
    violations: window.violations,
  })`);
}

/** Resolves once the page has been idle twice (the page's idle-time loads would have started by then). */
async function idle(page: Page): Promise<void> {
  for (let i = 0; i < 2; i++) await page.evaluate('new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))');
}

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : !existsSync(dist('presentation.js')) ? 'dist/ is not built (node esbuild.mjs)' : false;
if (skip) console.log(`SKIPPED: ${skip}`);

/** A message the page posted, as far as the waits below read it. */
interface Posted {
  type: string;
  version?: number;
  shown?: number;
}

/**
 * Waits until the page has posted a message like each of `wanted`. The check is a function, not a
 * string: Playwright evaluates a string predicate with eval inside the page when it polls, which the
 * page's CSP refuses (the test then failed only when the first check came too early).
 */
async function untilPosted(page: Page, ...wanted: Posted[]): Promise<void> {
  await page.waitForFunction(
    (all) =>
      all.every((w) =>
        (globalThis as unknown as { posted: Posted[] }).posted.some(
          (m) => m.type === w.type && (w.version === undefined || m.version === w.version) && (w.shown === undefined || m.shown === w.shown),
        ),
      ),
    wanted,
  );
}

describe('preview page in Chromium: the shell\'s first screens; KaTeX and uPlot only with a compute result', { skip, timeout: 120_000 }, () => {
  let browser: Browser;
  let scratch: string;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-lazy-chunk-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'] });
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function open(name: string, text: string): Promise<Page> {
    const file = path.join(scratch, `${name}.html`);
    writeFileSync(file, shell(renderMessage(text)));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await untilPosted(page, { type: 'rendered' });
    return page;
  }

  it('the first screens in the shell are in the page without its script; with it they are kept when the rest arrives', async () => {
    const sections = Array.from({ length: 120 }, (_, i) => `## 第${i}节\n\n${'这一节的文字足够长，'.repeat(12)}公式 $x_{${i}}$ 与\n\n$$\n\\sum_{k=0}^{${i}} k^2 \\tag{${i + 1}}\n$$\n`);
    const text = ['# 长文', '', ...sections].join('\n');
    const lines = firstScreen(text);
    assert.ok(lines, 'long enough for two steps');
    const head = renderMessage(text, { lines });
    // Without the script: the math is on the page as parsed.
    const bare = path.join(scratch, 'bare.html');
    writeFileSync(bare, shell(head, { script: false }));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(bare).href);
    const shown = await page.locator('#content .katex').count();
    assert.ok(shown > 5, `${shown} formulas before any script`);
    // With it: the first render is taken as shown, its blocks kept by the whole render that follows.
    const file = path.join(scratch, 'shell.html');
    writeFileSync(file, shell(head));
    await page.goto(pathToFileURL(file).href);
    await untilPosted(page, { type: 'ready', shown: 1 }, { type: 'rendered', version: 1 });
    assert.equal(await page.locator('#content .katex').count(), shown);
    await page.evaluate(`document.querySelectorAll('#content > *').forEach((el) => { el.kexueMark = true; })`);
    const whole = renderMessage(text, {}, 2);
    await page.evaluate(`window.postMessage(${JSON.stringify(whole).replace(/</g, '\\u003c')}, '*')`);
    await untilPosted(page, { type: 'rendered', version: 2 });
    const kept = await page.evaluate<{ marked: number; blocks: number }>(`({ marked: [...document.querySelectorAll('#content > *')].filter((el) => el.kexueMark).length, blocks: document.querySelectorAll('#content > *').length })`);
    const headBlocks = head.html.match(/data-line=/g)?.length ?? 0;
    assert.ok(kept.blocks > headBlocks * 3, `${kept.blocks} blocks in all`);
    assert.ok(kept.marked >= headBlocks - 1, `${kept.marked} of the ${headBlocks} first-screen blocks kept (not rebuilt)`);
    assert.equal(await page.locator('#content .math-display[data-eq-numbers]').count(), 120);
    await page.close();
  });

  it('the page script leaves KaTeX and uPlot out; the chunk has them', () => {
    const page = readFileSync(dist('webview.js'), 'utf8');
    const chunk = readFileSync(dist('presentation.js'), 'utf8');
    // KaTeX's and uPlot's own code: KaTeX's parse error message and uPlot's constructor.
    for (const marker of ['KaTeX parse error', 'function uPlot(']) {
      assert.ok(!page.includes(marker), `webview.js holds ${marker}`);
      assert.ok(chunk.includes(marker), `presentation.js lacks ${marker}`);
    }
    assert.ok(statSync(dist('webview.js')).size < statSync(dist('presentation.js')).size / 3, 'the page parses a fraction of what it did');
  });

  it('a post without compute results shows its math and never loads the chunk', async () => {
    const page = await open('plain', POST);
    await idle(page);
    const s = await state(page);
    assert.ok(s.rendered);
    assert.equal(await page.locator('#content .katex').count(), 2, 'the post’s math came rendered from the host');
    assert.equal(s.chunkScripts, 0);
    assert.equal(s.chunkLoaded, false);
    assert.deepEqual(s.requested.filter((name) => name.startsWith('presentation.')), []);
    assert.deepEqual(s.violations, []);
    await page.close();
  });

  it('a compute result loads the chunk once, under the page’s nonce, and draws its formula and plot', async () => {
    const page = await open('compute', COMPUTE_POST);
    assert.equal(await page.locator('.compute-card').count(), 1);
    // A post with a card loads the chunk while idle, so that its Run answers at once.
    await page.waitForFunction(() => (globalThis as unknown as { kexuePresentation?: unknown }).kexuePresentation !== undefined);
    const message: HostToWebview = { type: 'computeResult', source: BLOCK, presentation: PRESENTATION };
    const send = (data: HostToWebview): Promise<unknown> => page.evaluate(`window.postMessage(${JSON.stringify(data)}, '*')`);
    await send(message);
    const result = page.locator('.compute-card .compute-result');
    await result.locator('.headline').waitFor({ timeout: 10_000 });
    assert.equal(await result.locator('.formula .katex').count(), 1);
    await result.locator('.uplot canvas').first().waitFor({ timeout: 10_000 });
    // uPlot's stylesheet came with it, before preview.css (whose .uplot rule must win).
    const sheets = await page.evaluate<string[]>(`[...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.href.split('/').pop())`);
    assert.deepEqual(sheets, ['katex.min.css', 'presentation.css', 'preview.css']);
    // A second result reuses the loaded chunk.
    await send({ ...message, presentation: { ...PRESENTATION, headline: 'again' } });
    await page.locator('.compute-card .headline', { hasText: 'again' }).waitFor({ timeout: 10_000 });
    const s = await state(page);
    assert.equal(s.chunkScripts, 1);
    assert.deepEqual(s.violations, [], 'the chunk ran under the CSP');
    await page.close();
  });

  it('a post whose first screens the page holds (preload) is shown from them on a showPost naming them; one it lost is asked for', async () => {
    const page = await open('held', POST);
    const send = (data: HostToWebview): Promise<unknown> => page.evaluate(`window.postMessage(${JSON.stringify(data).replace(/</g, '\\u003c')}, '*')`);
    const next = 'file:///page/next.md';
    const { type: _type, version: _version, ...body } = renderMessage(['# 下一篇', '', '$$', 'e^{i\\pi} + 1 = 0 \\tag{1}', '$$', ''].join('\n'));
    await send({ type: 'preload', id: 7, uri: next, body: { ...body, title: '下一篇' } });
    // Held, not shown: the page still shows its own post.
    assert.equal(await page.locator('#content h1', { hasText: '线性系统' }).count(), 1);
    await send({ type: 'showPost', uri: next, preloaded: { id: 7, version: 5 } });
    await untilPosted(page, { type: 'rendered', version: 5 });
    assert.equal(await page.locator('#content h1', { hasText: '下一篇' }).count(), 1);
    assert.equal(await page.locator('#content .katex').count(), 1);
    assert.equal(await page.locator('#content h1', { hasText: '线性系统' }).count(), 0, 'the post before is gone');
    assert.equal(await page.evaluate<string>(`document.getElementById('kexue-preview').dataset.uri`), next);
    assert.equal(await page.evaluate<string>('document.title'), '下一篇');
    // Handed over once: named again (a page the host thinks still holds it), it is asked for.
    await send({ type: 'showPost', uri: next, preloaded: { id: 7, version: 6 } });
    await untilPosted(page, { type: 'preloadMissing', version: 6 });
    assert.equal(await page.locator('#content > *').count(), 0, 'emptied for the render that follows');
    assert.ok(!(await page.evaluate<boolean>(`window.posted.some((m) => m.type === 'rendered' && m.version === 6)`)));
    await page.close();
  });

  it('a script without the page’s nonce is refused: the policy the chunk passes is enforced', async () => {
    const page = await open('refused', POST);
    const ran = await page.evaluate<string>(`new Promise((resolve) => {
      const s = document.createElement('script');
      s.src = ${JSON.stringify(pathToFileURL(dist('presentation.js')).href)};
      s.addEventListener('load', () => resolve('ran'));
      s.addEventListener('error', () => resolve('refused'));
      document.head.append(s);
    })`);
    assert.equal(ran, 'refused');
    const s = await state(page);
    assert.equal(s.chunkLoaded, false);
    assert.ok(s.violations.some((v) => v.startsWith('script-src')), `violations: ${s.violations.join('; ')}`);
    await page.close();
  });
});
