// The notes commands, one small class each with its id beside it (registered by CommandManager).
// Each accepts optional arguments so tests and other features can call it without the prompts.
import * as path from 'node:path';
import { CommandIds } from '../commands/commandIds';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { AnnotationFileError, annotationsFromW3c, groupBySeries, isPin, parseTags, shownNoteOf, tagsOf, notesToMarkdown, notesToW3c, refreshSelectors, type Annotation, type ExportedPost } from '../core/annotations/index';
import type { Command } from '../commands/commandManager';
import type { CommandId } from '../commands/commandIds';
import { pickColour } from './colourPick';
import type { NoteComment, NoteComments } from './noteComments';
import type { NotesService, PostNotes } from './notesService';
import type { NotesTreeNode, NotesTreeProvider, SeriesOfFile } from './notesTree';

function activeSelection(): { editor: vscode.TextEditor; range: vscode.Range } {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) throw new Error(vscode.l10n.t('Select the words to annotate first.'));
  return { editor, range: editor.selection };
}

async function reportErrors(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

export class AddNoteCommand implements Command {
  readonly id = CommandIds.addNote;
  constructor(private readonly notes: NotesService) {}
  execute(note?: unknown): unknown {
    return reportErrors(async () => {
      const { editor, range } = activeSelection();
      const text =
        typeof note === 'string'
          ? note
          : // A note being written is not dropped when the reader glances at the preview (focus out).
            await vscode.window.showInputBox({ prompt: vscode.l10n.t('Note on the selection (Markdown, $…$ for math)'), placeHolder: vscode.l10n.t('Write a note'), ignoreFocusOut: true });
      if (text === undefined) return undefined;
      return this.notes.add(editor.document, range, { note: text });
    });
  }
}

export class HighlightSelectionCommand implements Command {
  readonly id = CommandIds.highlightSelection;
  constructor(private readonly notes: NotesService) {}
  execute(color?: unknown): unknown {
    return reportErrors(async () => {
      const { editor, range } = activeSelection();
      const picked = typeof color === 'string' ? color : await pickColour();
      if (!picked) return undefined;
      return this.notes.add(editor.document, range, { color: picked });
    });
  }
}

abstract class StepNoteCommand implements Command {
  abstract readonly id: CommandId;
  protected abstract readonly forward: boolean;
  constructor(private readonly notes: NotesService) {}
  execute(): unknown {
    return reportErrors(async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return undefined;
      const post = await this.notes.notesOf(editor.document);
      const starts = (post?.entries ?? []).filter((e) => e.anchor.status !== 'orphan').map((e) => e.anchor).sort((a, b) => a.start - b.start);
      if (starts.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This post has no notes.'));
        return undefined;
      }
      const here = editor.document.offsetAt(editor.selection.active);
      const next = this.forward ? (starts.find((a) => a.start > here) ?? starts[0]) : ([...starts].reverse().find((a) => a.start < here) ?? starts[starts.length - 1]);
      const range = new vscode.Range(editor.document.positionAt(next.start), editor.document.positionAt(next.end));
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return next;
    });
  }
}

export class NextNoteCommand extends StepNoteCommand {
  readonly id = CommandIds.nextNote;
  protected readonly forward = true;
}

export class PreviousNoteCommand extends StepNoteCommand {
  readonly id = CommandIds.previousNote;
  protected readonly forward = false;
}

function exported(posts: readonly PostNotes[], text: (post: PostNotes) => string, relativeTo: string): ExportedPost[] {
  return posts.map((post) => {
    const body = text(post);
    return {
      title: post.identity.title ?? post.identity.key,
      url: post.identity.url,
      file: path.relative(relativeTo, post.uri.fsPath).split(path.sep).join('/'),
      text: body,
      entries: post.entries.map((e) => ({ annotation: refreshSelectors(body, [e.annotation], [e.anchor])[0], anchor: e.anchor })),
    };
  });
}

/** What an export covers: `'post'`, `'all'`, or `{ series }` (tests and scripted use); else asked. */
type ExportScope = 'post' | 'all' | { series: string };

function scopeOf(value: unknown): ExportScope | undefined {
  if (value === 'post' || value === 'all') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { series?: unknown }).series === 'string') return { series: (value as { series: string }).series };
  return undefined;
}

/** Which posts an export covers: the active post, every post with notes, or one series' in reading order. */
async function postsToExport(notes: NotesService, seriesOf: SeriesOfFile, scope: unknown): Promise<{ posts: PostNotes[]; heading?: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const current = editor ? await notes.notesOf(editor.document) : undefined;
  const all = await notes.allNotes();
  const series = groupBySeries(all, (post) => seriesOf.placeOf(post.uri), (post) => post.identity.title ?? post.identity.key).filter(
    (group): group is { series: string; items: PostNotes[] } => group.series !== null,
  );
  let choice = scopeOf(scope);
  if (!choice) {
    const items: Array<vscode.QuickPickItem & { value: ExportScope }> = [
      ...(current ? [{ label: vscode.l10n.t('This post'), value: 'post' as const }] : []),
      { label: vscode.l10n.t('Every post with notes'), value: 'all' },
      ...series.map((group) => ({
        label: vscode.l10n.t('Series: {0}', group.series),
        description: group.items.length === 1 ? vscode.l10n.t('1 post with notes') : vscode.l10n.t('{0} posts with notes', group.items.length),
        value: { series: group.series },
      })),
    ];
    choice = (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Export the notes of…') }))?.value;
  }
  if (choice === undefined) return undefined;
  if (choice === 'post') return current ? { posts: [current] } : undefined;
  if (choice === 'all') return { posts: all, heading: vscode.l10n.t('Notes') };
  const name = choice.series;
  const group = series.find((g) => g.series === name);
  return group ? { posts: group.items, heading: name } : undefined;
}

async function textOf(post: PostNotes): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === post.uri.toString());
  return open?.getText() ?? fs.readFile(post.uri.fsPath, 'utf8');
}

/** Markdown: one section per post, each note with its quote and a link back; `$…$` untouched. */
export class ExportNotesCommand implements Command {
  readonly id = CommandIds.exportNotes;
  constructor(
    private readonly notes: NotesService,
    private readonly seriesOf: SeriesOfFile,
  ) {}
  execute(scope?: unknown): unknown {
    return reportErrors(async () => {
      const chosen = await postsToExport(this.notes, this.seriesOf, scope);
      if (!chosen) return undefined;
      const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(chosen.posts[0]?.uri.fsPath ?? '.');
      const texts = new Map<PostNotes, string>();
      for (const post of chosen.posts) texts.set(post, await textOf(post));
      const markdown = notesToMarkdown(exported(chosen.posts, (p) => texts.get(p) ?? '', root), chosen.heading);
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
      return markdown;
    });
  }
}

export class ExportNotesW3cCommand implements Command {
  readonly id = CommandIds.exportNotesW3c;
  constructor(
    private readonly notes: NotesService,
    private readonly seriesOf: SeriesOfFile,
  ) {}
  execute(scope?: unknown): unknown {
    return reportErrors(async () => {
      const chosen = await postsToExport(this.notes, this.seriesOf, scope ?? 'all');
      if (!chosen) return undefined;
      const texts = new Map<PostNotes, string>();
      for (const post of chosen.posts) texts.set(post, await textOf(post));
      const json = notesToW3c(exported(chosen.posts, (p) => texts.get(p) ?? '', '.'));
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: json });
      await vscode.window.showTextDocument(document, { preview: false });
      return json;
    });
  }
}

export class ImportNotesW3cCommand implements Command {
  readonly id = CommandIds.importNotesW3c;
  constructor(private readonly notes: NotesService) {}
  execute(file?: unknown): unknown {
    return reportErrors(async () => {
      const uri = file instanceof vscode.Uri ? file : (await vscode.window.showOpenDialog({ filters: { JSON: ['json', 'jsonld'] }, canSelectMany: false }))?.[0];
      if (!uri) return undefined;
      let annotations: Annotation[];
      try {
        annotations = annotationsFromW3c(await fs.readFile(uri.fsPath, 'utf8'));
      } catch (error) {
        const reason = error instanceof AnnotationFileError || error instanceof SyntaxError ? error.message : String(error);
        throw new Error(vscode.l10n.t('{0} is not W3C annotation JSON: {1}', uri.fsPath, reason));
      }
      // Each annotation goes to the post its target names (the blog address or urn:kexue:post:<key>).
      const posts = await this.allPosts();
      let imported = 0;
      let unmatched = 0;
      for (const [source, group] of groupBy(annotations, (a) => a.target.source)) {
        const post = posts.find((p) => p.identity.source === source || `urn:kexue:post:${p.identity.key}` === source);
        if (!post) {
          unmatched += group.length;
          continue;
        }
        imported += await this.notes.importInto(await vscode.workspace.openTextDocument(post.uri), group);
      }
      const notes = (count: number) => (count === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', count));
      void vscode.window.showInformationMessage(
        unmatched === 0
          ? vscode.l10n.t('Imported {0}.', notes(imported))
          : vscode.l10n.t('Imported {0}; {1} not imported: their post is not in this workspace.', notes(imported), notes(unmatched)),
      );
      return { imported, unmatched };
    });
  }

  /** Every post of the workspace (with or without notes), by identity. */
  private async allPosts(): Promise<PostNotes[]> {
    const uris = await vscode.workspace.findFiles('**/*.md', '**/{node_modules,.git,.vscode-test,dist,out}/**');
    const out: PostNotes[] = [];
    for (const uri of uris) {
      const post = await this.notes.notesOfText(uri, await fs.readFile(uri.fsPath, 'utf8'));
      if (post) out.push(post);
    }
    return out;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Opens the preview of `uri` with source line `line` (0-based) at the top. */
export type OpenPreviewAt = (uri: vscode.Uri, line: number) => Promise<void>;

const noteNode = (node: unknown): Extract<NotesTreeNode, { kind: 'note' }> | undefined => {
  const n = node as NotesTreeNode | undefined;
  return n && typeof n === 'object' && n.kind === 'note' ? n : undefined;
};

/** The note's range in its post's source, in the editor. */
async function showInSource(n: Extract<NotesTreeNode, { kind: 'note' }>): Promise<void> {
  const document = await vscode.workspace.openTextDocument(n.post.uri);
  const { start, end } = n.entry.anchor;
  const orphan = n.entry.anchor.status === 'orphan';
  const range = orphan ? new vscode.Range(0, 0, 0, 0) : new vscode.Range(document.positionAt(start), document.positionAt(end));
  await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
}

/**
 * A click on a note in the Notes view: the post's preview with the note's line at the top. An orphan
 * has no place in the post: its source opens instead, where the reader selects the new place to re-attach it.
 */
export class RevealNoteCommand implements Command {
  readonly id = CommandIds.notesReveal;
  constructor(private readonly openPreviewAt: OpenPreviewAt) {}
  execute(node?: unknown): unknown {
    const n = noteNode(node);
    if (!n) return undefined;
    return reportErrors(async () => {
      if (n.entry.anchor.status === 'orphan') return showInSource(n);
      const document = await vscode.workspace.openTextDocument(n.post.uri);
      return this.openPreviewAt(n.post.uri, document.positionAt(n.entry.anchor.start).line);
    });
  }
}

/** "Open Source at Note": the note's words selected in the editor. */
export class OpenSourceAtNoteCommand implements Command {
  readonly id = CommandIds.notesOpenSource;
  execute(node?: unknown): unknown {
    const n = noteNode(node);
    return n ? reportErrors(() => showInSource(n)) : undefined;
  }
}

/** Edit Note… (a pin: its definition), Change Colour…, Delete Note — on a note of the Notes view. */
export class EditNoteCommand implements Command {
  readonly id = CommandIds.notesEdit;
  constructor(private readonly notes: NotesService) {}
  execute(node?: unknown, text?: unknown): unknown {
    const n = noteNode(node);
    if (!n) return undefined;
    return reportErrors(async () => {
      const pin = isPin(n.entry.annotation);
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              value: shownNoteOf(n.entry.annotation),
              ignoreFocusOut: true,
              prompt: pin ? vscode.l10n.t('Pinned definition ($symbol$: what it means)') : vscode.l10n.t('Note on the selection (Markdown, $…$ for math)'),
            });
      if (value === undefined) return undefined;
      return this.notes.update(await vscode.workspace.openTextDocument(n.post.uri), n.entry.annotation.id, { note: value });
    });
  }
}

export class RecolorNoteCommand implements Command {
  readonly id = CommandIds.notesRecolor;
  constructor(private readonly notes: NotesService) {}
  execute(node?: unknown, color?: unknown): unknown {
    const n = noteNode(node);
    if (!n) return undefined;
    return reportErrors(async () => {
      const picked = typeof color === 'string' ? color : await pickColour(n.entry.annotation.color);
      if (!picked) return undefined;
      return this.notes.update(await vscode.workspace.openTextDocument(n.post.uri), n.entry.annotation.id, { color: picked });
    });
  }
}

/** Edit Tags… on a note of the Notes view: one box (`矩阵, 奇异值`); an empty box clears them. Filter with `tag:矩阵`. */
export class EditTagsCommand implements Command {
  readonly id = CommandIds.notesEditTags;
  constructor(private readonly notes: NotesService) {}
  execute(node?: unknown, tags?: unknown): unknown {
    const n = noteNode(node);
    if (!n) return undefined;
    return reportErrors(async () => {
      const text =
        typeof tags === 'string'
          ? tags
          : await vscode.window.showInputBox({
              value: tagsOf(n.entry.annotation).join(', '),
              ignoreFocusOut: true,
              prompt: vscode.l10n.t('Tags of the note, separated by commas or spaces (find them with tag:矩阵 in the Notes filter)'),
              placeHolder: vscode.l10n.t('e.g. matrices, SVD'),
            });
      if (text === undefined) return undefined;
      return this.notes.update(await vscode.workspace.openTextDocument(n.post.uri), n.entry.annotation.id, { tags: parseTags(text) });
    });
  }
}

export class DeleteNoteCommand implements Command {
  readonly id = CommandIds.notesDelete;
  constructor(private readonly notes: NotesService) {}
  execute(node?: unknown, confirmed?: unknown): unknown {
    const n = noteNode(node);
    if (!n) return undefined;
    return reportErrors(async () => {
      if (confirmed !== true) {
        const remove = vscode.l10n.t('Delete');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the note on “{0}”?', n.entry.anchor.exact.slice(0, 40)), { modal: true }, remove);
        if (answer !== remove) return false;
      }
      return this.notes.remove(await vscode.workspace.openTextDocument(n.post.uri), n.entry.annotation.id);
    });
  }
}

export class ReattachNoteCommand implements Command {
  readonly id = CommandIds.notesReattach;
  constructor(private readonly notes: NotesService) {}
  execute(node?: unknown): unknown {
    const n = node as NotesTreeNode | undefined;
    if (!n || n.kind !== 'note') return undefined;
    return reportErrors(async () => {
      const { editor, range } = activeSelection();
      if (editor.document.uri.toString() !== n.post.uri.toString()) throw new Error(vscode.l10n.t('Select the new place in the note\'s own post ({0}).', path.basename(n.post.uri.fsPath)));
      return this.notes.reattach(editor.document, n.entry.annotation.id, range);
    });
  }
}

export class FilterNotesCommand implements Command {
  readonly id = CommandIds.notesFilter;
  constructor(private readonly tree: NotesTreeProvider) {}
  execute(filter?: unknown): unknown {
    return reportErrors(async () => {
      const text =
        typeof filter === 'string'
          ? filter
          : await vscode.window.showInputBox({ value: this.tree.filter, prompt: vscode.l10n.t('Filter notes: words, color:green, tag:矩阵') });
      if (text !== undefined) this.tree.setFilter(text);
    });
  }
}

export class ClearNotesFilterCommand implements Command {
  readonly id = CommandIds.notesClearFilter;
  constructor(private readonly tree: NotesTreeProvider) {}
  execute(): unknown {
    this.tree.setFilter('');
    return undefined;
  }
}

/** The comment thread actions (title bar and editing buttons of a note's comment). */
export class CommentActionCommand implements Command {
  constructor(
    readonly id: CommandId,
    private readonly action: (comments: NoteComments, comment: NoteComment) => unknown,
    private readonly comments: NoteComments,
  ) {}
  execute(comment?: unknown): unknown {
    if (!comment || typeof comment !== 'object' || !('annotationId' in comment)) return undefined;
    return reportErrors(async () => this.action(this.comments, comment as NoteComment));
  }
}

export class CreateNoteFromReplyCommand implements Command {
  readonly id = CommandIds.notesCreateNote;
  constructor(private readonly comments: NoteComments) {}
  execute(reply?: unknown): unknown {
    if (!reply || typeof reply !== 'object' || !('thread' in reply)) return undefined;
    return reportErrors(() => this.comments.createFromReply(reply as vscode.CommentReply));
  }
}
