// Continue Reading, Mark as Read, Mark as Unread (on a post of the Series view, or the post in the editor).
import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { ReadState } from '../core/annotations/index';
import type { Post } from '../core/library/model';
import type { Command } from '../commands/commandManager';
import type { CommandId } from '../commands/commandIds';
import type { ReadingProgress } from './readingProgress';

function postArgument(progress: ReadingProgress, node: unknown): Post | undefined {
  if (node && typeof node === 'object' && 'kind' in node && node.kind === 'post' && 'post' in node) return node.post as Post;
  const editor = vscode.window.activeTextEditor;
  return editor ? progress.postOf(editor.document.uri) : undefined;
}

class MarkCommand implements Command {
  constructor(
    readonly id: CommandId,
    private readonly state: ReadState,
    private readonly progress: ReadingProgress,
  ) {}
  async execute(node?: unknown): Promise<void> {
    const post = postArgument(this.progress, node);
    if (!post) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose a post in the Series view, or open one.'));
      return;
    }
    await this.progress.mark(post, this.state);
  }
}

export const markAsReadCommand = (progress: ReadingProgress): Command => new MarkCommand(CommandIds.markAsRead, 'read', progress);
export const markAsUnreadCommand = (progress: ReadingProgress): Command => new MarkCommand(CommandIds.markAsUnread, 'unread', progress);

/** Continue Reading: the post read last, in the preview, at the place the reader left it. */
export class ContinueReadingCommand implements Command {
  readonly id = CommandIds.continueReading;
  constructor(
    private readonly progress: ReadingProgress,
    /** Opens the post file's preview with 0-based source line `line` at the top. */
    private readonly openPreviewAt: (uri: vscode.Uri, line: number) => Promise<void>,
  ) {}
  async execute(): Promise<void> {
    const last = this.progress.lastRead();
    if (!last) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing read yet: open a post to start.'));
      return;
    }
    await this.openPreviewAt(vscode.Uri.file(last.file), last.line);
  }
}
