// How a preview reads its post: the open document's text when it has unsaved edits, else the file's.
// A preview does not open a text document just to read its post — in a remote window (code-server)
// that is a round trip through the workbench, and an opened document makes every editor feature
// analyse the post — before its first screens are on screen. It opens one afterwards: the Problems
// panel lists a previewed post's math errors from it (MathDiagnostics).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString() && !document.isClosed);
}

/**
 * The open document when it has unsaved edits (what the reader sees); else the file. A document
 * without edits holds the file's text — except for a moment after the file changed outside VS Code,
 * when it still holds the old one (a preloaded part would be shown from a stale text then).
 */
function editedDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const open = openDocument(uri);
  return open?.isDirty ? open : undefined;
}

export async function previewText(uri: vscode.Uri): Promise<string> {
  const edited = editedDocument(uri);
  if (edited) return edited.getText();
  try {
    return new TextDecoder().decode(uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    const open = openDocument(uri);
    if (open) return open.getText();
    throw error;
  }
}

/**
 * The same, read at once (a local file: well under a millisecond for a long post), or undefined when
 * it cannot be. For a click whose answer is already prepared (preloaded first screens): an await
 * would let whatever else is queued on the host (a warm-up render, a slice of the post before) run
 * first, and the reader waits for it (traced: ≈ 100 ms on a loaded machine).
 */
export function previewTextNow(uri: vscode.Uri): string | undefined {
  const edited = editedDocument(uri);
  if (edited) return edited.getText();
  if (uri.scheme !== 'file') return openDocument(uri)?.getText();
  try {
    return new TextDecoder().decode(readFileSync(uri.fsPath));
  } catch {
    return openDocument(uri)?.getText();
  }
}

/** Opens the post's text document unless it is open (VS Code closes it again when nothing uses it). */
export function openDocumentLater(uri: vscode.Uri): void {
  if (!openDocument(uri)) vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
}
