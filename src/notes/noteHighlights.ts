// Highlights of the reader's notes in the source editor, one decoration type per colour.
import * as vscode from 'vscode';
import { COLORS } from '../core/annotations/index';
import { EDIT_PAUSE_MS, type NotesService } from './notesService';

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
  /** A post being edited: when its highlights are drawn again (see edited). */
  private readonly pendingDraws = new Map<string, ReturnType<typeof setTimeout>>();
  /** The ranges last drawn on each document (for tests). */
  private readonly drawn = new Map<string, readonly vscode.Range[]>();
  /** Which draw of each editor is the newest (a split shows one document in two editors). */
  private readonly draws = new WeakMap<vscode.TextEditor, number>();

  constructor(private readonly notes: NotesService) {
    for (const color of COLORS) this.types.set(color, vscode.window.createTextEditorDecorationType({ backgroundColor: BACKGROUND[color], borderRadius: '2px' }));
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => void Promise.all(editors.map((e) => this.draw(e)))),
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.drawn.delete(document.uri.toString())),
      notes.onDidChange(() => void Promise.all(vscode.window.visibleTextEditors.map((e) => this.draw(e)))),
    );
    void Promise.all(vscode.window.visibleTextEditors.map((e) => this.draw(e)));
  }

  /** The highlight ranges drawn on a document now. */
  rangesOf(uri: vscode.Uri): readonly vscode.Range[] {
    return this.drawn.get(uri.toString()) ?? [];
  }

  /**
   * The post's text changed (typing, undo, a reload from disk, a paste over the quote). VS Code moves a
   * decoration with the text around it but knows nothing of the note's words: a whole-text replacement
   * (a file reloaded after `git checkout`) left no highlight until the notes themselves changed. Once
   * the edits pause, the notes are anchored in the new text and drawn again.
   */
  private edited(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown') return;
    const key = document.uri.toString();
    clearTimeout(this.pendingDraws.get(key));
    this.pendingDraws.set(
      key,
      setTimeout(() => {
        this.pendingDraws.delete(key);
        if (document.isClosed) return;
        void Promise.all(vscode.window.visibleTextEditors.filter((e) => e.document === document).map((e) => this.draw(e)));
      }, EDIT_PAUSE_MS),
    );
  }

  async draw(editor: vscode.TextEditor): Promise<void> {
    const { document } = editor;
    if (document.languageId !== 'markdown') return;
    const key = document.uri.toString();
    const draw = (this.draws.get(editor) ?? 0) + 1;
    this.draws.set(editor, draw);
    const version = document.version;
    const post = await this.notes.notesOf(document);
    // A later draw (or an edit since this one read the text) wins: ranges of an older text would be wrong.
    if (this.draws.get(editor) !== draw || document.version !== version) return;
    const byColor = new Map<string, vscode.Range[]>();
    for (const { annotation, anchor } of post?.entries ?? []) {
      if (anchor.status === 'orphan') continue;
      const color = this.types.has(annotation.color) ? annotation.color : 'yellow';
      const ranges = byColor.get(color) ?? [];
      ranges.push(new vscode.Range(document.positionAt(anchor.start), document.positionAt(anchor.end)));
      byColor.set(color, ranges);
    }
    for (const [color, type] of this.types) editor.setDecorations(type, byColor.get(color) ?? []);
    this.drawn.set(key, [...byColor.values()].flat().sort((a, b) => a.start.compareTo(b.start)));
  }

  dispose(): void {
    for (const timer of this.pendingDraws.values()) clearTimeout(timer);
    for (const type of this.types.values()) type.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
