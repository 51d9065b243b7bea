// Equation numbers in the real preview page (dist/webview.js, KaTeX's and the preview's CSS) and in the
// exported page, in headless Chromium: KaTeX pins a number over the right end of its equation
// (KaTeX#1983), so in a panel beside an editor the end of a long numbered equation was hidden under it.
// Each number must be readable where it is drawn (nothing over it, inside the display's box), never
// cover its equation once the display is scrolled to its end, and a short equation stays centred.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { exportPage, renderPostComplete, type RenderResult } from '../../src/core/render';
import { launchPageBrowser, pageShell, renderMessage } from './support/previewPage';

const LONG = String.raw`\boldsymbol{A}\boldsymbol{A}^{+}\boldsymbol{A}=\boldsymbol{A},\quad \boldsymbol{A}^{+}\boldsymbol{A}\boldsymbol{A}^{+}=\boldsymbol{A}^{+},\quad (\boldsymbol{A}\boldsymbol{A}^{+})^{\top}=\boldsymbol{A}\boldsymbol{A}^{+},\quad (\boldsymbol{A}^{+}\boldsymbol{A})^{\top}=\boldsymbol{A}^{+}\boldsymbol{A}`;
const SUM = 'a = b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r + s + t + u + v + w';

/** A post of our own with every kind of numbered display: short, long, align rows, \tag rows in aligned, in a quote. */
const POST = [
  '---', 'title: 公式编号', '---', '', '# 公式编号', '',
  '短式：', '\\begin{equation}x = y\\label{eq:short}\\end{equation}', '',
  '长式：', `\\begin{equation}${LONG}\\label{eq:long}\\end{equation}`, '',
  '对齐：', `\\begin{align}${SUM}\\\\ x &= y\\end{align}`, '',
  '多标签：', `$$\\begin{aligned} a &= b \\tag{7} \\\\ c &= ${SUM} \\tag{8}\\end{aligned}$$`, '',
  `> 引文里的长式：\\begin{equation}${LONG}\\label{eq:quoted}\\end{equation}`, '',
  '引用 $\\eqref{eq:long}$。', '',
].join('\n');

const THEME = `body { --vscode-editor-background: #ffffff; --vscode-editor-foreground: #1f1f1f; --vscode-textBlockQuote-background: rgba(127,127,127,.1); }`;

interface NumberCheck {
  readonly numbers: number;
  /** Numbers with something else drawn over their middle, or outside their display's visible box. */
  readonly unreadable: string[];
  /** Numbers whose glyphs start left of their equation's end once the display is scrolled to its end. */
  readonly overlapping: string[];
  /** Displays that fit beside their number whose equation is off the display's centre by more than 2 px. */
  readonly offCentre: string[];
  /** Displays that scroll sideways although their equation and number fit in the width. */
  readonly needlessScroll: string[];
}

/** Measures every numbered KaTeX display on the page (scrolling each to its end for the overlap check). */
function checkNumbers(page: Page): Promise<NumberCheck> {
  return page.evaluate(() => {
    const result = { numbers: 0, unreadable: [] as string[], overlapping: [] as string[], offCentre: [] as string[], needlessScroll: [] as string[] };
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('#content > *, body > *'))) el.style.contentVisibility = 'visible';
    for (const html of Array.from(document.querySelectorAll('.katex-display > .katex > .katex-html'))) {
      const tag = html.querySelector(':scope > .tag');
      if (!tag) continue;
      result.numbers++;
      // The box that scrolls sideways: .katex-display in the preview, .math-display in the export.
      let scroller = html.parentElement as HTMLElement;
      while (scroller.parentElement && getComputedStyle(scroller).overflowX !== 'auto') scroller = scroller.parentElement;
      const glyphs = () => Array.from(tag.querySelectorAll('.mord')).map((m) => m.getBoundingClientRect()).filter((r) => r.width > 0);
      const ends = () => {
        const bases = Array.from(html.querySelectorAll(':scope > .base')).map((b) => b.getBoundingClientRect());
        return { left: Math.min(...bases.map((b) => b.left)), right: Math.max(...bases.map((b) => b.right)) };
      };
      const name = (tag.textContent ?? '').replace(/\u200b/g, '').trim();
      for (const end of [0, 1]) {
        scroller.scrollLeft = end ? scroller.scrollWidth : 0;
        const ink = glyphs();
        const inkLeft = Math.min(...ink.map((r) => r.left));
        const inkRight = Math.max(...ink.map((r) => r.right));
        const mid = ink[Math.floor(ink.length / 2)];
        const box = scroller.getBoundingClientRect();
        const top = mid && document.elementFromPoint(mid.left + mid.width / 2, mid.top + mid.height / 2);
        if (!top || !tag.contains(top) || inkLeft < box.left || inkRight > box.right + 0.5) result.unreadable.push(`${name} (scrolled to ${end ? 'end' : 'start'})`);
        const equation = ends();
        if (end && inkLeft < equation.right - 0.5) result.overlapping.push(`${name}: its glyphs start at ${inkLeft.toFixed(1)} px, the equation ends at ${equation.right.toFixed(1)} px`);
        const fits = equation.right - equation.left + (inkRight - inkLeft) + 24 < scroller.clientWidth;
        if (!end && fits && scroller.scrollWidth > scroller.clientWidth) result.needlessScroll.push(`${name}: ${scroller.scrollWidth} > ${scroller.clientWidth} px`);
        if (!end && scroller.scrollWidth <= scroller.clientWidth) {
          const shift = (equation.left + equation.right) / 2 - (box.left + box.right) / 2;
          const room = (box.width - (equation.right - equation.left)) / 2;
          if (room > inkRight - inkLeft + 20 && Math.abs(shift) > 2) result.offCentre.push(`${name}: ${shift.toFixed(1)} px off centre`);
        }
      }
      scroller.scrollLeft = 0;
    }
    return result;
  });
}

describe('Equation numbers in Chromium: beside their equation, never over it', { timeout: 300_000 }, () => {
  let browser: Browser;
  let scratch: string;
  let result: RenderResult;
  const shots = path.join(process.cwd(), 'test-results');

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-eq-numbers-'));
    result = await renderPostComplete(POST);
    browser = await launchPageBrowser();
  });

  after(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function preview(width: number): Promise<Page> {
    const shell = path.join(scratch, 'preview.html');
    const annotationsCss = pathToFileURL(path.join(process.cwd(), 'media', 'annotations.css')).href;
    writeFileSync(shell, pageShell(process.cwd(), THEME).replace('</head>', `<link rel="stylesheet" href="${annotationsCss}"></head>`).replace('<body>', '<body class="vscode-light">'));
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    await page.goto(pathToFileURL(shell).href);
    await page.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), renderMessage(result));
    await page.locator('#content .katex-display .tag').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    return page;
  }

  for (const width of [420, 1000]) {
    it(`the preview at ${width} px: every number readable, none over its equation, short ones centred`, async () => {
      const page = await preview(width);
      const check = await checkNumbers(page);
      await page.screenshot({ path: path.join(shots, `equation-numbers-${width}.png`), fullPage: true });
      await page.close();
      assert.equal(check.numbers, 5, 'number columns: (1), (2), (3)(4) of the align, (7)(8) of the aligned, (5) in the quote');
      assert.deepEqual(check.unreadable, []);
      assert.deepEqual(check.overlapping, []);
      assert.deepEqual(check.offCentre, []);
      assert.deepEqual(check.needlessScroll, []);
    });
  }

  it('a long numbered equation in a narrow panel scrolls sideways under its number', async () => {
    const page = await preview(420);
    const display = page.locator('#content .math-display').filter({ has: page.locator('.tag', { hasText: '(2)' }) }).first().locator('.katex-display');
    const sizes = await display.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(sizes.scroll > sizes.client, `the display scrolls (${sizes.scroll} > ${sizes.client} px)`);
    // Highlighted, it keeps its number at the right edge, tinted like the rest of its band.
    const background = await display.evaluate((el) => {
      el.querySelector('.katex')?.classList.add('kx-hl-formula', 'kx-color-yellow');
      return getComputedStyle(el.querySelector('.tag') as Element).backgroundImage;
    });
    await page.close();
    assert.match(background, /linear-gradient/);
  });

  it('the exported page: the same at 420 px', async () => {
    const katexCss = readFileSync(path.join(process.cwd(), 'node_modules', 'katex', 'dist', 'katex.min.css'), 'utf8').replace(/url\(fonts\//g, `url(${pathToFileURL(path.join(process.cwd(), 'node_modules', 'katex', 'dist', 'fonts')).href}/`);
    const file = path.join(scratch, 'export.html');
    // The export's CSP allows data: fonts only; the test loads KaTeX's files instead, so drop it.
    writeFileSync(file, exportPage(result, { katexCss }).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    const page = await browser.newPage({ viewport: { width: 420, height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(() => document.fonts.ready);
    const check = await checkNumbers(page);
    await page.screenshot({ path: path.join(shots, 'equation-numbers-export-420.png'), fullPage: true });
    const pageWidth = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: window.innerWidth }));
    await page.close();
    assert.equal(check.numbers, 5);
    assert.deepEqual(check.unreadable, []);
    assert.deepEqual(check.overlapping, []);
    assert.deepEqual(check.offCentre, []);
    assert.deepEqual(check.needlessScroll, []);
    // Nothing widens the page: a long display scrolls in its own box.
    assert.ok(pageWidth.scroll <= pageWidth.window, `the page does not scroll sideways (${pageWidth.scroll} > ${pageWidth.window} px)`);
  });

  it('the exported page in a dark colour scheme: a dark page, light text and formulas, the numbers on its own colour', async () => {
    const katexCss = readFileSync(path.join(process.cwd(), 'node_modules', 'katex', 'dist', 'katex.min.css'), 'utf8').replace(/url\(fonts\//g, `url(${pathToFileURL(path.join(process.cwd(), 'node_modules', 'katex', 'dist', 'fonts')).href}/`);
    const file = path.join(scratch, 'export-dark.html');
    writeFileSync(file, exportPage(result, { katexCss }).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    const page = await browser.newPage({ viewport: { width: 420, height: 1000 }, colorScheme: 'dark' });
    await page.goto(pathToFileURL(file).href);
    await page.evaluate(() => document.fonts.ready);
    const check = await checkNumbers(page);
    const colours = await page.evaluate(() => {
      const luminance = (css: string) => {
        const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => Number(c) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const body = getComputedStyle(document.body);
      const formula = getComputedStyle(document.querySelector('.katex') as Element).color;
      const tag = document.querySelector('.math-display .tag');
      const surface = tag ? getComputedStyle(tag).backgroundColor : '';
      return { background: luminance(body.backgroundColor), text: luminance(body.color), formula: luminance(formula), surface: surface ? luminance(surface) : -1 };
    });
    await page.screenshot({ path: path.join(shots, 'equation-numbers-export-dark.png'), fullPage: true });
    await page.close();
    assert.deepEqual(check.unreadable, []);
    assert.deepEqual(check.overlapping, []);
    const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    assert.ok(colours.background < 0.05, `a dark page (luminance ${colours.background.toFixed(3)})`);
    assert.ok(contrast(colours.text, colours.background) >= 7, `text contrast ${contrast(colours.text, colours.background).toFixed(1)}:1`);
    assert.ok(contrast(colours.formula, colours.background) >= 7, `formula contrast ${contrast(colours.formula, colours.background).toFixed(1)}:1`);
    if (colours.surface >= 0) assert.ok(colours.surface < 0.05, 'an equation number is drawn on the dark surface');
  });
});

describe('Code blocks in Chromium: code spacing, not the prose’s', { timeout: 120_000 }, () => {
  const CODE_POST = ['# 代码', '', '正文的行距宽松。', '', '```python', 'import numpy as np', 'x = np.arange(4)', 'print(x @ x)', '```', ''].join('\n');

  /** The code block's line height over its code's font size, and that size over the body's. */
  async function spacing(page: Page): Promise<{ lineHeight: number; size: number }> {
    return page.evaluate(() => {
      const pre = document.querySelector('pre');
      const code = pre?.querySelector('code') ?? pre;
      if (!pre || !code) return { lineHeight: NaN, size: NaN };
      const fontSize = parseFloat(getComputedStyle(code).fontSize);
      return { lineHeight: parseFloat(getComputedStyle(code).lineHeight) / fontSize, size: fontSize / parseFloat(getComputedStyle(document.body).fontSize) };
    });
  }

  it('the preview and the export draw a program at about 1.5 lines, its text at the code size (not .9 of .9)', async () => {
    const browser = await launchPageBrowser();
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-code-'));
    try {
      const result = await renderPostComplete(CODE_POST);
      const shell = path.join(scratch, 'preview.html');
      writeFileSync(shell, pageShell(process.cwd(), THEME));
      const preview = await browser.newPage({ viewport: { width: 900, height: 600 } });
      await preview.goto(pathToFileURL(shell).href);
      await preview.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
      await preview.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), renderMessage(result));
      await preview.locator('#content pre').waitFor();
      const inPreview = await spacing(preview);
      const file = path.join(scratch, 'export.html');
      writeFileSync(file, exportPage(result, { katexCss: '' }));
      const exported = await browser.newPage({ viewport: { width: 900, height: 600 } });
      await exported.goto(pathToFileURL(file).href);
      const inExport = await spacing(exported);
      for (const [where, measured] of [['preview', inPreview], ['export', inExport]] as const) {
        assert.ok(measured.lineHeight >= 1.3 && measured.lineHeight <= 1.65, `${where}: code line height ${measured.lineHeight.toFixed(2)} (the prose's 1.85 drew it double-spaced)`);
      }
      assert.ok(inExport.size > 0.85 && inExport.size < 0.95, `export: code at ${inExport.size.toFixed(2)} of the body's size`);
    } finally {
      await browser.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
