// The reader's notes as comment threads on the source (VS Code's Comments API): recreated whenever a
// post is opened, at the ranges re-anchoring finds in its current text (orphans get no thread; the
// Notes view lists them). A note edited, deleted or added here is written through NotesService, whose
// change event redraws the threads and the Notes view alike.
import * as vscode from 'vscode';
import { isPin, shownNoteOf, tagsOf, type AnchoredAnnotation, type CorruptFile } from '../core/annotations/index';
import { noteParts } from '../core/annotations/noteHtml';
import { analysisOf } from '../core/annotations/previewText';
import type { MacroTable } from '../core/editor/macroDefinitions';
import { documentMacrosBefore } from '../core/editor/postAnalysis';
import { colourName } from './colourPick';
import { appendWithFormulas, type FormulaImage } from './formulaMarkdown';
import { corruptNotesMessage, EDIT_PAUSE_MS, type NotesService } from './notesService';

export const NOTE_CONTROLLER_ID = 'kexueReader.notes';

export class NoteComment implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation;
  readonly contextValue = 'kexueNote';
  label: string | undefined;
  /** The text as it was before an edit began (restored on cancel). */
  saved: string;

  constructor(
    readonly annotationId: string,
    readonly uri: vscode.Uri,
    note: string,
    color: string,
    tags: readonly string[],
    readonly parent: vscode.CommentThread,
    /** The post's macros where the note is (`\msign` defined above it). */
    readonly macros: MacroTable = {},
  ) {
    this.saved = note;
    this.body = markdown(note);
    this.author = { name: vscode.l10n.t('Note') };
    this.label = [colourName(color), ...tags.map((t) => `#${t}`)].join(' ');
  }
}

function markdown(note: string): vscode.MarkdownString {
  const text = new vscode.MarkdownString(note === '' ? vscode.l10n.t('(highlight, no note)') : note);
  text.supportThemeIcons = false;
  return text;
}

const isMarkdown = (document: vscode.TextDocument): boolean => document.languageId === 'markdown' && document.uri.scheme === 'file';

export class NoteComments implements vscode.Disposable {
  readonly controller = vscode.comments.createCommentController(NOTE_CONTROLLER_ID, vscode.l10n.t('Kexue Notes'));
  private readonly threads = new Map<string, vscode.CommentThread[]>();
  private readonly disposables: vscode.Disposable[] = [];
  /** A post being edited: when its notes are looked at again (see edited). */
  private readonly pendingChecks = new Map<string, ReturnType<typeof setTimeout>>();
  /** Unreadable notes files already reported (file + reason): a redraw must not repeat the warning. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly notes: NotesService,
    /** Draws a note's formulas in its thread; without it they show as TeX. */
    private readonly formulaImage?: FormulaImage,
  ) {
    this.controller.options = { placeHolder: vscode.l10n.t('Write a note (Markdown, $…$ for math)'), prompt: vscode.l10n.t('Add a note') };
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (document) => (isMarkdown(document) ? [new vscode.Range(0, 0, Math.max(0, document.lineCount - 1), 0)] : []),
    };
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidOpenTextDocument((d) => void this.redraw(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event.document)),
      notes.onDidChange((uri) => void this.redrawUri(uri)),
      // The formulas' images are painted in the theme's text colour: drawn again in the new one.
      vscode.window.onDidChangeActiveColorTheme(() => {
        for (const threads of this.threads.values()) for (const thread of threads) for (const comment of thread.comments) if (comment instanceof NoteComment) void this.drawFormulas(comment);
      }),
    );
    for (const document of vscode.workspace.textDocuments) void this.redraw(document);
  }

  /** The threads drawn on a document now (for tests and Next/Previous Note). */
  threadsOf(uri: vscode.Uri): readonly vscode.CommentThread[] {
    return this.threads.get(uri.toString()) ?? [];
  }

  private async redrawUri(uri: vscode.Uri | undefined): Promise<void> {
    const documents = vscode.workspace.textDocuments.filter((d) => !uri || d.uri.toString() === uri.toString());
    await Promise.all(documents.map((d) => this.redraw(d)));
  }

  private clear(uri: vscode.Uri): void {
    for (const thread of this.threads.get(uri.toString()) ?? []) thread.dispose();
    this.threads.delete(uri.toString());
  }

  /** Drops every thread and draws them again from the files on disk (what a window reload does). */
  async reload(): Promise<void> {
    for (const key of [...this.threads.keys()]) this.clear(vscode.Uri.parse(key));
    await this.redrawUri(undefined);
  }

  async redraw(document: vscode.TextDocument): Promise<void> {
    if (!isMarkdown(document)) return;
    const post = await this.notes.notesOf(document);
    this.clear(document.uri);
    if (!post) return;
    if (post.corrupt) this.warnUnreadable(post.corrupt);
    const threads = post.entries.filter((e) => e.anchor.status !== 'orphan').map((entry) => this.threadFor(document, entry));
    this.threads.set(document.uri.toString(), threads);
  }

  /**
   * The post's text changed (typing, a reload from disk). VS Code moves each thread with the text, but
   * a note whose words were deleted kept its thread — at the place they were, while the Notes view and
   * the preview called it an orphan — and a note found again was not drawn. Once the edits pause, the
   * notes are anchored again; the threads are redrawn only when which notes have a place changed, so
   * typing never collapses a thread the reader has open.
   */
  private edited(document: vscode.TextDocument): void {
    if (!isMarkdown(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pendingChecks.get(key));
    this.pendingChecks.set(
      key,
      setTimeout(() => {
        this.pendingChecks.delete(key);
        void this.redrawIfPlacesChanged(document);
      }, EDIT_PAUSE_MS),
    );
  }

  private async redrawIfPlacesChanged(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const post = await this.notes.notesOf(document);
    const placed = (post?.entries ?? []).filter((e) => e.anchor.status !== 'orphan').map((e) => e.annotation.id);
    const drawn = this.threadsOf(document.uri).map((t) => (t.comments[0] as NoteComment | undefined)?.annotationId);
    if (placed.length !== drawn.length || placed.some((id) => !drawn.includes(id))) await this.redraw(document);
  }

  /** The source shows no threads when the notes file is unreadable: say so once, with the file a click away. */
  private warnUnreadable(corrupt: CorruptFile): void {
    const key = `${corrupt.file}\u0000${corrupt.message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const open = vscode.l10n.t('Open Notes File');
    void vscode.window.showWarningMessage(corruptNotesMessage(corrupt), open).then(async (answer) => {
      if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(corrupt.file));
    });
  }

  private threadFor(document: vscode.TextDocument, { annotation, anchor }: AnchoredAnnotation): vscode.CommentThread {
    const range = new vscode.Range(document.positionAt(anchor.start), document.positionAt(anchor.end));
    const thread = this.controller.createCommentThread(document.uri, range, []);
    thread.canReply = false;
    thread.contextValue = 'kexueNoteThread';
    thread.label = isPin(annotation)
      ? vscode.l10n.t('Pinned definition')
      : anchor.status === 'moved'
        ? vscode.l10n.t('Note (found again after an edit)')
        : vscode.l10n.t('Note');
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
    const macros = documentMacrosBefore(analysisOf(document.getText()), anchor.start);
    const comment = new NoteComment(annotation.id, document.uri, shownNoteOf(annotation), annotation.color, tagsOf(annotation), thread, macros);
    thread.comments = [comment];
    void this.drawFormulas(comment);
    return thread;
  }

  /**
   * The note's formulas drawn in its thread (VS Code's Markdown shows `$x^2$` as typed, though the reply
   * box invites `$…$`); its words stay the Markdown they were written in. The plain body shows first.
   */
  private async drawFormulas(comment: NoteComment): Promise<void> {
    const note = comment.saved;
    const parts = noteParts(note);
    if (!this.formulaImage || !parts.some((part) => part.kind === 'math')) return;
    const body = new vscode.MarkdownString();
    body.supportThemeIcons = false;
    await appendWithFormulas(body, parts, this.formulaImage, comment.macros, 'markdown');
    // Being edited, or changed meanwhile: that body is the one to keep.
    if (comment.mode !== vscode.CommentMode.Preview || comment.saved !== note) return;
    comment.body = body;
    comment.parent.comments = [...comment.parent.comments];
  }

  /** A new thread the reader typed into (the gutter "+"): becomes a note on the thread's range. */
  async createFromReply(reply: vscode.CommentReply): Promise<void> {
    const document = await vscode.workspace.openTextDocument(reply.thread.uri);
    const range = reply.thread.range ?? new vscode.Range(0, 0, 0, 0);
    const whole = range.isEmpty ? document.lineAt(range.start.line).range : range;
    reply.thread.dispose();
    await this.notes.add(document, whole, { note: reply.text });
  }

  startEdit(comment: NoteComment): void {
    comment.mode = vscode.CommentMode.Editing;
    comment.body = comment.saved;
    comment.parent.comments = [...comment.parent.comments];
  }

  cancelEdit(comment: NoteComment): void {
    comment.mode = vscode.CommentMode.Preview;
    comment.body = markdown(comment.saved);
    comment.parent.comments = [...comment.parent.comments];
    void this.drawFormulas(comment);
  }

  async saveEdit(comment: NoteComment): Promise<void> {
    const text = typeof comment.body === 'string' ? comment.body : comment.body.value;
    const document = await vscode.workspace.openTextDocument(comment.uri);
    await this.notes.update(document, comment.annotationId, { note: text });
  }

  async delete(comment: NoteComment): Promise<void> {
    const document = await vscode.workspace.openTextDocument(comment.uri);
    await this.notes.remove(document, comment.annotationId);
  }

  dispose(): void {
    for (const timer of this.pendingChecks.values()) clearTimeout(timer);
    for (const key of [...this.threads.keys()]) this.clear(vscode.Uri.parse(key));
    for (const d of this.disposables) d.dispose();
  }
}
