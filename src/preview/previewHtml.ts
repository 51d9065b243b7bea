import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FIRST_RENDER_ID, type HostToWebview, type PreviewStrings } from '../core/protocol/preview';
import { nonce, previewContentSecurityPolicy } from '../webviewPanels/contentSecurityPolicy';
import { previewStyles } from './previewStyles';
import { assetOnce } from './inlineSheets';

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A render message as a JSON data block: never run (its type is no script type), read by the page's
 * script. `<` is escaped so that no `</script>` or `<!--` in the post can end the block early.
 */
function dataBlock(id: string, message: HostToWebview): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(message).replace(/</g, '\\u003c')}</script>`;
}

/**
 * The page's script, inside the shell: fetched, it went through the webview's service worker (≈ 125 ms
 * on a busy machine) and held the page's 'load', at which the workbench first shows a new page.
 * `src` stays on the element as data-src: the page finds the files beside its script by it
 * (lazyPresentation.ts). A bundle that could end the element early (`</script`, `<!--`) is loaded by
 * its URL instead; so is one that cannot be read (the page then reports its own failure as before).
 */
function pageScript(scriptNonce: string, extensionUri: vscode.Uri, src: string): string {
  const code = assetOnce(path.join(extensionUri.fsPath, 'dist', 'webview.js'), (file) => {
    try {
      const text = readFileSync(file, 'utf8');
      return /<\/script|<!--/i.test(text) ? null : text;
    } catch {
      return null;
    }
  });
  return code === null ? `<script nonce="${scriptNonce}" src="${src}"></script>` : `<script nonce="${scriptNonce}" data-src="${attr(src)}">${code}</script>`;
}

/**
 * The page shell. The shell runs exactly one script, ours, by nonce (a post's own <script> or <style>
 * is shown as text by core/render/postHtml, never run); that script adds one more of ours, under the same
 * nonce, when it first draws a compute result (dist/presentation.js with its CSS: KaTeX and uPlot).
 * KaTeX's CSS stays here: the post's math comes rendered from the host. The stylesheets are inlined
 * (previewStyles.ts): a first paint that waits for no request.
 * `firstRender`, when given, travels inside the shell: its HTML in #content — in the page as soon as
 * the page is parsed, painted once the stylesheets are in, without waiting for the script to load
 * (the same HTML the script would insert) — and the rest of the message in a data block the script
 * reads; no round trip of 'ready' and a render message through the window. The rest of the post
 * arrives as messages.
 */
export function previewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  documentUri: vscode.Uri,
  strings: PreviewStrings,
  readingWidthEm: number,
  firstRender?: Extract<HostToWebview, { type: 'render' }>,
  /** The click trace is on (clickTrace.ts): the page keeps marks too. */
  trace = false,
): string {
  const n = nonce();
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = previewContentSecurityPolicy(webview, n);
  return `<!DOCTYPE html>
<html lang="zh-CN" style="--kexue-reading-width: ${readingWidthEm}em">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${previewStyles(webview, extensionUri, firstRender?.html)}
<title>Kexue Reader</title>
</head>
<body>
<div id="kexue-preview" data-uri="${attr(documentUri.toString())}" data-strings="${attr(JSON.stringify(strings))}"${trace ? ' data-trace="1"' : ''}>
  <nav id="series-bar" hidden></nav>
  <header id="post-header" hidden></header>
  <div id="outline"></div>
  <article id="content" class="post">${firstRender?.html ?? ''}</article>${trace ? `<script nonce="${n}">(window.kexueTrace = window.kexueTrace || []).push(Date.now() + ' page shell content parsed');</script>` : ''}
  <section id="cited-by" hidden></section>
</div>
${firstRender ? dataBlock(FIRST_RENDER_ID, { ...firstRender, html: '' }) : ''}
${pageScript(n, extensionUri, asset('dist', 'webview.js'))}
</body>
</html>`;
}
