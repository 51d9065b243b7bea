// The preview panels' view type and webview options (the manager creates panels with them, the panel sets them again).
import * as vscode from 'vscode';

export const PREVIEW_VIEW_TYPE = 'kexueReader.preview';

/**
 * What a preview's webview may do and load from (the post's folder: its images). The manager creates
 * a panel with these already, so that setting them again before the page's HTML is a no-op for the
 * workbench rather than a content update it starts on (an empty page loaded for nothing).
 */
export function previewWebviewOptions(extensionUri: vscode.Uri, documentUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'node_modules', 'katex', 'dist'),
      vscode.Uri.joinPath(documentUri, '..'),
    ],
  };
}
