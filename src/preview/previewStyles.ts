// The preview page's stylesheets, inlined into its shell (inlineSheets.ts) with the webview's URLs for
// KaTeX's fonts. Each <link> of a webview page is a round trip through the webview's service worker,
// the workbench and the file system, the first paint waits for every stylesheet, and the workbench
// keeps the page's frame hidden until the page's 'load' (or 200 ms after writing it).
import * as vscode from 'vscode';
import { inlineSheets, KATEX_FONTS } from './inlineSheets';

/** The <style> elements, with the fonts `firstHtml` draws with inside them, for the preview page's head. */
export function previewStyles(webview: Pick<vscode.Webview, 'asWebviewUri'>, extensionUri: vscode.Uri, firstHtml = ''): string {
  return inlineSheets(extensionUri.fsPath, (font) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...KATEX_FONTS, font)).toString(), firstHtml);
}
