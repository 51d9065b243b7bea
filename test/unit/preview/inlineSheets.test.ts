// The preview page's stylesheets travel inside its shell (a webview's <link> is a round trip through the
// workbench before the first paint), and so do the KaTeX fonts its first screens draw with, as data:
// URIs. Checked in headless Chromium on a post of our own, under the preview's real CSP: no stylesheet
// and no font is fetched, nothing is refused, KaTeX's and our rules apply, the fonts are loaded; a face
// the first screens did not use is fetched by its URL when a later formula needs it. Served over HTTP
// with the fonts on another origin (with Access-Control-Allow-Origin: *), as the webview's resources are.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { renderPost } from '../../../src/core/render';
import { fontsOf, inlineSheets, KATEX_FONTS } from '../../../src/preview/inlineSheets';
import { nonce, previewContentSecurityPolicy } from '../../../src/webviewPanels/contentSecurityPolicy';
import { repoRoot } from '../repoRoot';

const CHROMIUM = process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium';
const root = repoRoot();

/** A post of our own using the math forms whose fonts differ: blackboard, calligraphic, bold, big operators, sized delimiters. */
const POST = [
  '# 字体',
  '',
  '设 $x \\in \\mathbb{R}^n$，损失 $\\mathcal{L}(\\boldsymbol{\\theta})$，矩阵 $\\mathbf{A}$。',
  '',
  '$$',
  '\\sum_{k=1}^{n} \\left(\\frac{a_k}{b_k}\\right) = \\int_0^1 f(t)\\,dt \\tag{1}',
  '$$',
  '',
].join('\n');

/**
 * The preview's shell as previewHtml builds it (head: CSP, inlined sheets and fonts), without its
 * script; `fonts` the origin KaTeX's fonts come from (the webview's resource origin stands for it).
 */
function shell(html: string, fonts: string): string {
  const fontUrl = (font: string): string => `${fonts}/${[...KATEX_FONTS, font].join('/')}`;
  const csp = previewContentSecurityPolicy({ cspSource: fonts }, nonce());
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
${inlineSheets(root, fontUrl, html)}
</head><body>
<div id="kexue-preview"><article id="content" class="post">${html}</article></div>
</body></html>`;
}

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM}` : false;
if (skip) console.log(`SKIPPED: ${skip}`);

describe('preview shell: stylesheets and the first fonts inlined', { skip, timeout: 60_000 }, () => {
  let browser: Browser;
  let server: Server;
  let port = 0;
  /** The page under test, served at /shell.html; any other path is a file of the repository. */
  let page = '';

  before(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/shell.html') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      const file = path.join(root, ...url.pathname.split('/').map(decodeURIComponent));
      if (!file.startsWith(path.join(root, 'node_modules', 'katex')) || !existsSync(file)) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': 'font/woff2', 'Access-Control-Allow-Origin': '*' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('names the fonts of the classes in the HTML, none without math', () => {
    const fonts = fontsOf(renderPost(POST).html);
    for (const font of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_AMS-Regular', 'KaTeX_Caligraphic-Regular', 'KaTeX_Main-Bold', 'KaTeX_Math-BoldItalic', 'KaTeX_Size2-Regular']) {
      assert.ok(fonts.includes(`${font}.woff2`), `${font} in ${fonts.join(', ')}`);
    }
    assert.deepEqual(fontsOf(renderPost('# 无公式\n\n只有文字。\n').html), []);
    assert.deepEqual(fontsOf(renderPost('只有 $x$。\n').html), ['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2']);
  });

  it('KaTeX and our rules apply with no stylesheet fetched; the first screens\' fonts come inside the shell, no font is fetched', async () => {
    const html = renderPost(POST).html;
    // The page on 127.0.0.1, the fonts on localhost: two origins, as a webview and its resources.
    page = shell(html, `http://localhost:${port}`);
    for (const font of fontsOf(html)) assert.ok(page.includes(`url(data:font/woff2;base64,${readFileSync(path.join(root, ...KATEX_FONTS, font)).toString('base64')})`), `${font} inside the shell`);
    assert.ok(page.includes(`url(http://localhost:${port}/${[...KATEX_FONTS, 'KaTeX_Fraktur-Regular.woff2'].join('/')})`), 'a font the first screens do not use stays a URL');
    const tab = await browser.newPage();
    const violations: string[] = [];
    tab.on('console', (message) => {
      if (/Content Security Policy|preloaded .* not used/i.test(message.text())) violations.push(message.text());
    });
    // Every request the page makes (file: loads leave no resource timing entries).
    const requested: string[] = [];
    tab.on('request', (request) => requested.push(request.url().split('/').pop() ?? ''));
    await tab.goto(`http://127.0.0.1:${port}/shell.html`);
    // Page code as text: this test is compiled without the DOM's types.
    const seen = await tab.evaluate<{ mathFont: string; bodyWidth: string; fontsLoaded: boolean }>(`(async () => {
      await document.fonts.ready;
      return {
        mathFont: getComputedStyle(document.querySelector('#content .katex')).fontFamily,
        bodyWidth: getComputedStyle(document.body).maxWidth,
        fontsLoaded: ['16px KaTeX_Main', 'italic 16px KaTeX_Math', '16px KaTeX_AMS', '16px KaTeX_Caligraphic', 'bold 16px KaTeX_Main', '16px KaTeX_Size2'].every((font) => document.fonts.check(font)),
      };
    })()`);
    assert.equal(requested[0], 'shell.html');
    assert.equal(requested.filter((name) => name.endsWith('.css')).length, 0, `no stylesheet fetched: ${requested.join(', ')}`);
    assert.match(seen.mathFont, /^KaTeX_Main/, 'katex.min.css applies');
    assert.equal(seen.bodyWidth, '690px', "preview.css applies (body: 46em of 15px)");
    assert.ok(seen.fontsLoaded, 'the fonts of the first screens are loaded');
    assert.deepEqual(requested.filter((name) => name.endsWith('.woff2')), [], 'no font fetched: those the page draws with are inside it');
    // A formula further down in a font the first screens did not use: that face is fetched by its URL.
    const later = renderPost('$\\mathfrak{g}$\n').html;
    const fraktur = await tab.evaluate<boolean>(`(async () => {
      document.querySelector('#content').insertAdjacentHTML('beforeend', ${JSON.stringify(later)});
      // The layout finds the face it needs and starts its load a moment later: wait for it (≤ 5 s).
      for (let waited = 0; waited < 5000 && !document.fonts.check('16px KaTeX_Fraktur'); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      return document.fonts.check('16px KaTeX_Fraktur');
    })()`);
    assert.ok(fraktur, `the Fraktur face loaded (requested: ${requested.join(', ')})`);
    assert.deepEqual(requested.filter((name) => name.endsWith('.woff2')), ['KaTeX_Fraktur-Regular.woff2'], 'fetched when needed, from its URL');
    assert.deepEqual(violations, []);
    await tab.close();
  });
});
