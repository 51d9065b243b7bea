import * as vscode from 'vscode';
import type { PreviewStrings } from '../core/protocol/preview';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < 32; i++) text += chars.charAt(Math.floor(Math.random() * chars.length));
  return text;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page shell. The post itself arrives later as a message; the shell runs exactly one script, ours,
 * by nonce. KaTeX lays out math with inline `style` attributes, hence style-src 'unsafe-inline' —
 * styles cannot run code, and markdown-it runs with html:false so a post cannot add <style> either.
 */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, documentUri: vscode.Uri, strings: PreviewStrings): string {
  const n = nonce();
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} https: data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('node_modules', 'katex', 'dist', 'katex.min.css')}">
<link rel="stylesheet" href="${asset('node_modules', 'uplot', 'dist', 'uPlot.min.css')}">
<link rel="stylesheet" href="${asset('media', 'preview.css')}">
<title>Kexue Reader</title>
</head>
<body>
<div id="kexue-preview" data-uri="${attr(documentUri.toString())}" data-strings="${attr(JSON.stringify(strings))}">
  <nav id="series-bar" hidden></nav>
  <div id="outline"></div>
  <article id="content" class="post"></article>
  <section id="cited-by" hidden></section>
</div>
<script nonce="${n}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
