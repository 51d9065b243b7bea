// Highlights of the reader's notes in the source editor, one decoration type per colour.
import * as vscode from 'vscode';
import { COLORS } from '../core/annotations/index';
import type { NotesService } from './notesService';

const BACKGROUND: Record<string, string> = {
  yellow: 'rgba(255, 214, 0, 0.28)',
  green: 'rgba(76, 175, 80, 0.26)',
  blue: 'rgba(33, 150, 243, 0.24)',
  pink: 'rgba(233, 30, 99, 0.22)',
  purple: 'rgba(156, 39, 176, 0.22)',
};

export class NoteHighlights implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly notes: NotesService) {
    for (const color of COLORS) this.types.set(color, vscode.window.createTextEditorDecorationType({ backgroundColor: BACKGROUND[color], borderRadius: '2px' }));
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => void Promise.all(editors.map((e) => this.draw(e)))),
      notes.onDidChange(() => void Promise.all(vscode.window.visibleTextEditors.map((e) => this.draw(e)))),
    );
    void Promise.all(vscode.window.visibleTextEditors.map((e) => this.draw(e)));
  }

  async draw(editor: vscode.TextEditor): Promise<void> {
    if (editor.document.languageId !== 'markdown') return;
    const post = await this.notes.notesOf(editor.document);
    const byColor = new Map<string, vscode.Range[]>();
    for (const { annotation, anchor } of post?.entries ?? []) {
      if (anchor.status === 'orphan') continue;
      const color = this.types.has(annotation.color) ? annotation.color : 'yellow';
      const ranges = byColor.get(color) ?? [];
      ranges.push(new vscode.Range(editor.document.positionAt(anchor.start), editor.document.positionAt(anchor.end)));
      byColor.set(color, ranges);
    }
    for (const [color, type] of this.types) editor.setDecorations(type, byColor.get(color) ?? []);
  }

  dispose(): void {
    for (const type of this.types.values()) type.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
