import * as vscode from 'vscode';
import type { PreviewStrings } from '../core/protocol/preview';
import { nonce, previewContentSecurityPolicy } from '../webviewPanels/contentSecurityPolicy';

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page shell. The post itself arrives later as a message; the shell runs exactly one script, ours,
 * by nonce (markdown-it runs with html:false, so a post cannot add <script> or <style> either).
 */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, documentUri: vscode.Uri, strings: PreviewStrings, readingWidthEm: number): string {
  const n = nonce();
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = previewContentSecurityPolicy(webview, n);
  return `<!DOCTYPE html>
<html lang="zh-CN" style="--kexue-reading-width: ${readingWidthEm}em">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('node_modules', 'katex', 'dist', 'katex.min.css')}">
<link rel="stylesheet" href="${asset('node_modules', 'uplot', 'dist', 'uPlot.min.css')}">
<link rel="stylesheet" href="${asset('media', 'preview.css')}">
<link rel="stylesheet" href="${asset('media', 'annotations.css')}">
<title>Kexue Reader</title>
</head>
<body>
<div id="kexue-preview" data-uri="${attr(documentUri.toString())}" data-strings="${attr(JSON.stringify(strings))}">
  <nav id="series-bar" hidden></nav>
  <header id="post-header" hidden></header>
  <div id="outline"></div>
  <article id="content" class="post"></article>
  <section id="cited-by" hidden></section>
</div>
<script nonce="${n}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
