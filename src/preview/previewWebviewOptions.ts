// The preview panels' view type and webview options (the manager creates panels with them, the panel sets them again).
import * as vscode from 'vscode';

export const PREVIEW_VIEW_TYPE = 'kexueReader.preview';

/**
 * What a preview's webview may do and load from (the post's folder and its workspace folder: images
 * beside the post, `../images/a.png` included). The manager creates a panel with these already, so
 * that setting them again before the page's HTML is a no-op for the workbench rather than a content
 * update it starts on (an empty page loaded for nothing).
 */
export function previewWebviewOptions(extensionUri: vscode.Uri, documentUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'node_modules', 'katex', 'dist'),
      postRoot(documentUri),
    ],
  };
}

/**
 * The folder a post may reach — the images it shows, the posts its relative links open: its workspace
 * folder, or with none its own folder. A page shows posts of one such root; a post of another needs a
 * page of its own.
 */
export function postRoot(documentUri: vscode.Uri): vscode.Uri {
  return vscode.workspace.getWorkspaceFolder(documentUri)?.uri ?? vscode.Uri.joinPath(documentUri, '..');
}

/** `file` is `root` or inside it. */
export function isInside(root: vscode.Uri, file: vscode.Uri): boolean {
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return file.scheme === root.scheme && file.authority === root.authority && (file.path === root.path || file.path.startsWith(base));
}
