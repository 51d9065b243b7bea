import * as vscode from 'vscode';
import { contentSecurityPolicy, nonce } from '../webviewPanels/contentSecurityPolicy';

/** The Library Graph page: our one script by nonce, our stylesheet, nothing from the web. */
export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri, strings: { empty: string; label: string }): string {
  const n = nonce();
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const attr = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('media', 'graph.css')}">
</head>
<body>
<div id="graph" role="group" aria-label="${attr(strings.label)}" data-empty="${attr(strings.empty)}"></div>
<script nonce="${n}" src="${asset('dist', 'graphWebview.js')}"></script>
</body>
</html>`;
}
