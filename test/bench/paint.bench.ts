// First paint of a long post in the preview, measured in real Chromium with the real webview bundle:
//  host    — PostRenderer.render with cold caches (what the extension host does when a preview opens);
//  webview — from the 'render' message arriving in the page to the first frame painted after it
//            (parse of the HTML, style, layout, paint), with the preview's CSS and KaTeX's.
// For the corpus post with the most HTML: as shipped (its first screens, then the rest), the whole
// post in one step, and the whole post with `content-visibility` off (every block laid out).
// Skipped, and said plainly, without the corpus or without Chromium.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/preview';
import { firstScreen, PostRenderer, type RenderOptions } from '../../src/core/render';
import { pageShell, renderMessage } from '../e2e/support/previewPage';
import { corpusPosts, repoRoot } from './support/corpusPosts';

const ROUNDS = 5;
const CHROMIUM = process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium';

/** The page's globals this bench touches (the bench is type-checked without the DOM library). */
interface PageGlobals {
  posted: { type: string }[];
  dispatchEvent(event: unknown): void;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  requestAnimationFrame(callback: () => void): void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: unknown): void } };
  document: { fonts: { ready: Promise<unknown> } };
}

/**
 * A small page with Chinese text and the common KaTeX fonts, shown before each measurement: loading
 * fonts happens once per VS Code window, not once per preview, so it is kept out of the figure.
 */
const FONT_WARMUP = [
  '# 预热', '', '中文段落，含公式$x^2+\\frac{a}{b}$与$\\mathbb{R}^n$、$\\mathcal{L}$、$\\boldsymbol{x}$。', '',
  '$$\\left(\\sum_{n=0}^{N}\\int_0^1 f_n(t)\\,dt\\right)^{\\frac{1}{2}} = \\Big\\{\\sqrt{\\pi}\\Big\\}$$', '',
].join('\n');

/** Milliseconds from the message's arrival to the end of the first frame that shows it (fonts already loaded). */
async function webviewPaintMs(browser: Browser, shellFile: string, message: HostToWebview, warmup: HostToWebview): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  try {
    await page.goto(pathToFileURL(shellFile).href);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).posted.some((m) => m.type === 'ready'));
    await page.evaluate(async (data) => {
      const page = globalThis as unknown as PageGlobals;
      page.dispatchEvent(new page.MessageEvent('message', { data }));
      while (!page.posted.some((m) => m.type === 'rendered')) await new Promise((resolve) => setTimeout(resolve, 10));
      await page.document.fonts.ready;
    }, { ...warmup, version: 0 });
    return await page.evaluate(
      (data) =>
        new Promise<number>((resolve) => {
          const page = globalThis as unknown as PageGlobals;
          const started = performance.now();
          page.dispatchEvent(new page.MessageEvent('message', { data }));
          // rAF callbacks run before the frame's style/layout/paint; a task queued from one runs after it.
          page.requestAnimationFrame(() => {
            const channel = new page.MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - started);
            channel.port2.postMessage(null);
          });
        }),
      message,
    );
  } finally {
    await page.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median milliseconds of a cold-cache host render (a new PostRenderer each time). */
function hostMs(text: string, options: RenderOptions = {}): number {
  return median(Array.from({ length: ROUNDS }, () => {
    const started = performance.now();
    new PostRenderer().render(text, options);
    return performance.now() - started;
  }));
}

export async function run(): Promise<void> {
  const posts = corpusPosts();
  if (posts.length === 0) {
    console.log('paint bench SKIPPED: no corpus (set KEXUE_CORPUS)');
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`paint bench SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set KEXUE_CHROMIUM)`);
    return;
  }
  const root = repoRoot();
  if (!existsSync(path.join(root, 'dist', 'webview.js'))) {
    console.log('paint bench SKIPPED: dist/webview.js is missing (run `npm run build`)');
    return;
  }
  // The post that puts the most HTML on the page (this also warms the JIT, as in a host that has rendered before).
  const heaviest = posts
    .map((post) => ({ ...post, result: new PostRenderer().render(post.text) }))
    .reduce((a, b) => (b.result.html.length > a.result.html.length ? b : a));
  const top = firstScreen(heaviest.text);
  // Reopened two thirds of the way down (a window reloaded mid-read, or the preview opened beside an editor there).
  const deepLine = Math.floor((heaviest.text.split('\n').length * 2) / 3);
  const deep = firstScreen(heaviest.text, deepLine);
  if (!top || !deep) throw new Error(`${heaviest.name} is too short for a first-screen render`);
  const head = new PostRenderer().render(heaviest.text, { lines: top });
  const deepHead = new PostRenderer().render(heaviest.text, { lines: deep });
  const hostFull = hostMs(heaviest.text);
  const hostHead = hostMs(heaviest.text, { lines: top });
  const hostDeep = hostMs(heaviest.text, { lines: deep });
  console.log(
    `heaviest post ${heaviest.name}: ${(heaviest.result.html.length / 1e6).toFixed(2)} MB of HTML, ${heaviest.result.stats.mathNodes} formulas; ` +
      `first screens ${(head.html.length / 1e6).toFixed(2)} MB at the top, ${(deepHead.html.length / 1e6).toFixed(2)} MB at line ${deepLine}`,
  );
  console.log(
    `  host render, cold caches: whole post ${hostFull.toFixed(0)} ms, first screens ${hostHead.toFixed(0)} ms at the top, ` +
      `${hostDeep.toFixed(0)} ms at line ${deepLine} (median of ${ROUNDS})`,
  );

  const warmup = renderMessage(new PostRenderer().render(FONT_WARMUP));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-paint-bench-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
  });
  try {
    const shipped = path.join(scratch, 'shipped.html');
    const noSkipping = path.join(scratch, 'every-block-laid-out.html');
    writeFileSync(shipped, pageShell(root, ''));
    writeFileSync(noSkipping, pageShell(root, '#content > * { content-visibility: visible !important; }'));
    const cases = [
      { name: 'first screens, then the rest (as shipped)', shell: shipped, message: renderMessage(head), host: hostHead },
      { name: 'whole post in one step', shell: shipped, message: renderMessage(heaviest.result), host: hostFull },
      { name: 'whole post, content-visibility off', shell: noSkipping, message: renderMessage(heaviest.result), host: hostFull },
      { name: `first screens at line ${deepLine} (as shipped)`, shell: shipped, message: renderMessage(deepHead), host: hostDeep },
    ];
    const firstPaints: number[] = [];
    for (const entry of cases) {
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) times.push(await webviewPaintMs(browser, entry.shell, entry.message, warmup));
      const webview = median(times);
      firstPaints.push(entry.host + webview);
      console.log(
        `  ${entry.name.padEnd(44)} host ${entry.host.toFixed(0).padStart(4)} ms + webview ${webview.toFixed(0).padStart(4)} ms ` +
          `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) → first paint ${(entry.host + webview).toFixed(0).padStart(4)} ms`,
      );
    }
    const [shippedPaint, oneStep, everything, deepPaint] = firstPaints;
    console.log(
      `first paint of the heaviest post: ${shippedPaint.toFixed(0)} ms — ${(oneStep / shippedPaint).toFixed(1)}× sooner than the whole post in one step, ` +
        `${(everything / shippedPaint).toFixed(1)}× sooner than laying every block out; reopened at line ${deepLine}: ${deepPaint.toFixed(0)} ms ` +
        '(report; message transfer not included)',
    );
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
