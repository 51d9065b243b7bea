// First paint of a long post in the preview, measured in real Chromium with the real webview bundle:
//  host    — PostRenderer.render of the post with cold caches (what the extension host does on open);
//  webview — from the 'render' message arriving in the page to the first frame painted after it
//            (parse of the HTML, style, layout, paint), with the preview's CSS and KaTeX's.
// The same page is also measured with `content-visibility` switched off, to show what skipping the
// layout of off-screen blocks buys. Skipped (said plainly) without the corpus or without Chromium.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/preview';
import { PostRenderer } from '../../src/core/render';

const ROUNDS = 5;
const CHROMIUM = process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

function longestPost(): { name: string; text: string } | undefined {
  const root = process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus');
  const dir = path.join(root, 'posts');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }))
    .reduce<{ name: string; text: string } | undefined>((a, b) => (!a || b.text.length > a.text.length ? b : a), undefined);
}

/** The preview's page shell (as previewHtml builds it, minus the CSP) with a stand-in for VS Code's API. */
function pageShell(root: string, extraCss: string): string {
  const file = (...parts: string[]) => pathToFileURL(path.join(root, ...parts)).href;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<link rel="stylesheet" href="${file('node_modules', 'katex', 'dist', 'katex.min.css')}">
<link rel="stylesheet" href="${file('media', 'preview.css')}">
<style>${extraCss}</style>
<script>
  window.posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => {} });
</script>
</head><body>
<div id="kexue-preview" data-uri="file:///bench/post.md" data-strings="{}">
  <nav id="series-bar" hidden></nav><div id="outline"></div>
  <article id="content" class="post"></article><section id="cited-by" hidden></section>
</div>
<script src="${file('dist', 'webview.js')}"></script>
</body></html>`;
}

/** The page's globals this bench touches (the bench is type-checked without the DOM library). */
interface PageGlobals {
  posted: { type: string }[];
  dispatchEvent(event: unknown): void;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  requestAnimationFrame(callback: () => void): void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(value: unknown): void } };
  document: { fonts: { ready: Promise<unknown> } };
}

/** Milliseconds from the message's arrival to the end of the first frame that shows it. */
async function webviewPaintMs(browser: Browser, shellFile: string, message: HostToWebview): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  try {
    await page.goto(pathToFileURL(shellFile).href);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).posted.some((m) => m.type === 'ready'));
    // Fonts are the page's, not the post's: load them first so both variants measure the same work.
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready);
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

export async function run(): Promise<void> {
  const post = longestPost();
  if (!post) {
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
  new PostRenderer().render(post.text); // warm the JIT, as an extension host that has rendered before
  const hostTimes: number[] = [];
  let result = new PostRenderer().render(post.text);
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    result = new PostRenderer().render(post.text);
    hostTimes.push(performance.now() - started);
  }
  const message: HostToWebview = {
    type: 'render', version: 1, title: result.meta.title ?? '', html: result.html, headings: result.headings,
    equations: result.equations, errors: result.errors, series: null, citedBy: [],
  };

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-paint-bench-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
  });
  try {
    const variants = [
      { name: 'as shipped (content-visibility: auto)', css: '' },
      { name: 'every block laid out (content-visibility off)', css: '#content > * { content-visibility: visible !important; }' },
    ];
    const host = median(hostTimes);
    console.log(
      `longest post ${post.name} (${post.text.length} chars): ${(result.html.length / 1e6).toFixed(2)} MB of HTML, ` +
        `${result.stats.mathNodes} formulas; host render (cold caches) ${host.toFixed(0)} ms (median of ${ROUNDS})`,
    );
    const paints: number[] = [];
    for (const variant of variants) {
      const shell = path.join(scratch, `shell-${paints.length}.html`);
      writeFileSync(shell, pageShell(root, variant.css));
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) times.push(await webviewPaintMs(browser, shell, message));
      const paint = median(times);
      paints.push(paint);
      console.log(
        `  ${variant.name.padEnd(48)} webview ${paint.toFixed(0).padStart(5)} ms → first paint ${(host + paint).toFixed(0).padStart(5)} ms ` +
          `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
      );
    }
    console.log(`first paint of the longest post: ${(host + paints[0]).toFixed(0)} ms (webview part ${(paints[1] / paints[0]).toFixed(1)}× faster than laying out every block)`);
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
