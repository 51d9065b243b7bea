// The MathJax dialect post of our own (test/fixtures/render/mathjax-dialect.md) in the real preview
// page in headless Chromium, under the preview's CSP: KaTeX draws what the compatibility pass made
// KaTeX's, MathJax's SVG draws the rest and is laid out with a real size, no CSP violation is
// reported, and the one formula both engines refuse is shown as an error. Screenshots, light and
// dark, in test-results/ for a person to look at.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderPostComplete, type RenderResult } from '../../src/core/render';
import { launchPageBrowser, pageShell, renderMessage, withCsp } from './support/previewPage';

// The colours the page reads from VS Code's default Light Modern / Dark Modern themes.
const LIGHT = `body { --vscode-editor-background: #ffffff; --vscode-editor-foreground: #1f1f1f; --vscode-textLink-foreground: #005fb8; --vscode-errorForeground: #f85149; }`;
const DARK = `body { --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-textLink-foreground: #4daafc; --vscode-errorForeground: #f85149; }`;

describe('Preview page in Chromium: the MathJax dialect post', { timeout: 300_000 }, () => {
  let browser: Browser;
  let scratch: string;
  let result: RenderResult;
  const shots = path.join(process.cwd(), 'test-results');

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-dialect-page-'));
    mkdirSync(shots, { recursive: true });
    result = await renderPostComplete(readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'render', 'mathjax-dialect.md'), 'utf8'));
    browser = await launchPageBrowser();
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function show(theme: 'light' | 'dark'): Promise<{ page: Page; violations: string[] }> {
    const shell = path.join(scratch, `${theme}.html`);
    writeFileSync(shell, withCsp(pageShell(process.cwd(), theme === 'light' ? LIGHT : DARK)).replace('<body>', `<body class="vscode-${theme}">`));
    const page = await browser.newPage({ viewport: { width: 960, height: 1400 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(pathToFileURL(shell).href);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), renderMessage(result));
    await page.waitForSelector('#content .math-mathjax > svg');
    return { page, violations };
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`draws every form (${theme}), MathJax's SVG at a real size, no CSP violation`, async () => {
      const { page, violations } = await show(theme);
      const sizes = await page.$$eval('#content .math-mathjax > svg', (svgs) =>
        svgs.map((svg) => {
          svg.scrollIntoView();
          const box = svg.getBoundingClientRect();
          return [box.width, box.height];
        }),
      );
      assert.equal(sizes.length, 5);
      for (const [width, height] of sizes) assert.ok(width > 5 && height > 5, `MathJax SVG laid out at ${width}×${height}`);
      // The glyphs follow the theme's text colour (currentColor), so dark mode is readable.
      const fill = await page.$eval('#content .math-mathjax > svg g', (g) => getComputedStyle(g).fill);
      const text = await page.$eval('#content p', (p) => getComputedStyle(p).color);
      assert.equal(fill, text);
      // A box with its own colour (\bbox[yellow]{x^2}) keeps its text readable in either theme: the
      // theme's light text on yellow was 1.3:1 in the dark theme. WCAG contrast, at least 4.5:1.
      const contrast = await page.$eval('#content .katex [style*="background-color"]', (box) => {
        const ink = box.closest('.vlist')?.querySelector('.boxpad');
        const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const named = document.createElement('span');
        named.style.color = (box as HTMLElement).style.backgroundColor;
        document.body.append(named);
        const luminance = (rgb: number[]) => {
          const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const [a, b] = [luminance(channels(getComputedStyle(named).color)), luminance(channels(getComputedStyle(ink as Element).color))];
        named.remove();
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      assert.ok(contrast >= 4.5, `text on a coloured box: contrast ${contrast.toFixed(2)}:1`);
      assert.equal(await page.locator('#content .katex-error').count(), 1);
      // The error stands out from the text in either theme: the theme's error colour, not the text's.
      const errorColour = await page.$eval('#content .katex-error', (error) => getComputedStyle(error).color);
      assert.equal(errorColour, 'rgb(248, 81, 73)');
      assert.notEqual(errorColour, text);
      assert.match((await page.locator('#content .katex-error').getAttribute('title')) ?? '', /^KaTeX: .*\nMathJax: /s);
      assert.deepEqual(violations, []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(shots, `dialect-${theme}.png`), fullPage: true });
      await page.close();
    });
  }
});
