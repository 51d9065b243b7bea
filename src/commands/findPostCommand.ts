import * as vscode from 'vscode';
import type { Post } from '../core/library/model';
import type { LibraryIndex } from '../library/libraryIndex';
import { displayTitle, formatDate } from '../library/postPresentation';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

interface PostPick extends vscode.QuickPickItem {
  post: Post;
}

/** A QuickPick over all posts, matching title, series, date and summary; opens the chosen one. */
export class FindPostCommand implements Command {
  readonly id = CommandIds.findPost;

  constructor(private readonly index: LibraryIndex) {}

  async execute(): Promise<Post | undefined> {
    const library = await this.index.ensureIndexed();
    const items: PostPick[] = library.posts.map((post) => ({
      post,
      label: displayTitle(post),
      description: [post.series ? vscode.l10n.t('{0}, part {1}', post.series, post.part ?? '?') : '', formatDate(post)]
        .filter(Boolean)
        .join(' · '),
      detail: post.summary.slice(0, 160),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Find Post'),
      placeHolder: vscode.l10n.t('Search by title, series, date or summary'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return undefined;
    // Like a click in the Series view: the post opens in the preview.
    await vscode.commands.executeCommand(CommandIds.openPreview, picked.post);
    return picked.post;
  }
}
