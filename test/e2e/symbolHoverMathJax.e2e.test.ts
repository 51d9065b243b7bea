// Symbol hover on formulas the MathJax fallback draws, in the real preview page in headless Chromium
// under the preview's CSP: our fixture post test/fixtures/notation/mathjax-fallback.md rendered by the
// real renderer (two formulas KaTeX refuses go to MathJax, whose SVG nodes carry the symbol marks),
// and the notation the host sends built by the same core calls as src/notation/ (postNotation, carried
// over from an earlier part — our fixture blog-style-definitions.md — then PreviewNotationBuilder).
// Hovering a marked letter inside the SVG shows that symbol, its count and its definition; the power
// of W_k^2 (unmarked) shows no popup; a definition carried from the earlier part offers Go to
// definition, which posts openPost with that post's id and the definition's line. Screenshots of the
// popup over the MathJax formula, light and dark, in test-results/ for a person to look at.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { carryOver, mathJaxFormulas, postMacros, postNotation, PreviewNotationBuilder, THIS_POST } from '../../src/core/notation';
import type { PreviewNotation, SymbolHoverStrings } from '../../src/core/protocol/notation';
import type { HostToWebview } from '../../src/core/protocol/preview';
import { renderPostComplete, type RenderResult } from '../../src/core/render';
import { launchPageBrowser, pageShell, renderMessage, withCsp } from './support/previewPage';

const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'notation');
/** The page shell's data-uri: the post the page shows (a notation message for another is ignored). */
const PAGE_URI = 'file:///page/post.md';
/** The earlier part's id as the library would give it (earlierParts.ts passes it on to carryOver). */
const EARLIER_ID = 'blog-style-definitions';

const LIGHT = `body { --vscode-editor-background: #ffffff; --vscode-editor-foreground: #1f1f1f; --vscode-textLink-foreground: #005fb8;
  --vscode-editorHoverWidget-background: #f8f8f8; --vscode-editorHoverWidget-foreground: #3b3b3b; --vscode-editorHoverWidget-border: #c8c8c8; --vscode-editor-wordHighlightBackground: #57575740; }`;
const DARK = `body { --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc; --vscode-textLink-foreground: #4daafc;
  --vscode-editorHoverWidget-background: #202020; --vscode-editorHoverWidget-foreground: #cccccc; --vscode-editorHoverWidget-border: #454545; --vscode-editor-wordHighlightBackground: #575757b8; }`;

/** The host's strings (symbolHoverStrings() in src/notation/previewSymbolNotation.ts, English source). */
const STRINGS: SymbolHoverStrings = {
  occurrences: 'occurs {0} times in this post',
  occursOnce: 'occurs once in this post',
  goToDefinition: 'Go to definition',
  back: 'Back',
  notDefined: 'not defined in this post',
  definedIn: 'defined in {0}',
  line: 'line {0}',
  pinned: 'pinned by you',
  formulaSymbols: 'Symbols of this formula',
};

type Posted = { type: string; postId?: string; line?: number };

describe('Symbol hover on formulas MathJax draws (preview page in Chromium)', { timeout: 300_000 }, () => {
  let browser: Browser;
  let scratch: string;
  let result: RenderResult;
  let notation: PreviewNotation;
  let earlierTitle: string;
  const shots = path.join(process.cwd(), 'test-results');

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-hover-mathjax-'));
    mkdirSync(shots, { recursive: true });
    const text = readFileSync(path.join(FIXTURES, 'mathjax-fallback.md'), 'utf8');
    const earlierText = readFileSync(path.join(FIXTURES, 'blog-style-definitions.md'), 'utf8');
    earlierTitle = /^title:\s*(.+)$/m.exec(earlierText)?.[1] ?? 'earlier part';
    result = await renderPostComplete(text);
    // As NotationSource.load then PreviewSymbolNotation.send do it (no pins in this test).
    const symbols = carryOver(postNotation(text), [{ title: earlierTitle, postId: EARLIER_ID, symbols: postNotation(earlierText) }]);
    notation = new PreviewNotationBuilder().build(result.html, symbols, postMacros(text), STRINGS);
    browser = await launchPageBrowser();
  });

  after(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('the fixture really goes to MathJax, with marks, and the notation lists its symbols', () => {
    const drawn = mathJaxFormulas(result.html);
    assert.equal(drawn.length, 2, 'the \\displaylines formula and the optional-argument macro are drawn by MathJax');
    assert.ok(drawn[0].symbols.includes('\\boldsymbol{A}^{\\dagger}') && drawn[0].symbols.includes('\\epsilon'));
    assert.ok(drawn[1].symbols.includes('\\boldsymbol{W}_k'));
    const epsilon = notation.symbols.find((s) => s.tex === '\\epsilon');
    assert.ok(epsilon?.definitions.some((d) => d.postId === EARLIER_ID && d.source !== THIS_POST), 'ε is carried from the earlier part');
  });

  async function show(theme: 'light' | 'dark'): Promise<{ page: Page; violations: string[] }> {
    const shell = path.join(scratch, `${theme}.html`);
    writeFileSync(shell, withCsp(pageShell(process.cwd(), theme === 'light' ? LIGHT : DARK)).replace('<body>', `<body class="vscode-${theme}">`));
    const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(pathToFileURL(shell).href);
    await page.waitForFunction(() => (window as unknown as { posted: Posted[] }).posted.some((m) => m.type === 'ready'));
    await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), renderMessage(result));
    await page.waitForSelector('#content .math-mathjax > svg [data-kx-symbol]', { state: 'attached' });
    const message: HostToWebview = { type: 'notation', uri: PAGE_URI, notation };
    await page.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), message);
    await page.waitForFunction((count) => document.documentElement.dataset.notationSymbols === String(count), notation.symbols.length);
    return { page, violations };
  }

  /**
   * The centre of the `n`-th node of the `formula`-th MathJax formula marked with `tex`, or (`unmarked`) a painted
   * point of the power of that occurrence: the msubsup's child that carries no mark (a digit here).
   */
  async function pointAt(page: Page, formula: number, tex: string, n = 0, unmarked = false): Promise<{ x: number; y: number }> {
    return page.evaluate(({ formula, tex, n, unmarked }) => {
      const svg = document.querySelectorAll('#content .math-mathjax')[formula];
      svg.scrollIntoView({ block: 'center' });
      const nodes = Array.from(svg.querySelectorAll('[data-kx-symbol]')).filter((e) => e.getAttribute('data-kx-symbol') === tex);
      let node: Element | undefined = nodes[n];
      if (node && unmarked) {
        const script = node.closest('[data-mml-node="msubsup"], [data-mml-node="msup"]');
        node = script ? Array.from(script.children).find((c) => !c.hasAttribute('data-kx-symbol') && c.querySelector('[data-kx-symbol]') === null) : undefined;
      }
      if (!node) throw new Error(`no ${unmarked ? 'power of ' : ''}${tex} #${n} in MathJax formula ${formula}`);
      const box = node.getBoundingClientRect();
      if (!unmarked) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      // A glyph is hit only where it is painted (the middle of a "2" is blank): a point on its strokes.
      for (let i = 1; i < 16; i++) {
        for (let j = 1; j < 16; j++) {
          const x = box.left + (box.width * i) / 16;
          const y = box.top + (box.height * j) / 16;
          if (node.contains(document.elementFromPoint(x, y))) return { x, y };
        }
      }
      throw new Error(`the power of ${tex} is painted nowhere in its box`);
    }, { formula, tex, n, unmarked });
  }

  /** Moves the pointer away and waits until no popup is left. */
  async function away(page: Page): Promise<void> {
    await page.mouse.move(2, 2);
    await page.waitForSelector('.symbol-popup', { state: 'detached' });
  }

  async function popupText(page: Page): Promise<{ symbol: string | null; count: string; where: string; definition: string; goTo: number }> {
    const popup = page.locator('.symbol-popup');
    return {
      symbol: await popup.getAttribute('data-symbol'),
      count: (await popup.locator('.symbol-count').textContent()) ?? '',
      where: (await popup.locator('.symbol-where').textContent()) ?? '',
      definition: (await popup.locator('.symbol-definition-body').textContent()) ?? '',
      goTo: await popup.locator('.symbol-goto').count(),
    };
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`hover inside MathJax's SVG (${theme}): the marked symbol's popup, none for the power, carried Go to definition posts openPost`, async () => {
      const { page, violations } = await show(theme);
      const symbolOf = (tex: string) => {
        const found = notation.symbols.find((s) => s.tex === tex);
        assert.ok(found, tex);
        return found;
      };

      // 1. A± in the \displaylines formula (MathJax formula 0): defined by the KaTeX-drawn equation below.
      const pinv = symbolOf('\\boldsymbol{A}^{\\dagger}');
      const own = postNotation(readFileSync(path.join(FIXTURES, 'mathjax-fallback.md'), 'utf8')).find((s) => s.tex === pinv.tex);
      assert.ok(own && pinv.occurrences > own.occurrences, 'its occurrence in the formula KaTeX refuses is counted too');
      let at = await pointAt(page, 0, pinv.tex);
      await page.mouse.move(at.x, at.y);
      await page.waitForSelector('.symbol-popup');
      let shown = await popupText(page);
      assert.equal(shown.symbol, pinv.tex);
      assert.equal(shown.count, `occurs ${pinv.occurrences} times in this post`);
      assert.equal(shown.where, `line ${pinv.definitions[0].line} Go to definition`);
      assert.match(shown.definition, /lim/, 'the defining equation, drawn');
      assert.equal(await page.locator('.symbol-mark').count(), 1, 'the hovered occurrence is highlighted');
      await page.screenshot({ path: path.join(shots, `symbol-hover-mathjax-${theme}.png`) });
      await away(page);

      // 2. W_k in the optional-argument macro's formula (MathJax formula 1): the sentence on line 8.
      const weights = symbolOf('\\boldsymbol{W}_k');
      at = await pointAt(page, 1, weights.tex);
      await page.mouse.move(at.x, at.y);
      await page.waitForSelector('.symbol-popup');
      shown = await popupText(page);
      assert.equal(shown.symbol, weights.tex);
      assert.equal(shown.count, `occurs ${weights.occurrences} times in this post`);
      assert.match(shown.definition, /权重矩阵/);
      assert.equal(shown.where, `line ${weights.definitions[0].line} Go to definition`);
      await away(page);

      // … its power ^2 carries no mark: no popup for W_k (nor any other) while the pointer rests there.
      at = await pointAt(page, 1, weights.tex, 0, true);
      const under = await page.evaluate(({ x, y }) => {
        const hit = document.elementFromPoint(x, y);
        return { digit: hit?.closest('[data-mml-node="mn"]')?.textContent ?? null, inMathJax: hit?.closest('.math-mathjax') !== null };
      }, at);
      assert.ok(under.inMathJax && under.digit !== null, `the pointer rests on the power's digit inside the SVG (${JSON.stringify(under)})`);
      await page.mouse.move(at.x, at.y);
      // Two animation frames: the hover handler has run for this position.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      assert.equal(await page.locator('.symbol-popup').count(), 0, 'the power of W_k^2 is not W_k');
      await away(page);

      // 3. ε, left undefined here, carried from the earlier part: Go to definition opens that post at the line.
      const epsilon = symbolOf('\\epsilon');
      const carried = epsilon.definitions[0];
      at = await pointAt(page, 0, epsilon.tex, 1);
      await page.mouse.move(at.x, at.y);
      await page.waitForSelector('.symbol-popup');
      shown = await popupText(page);
      assert.equal(shown.symbol, epsilon.tex);
      assert.equal(shown.where, `defined in ${earlierTitle} Go to definition`);
      assert.match(shown.definition, /small constant/);
      await page.screenshot({ path: path.join(shots, `symbol-hover-mathjax-carried-${theme}.png`) });
      const goTo = page.locator('.symbol-popup .symbol-goto');
      const box = await goTo.boundingBox();
      assert.ok(box);
      // Into the popup (it stays while the pointer is on it), then click.
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      await goTo.click();
      await page.waitForFunction(() => (window as unknown as { posted: Posted[] }).posted.some((m) => m.type === 'openPost'));
      const opened = await page.evaluate(() => (window as unknown as { posted: Posted[] }).posted.filter((m) => m.type === 'openPost'));
      assert.equal(opened.length, 1);
      assert.equal(opened[0].postId, EARLIER_ID);
      assert.equal(opened[0].line, carried.line - 1, 'the definition\'s line, 0-based as openPost takes it');
      assert.deepEqual(violations, []);
      await page.close();
    });
  }
});
