// The preview webview's page outside VS Code: the real bundle (dist/webview.js) with the preview's and
// KaTeX's CSS in a plain Chromium page, and a stand-in for acquireVsCodeApi that records what the
// page posts (in window.posted). For measuring and testing the page itself without a workbench around it.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { EQUATION_NUMBER_CSS } from '../../../src/core/render/equationNumberStyles';
import { FIRST_RENDER_ID, type HostToWebview } from '../../../src/core/protocol/preview';
import type { RenderResult } from '../../../src/core/render/types';

/**
 * The page shell as previewHtml builds it, minus the CSP; `extraCss` goes after the preview's CSS,
 * `firstRender` in the shell's data block as the host puts a new panel's first screens there.
 */
export function pageShell(root: string, extraCss = '', firstRender?: HostToWebview): string {
  const file = (...parts: string[]) => pathToFileURL(path.join(root, ...parts)).href;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<link rel="stylesheet" href="${file('node_modules', 'katex', 'dist', 'katex.min.css')}">
<link rel="stylesheet" href="${file('media', 'preview.css')}">
<style>${EQUATION_NUMBER_CSS}</style>
<style>${extraCss}</style>
<script>
  window.posted = [];
  // Each message the page posts, with how many top-level blocks the page held when it posted it.
  const blocks = () => document.querySelectorAll('#content > *').length;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push({ ...m, blocks: blocks() }), getState: () => undefined, setState: () => {} });
</script>
</head><body>
<div id="kexue-preview" data-uri="file:///page/post.md" data-strings="{}">
  <nav id="series-bar" hidden></nav><header id="post-header" hidden></header><div id="outline"></div>
  <article id="content" class="post"></article><section id="cited-by" hidden></section>
</div>
${firstRender ? `<script type="application/json" id="${FIRST_RENDER_ID}">${JSON.stringify(firstRender).replace(/</g, '\\u003c')}</script>` : ''}
<script src="${file('dist', 'webview.js')}"></script>
</body></html>`;
}

/** The 'render' message the host sends for a render result. */
export function renderMessage(result: RenderResult, version = 1): Extract<HostToWebview, { type: 'render' }> {
  return {
    type: 'render', version, title: result.meta.title ?? '', html: result.html, headings: result.headings,
    equations: result.equations, errors: result.errors, series: null, citedBy: [], header: {},
  };
}

/** The preview's CSP (src/webviewPanels/contentSecurityPolicy.ts) with file: as the webview's source. */
export const PAGE_CSP = `default-src 'none'; img-src file: data:; style-src file: 'unsafe-inline'; font-src file:; script-src 'nonce-kexue'`;

/** A page shell under the preview's CSP, its scripts carrying the nonce (as previewHtml gives them). */
export function withCsp(shell: string): string {
  return shell
    .replace('<meta charset="UTF-8">', `<meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">`)
    .replace(/<script>/g, '<script nonce="kexue">')
    .replace(/<script src=/g, '<script nonce="kexue" src=');
}

/** Headless Chromium for the page tests (the shell loads its files from file: URLs). */
export function launchPageBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
  });
}
