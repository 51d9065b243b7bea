// The notes commands, one small class each with its id beside it (registered by CommandManager).
// Each accepts optional arguments so tests and other features can call it without the prompts.
import * as path from 'node:path';
import { CommandIds } from '../commands/commandIds';
import * as vscode from 'vscode';
import { isPin, parseTags, shownNoteOf, tagsOf } from '../core/annotations/index';
import type { Command } from '../commands/commandManager';
import type { CommandId } from '../commands/commandIds';
import { pickColour } from './colourPick';
import { reportErrors } from './reportErrors';
import type { NoteComment, NoteComments } from './noteComments';
import type { NotesService } from './notesService';
import type { NotesTreeNode, NotesTreeProvider } from './notesTree';

function activeSelection(): { editor: vscode.TextEditor; range: vscode.Range } {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) throw new Error(vscode.l10n.t('Select the words to annotate first.'));
  return { editor, range: editor.selection };
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
