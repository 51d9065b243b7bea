// Keeps the editors of a previewed file and its preview page scrolled together, without echoing each other's scrolls.
import * as vscode from 'vscode';
import type { HostToWebview } from '../core/protocol/preview';

/** Editor scrolls go to the page; the page's scrolls reveal the line in the editors (and are not sent back). */
export class EditorScrollSync implements vscode.Disposable {
  private ignoreEditorScrollUntil = 0;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly uriOf: () => vscode.Uri,
    post: (message: HostToWebview) => void,
  ) {
    this.listener = vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
      if (event.textEditor.document.uri.toString() !== this.uriOf().toString()) return;
      if (Date.now() < this.ignoreEditorScrollUntil || event.visibleRanges.length === 0) return;
      post({ type: 'scrollToLine', line: event.visibleRanges[0].start.line });
    });
  }

  /** Scrolls every editor showing this file so that `line` (0-based) is at the top. */
  revealInEditors(line: number): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== this.uriOf().toString()) continue;
      this.ignoreEditorScrollUntil = Date.now() + 200;
      const position = new vscode.Position(Math.max(0, Math.min(line, editor.document.lineCount - 1)), 0);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    }
  }

  dispose(): void {
    this.listener.dispose();
  }
}
