// How a preview reads its post: the open document's text (unsaved edits included), else the file's.
// A preview does not open a text document just to read its post — in a remote window (code-server)
// that is a round trip through the workbench, and an opened document makes every editor feature
// analyse the post — before its first screens are on screen. It opens one afterwards: the Problems
// panel lists a previewed post's math errors from it (MathDiagnostics).
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString() && !document.isClosed);
}

export async function previewText(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  return new TextDecoder().decode(uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
}

/** Opens the post's text document unless it is open (VS Code closes it again when nothing uses it). */
export function openDocumentLater(uri: vscode.Uri): void {
  if (!openDocument(uri)) vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
}
