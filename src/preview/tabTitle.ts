import * as vscode from 'vscode';
import type { PostLookup } from '../library/postLookup';

/**
 * The preview tab's title. A post's own title; for a listing page (which has none — its file name
 * is a hash like `003_8e93154631b67189.txt`), the entry the reader was sent to (or the first one)
 * and how many posts the page lists, so that the tab says which page it is.
 */
export function previewTabTitle(file: vscode.Uri, ownTitle: string | undefined, lookup: PostLookup | undefined, line: number | undefined): string {
  const name = file.path.split('/').pop() ?? '';
  if (ownTitle) return vscode.l10n.t('Preview: {0}', ownTitle);
  const entries = lookup?.listedIn(file.fsPath) ?? [];
  if (entries.length === 0) return vscode.l10n.t('Preview: {0}', name);
  // The entry `line` belongs to: the last one starting at or before it.
  const sentTo = line === undefined ? undefined : entries.filter((entry) => entry.line <= line).pop();
  const title = sentTo?.post.title ?? entries.find((entry) => entry.post.title)?.post.title ?? name;
  return entries.length === 1 ? vscode.l10n.t('Listing (1 post): {0}', title) : vscode.l10n.t('Listing ({0} posts): {1}', entries.length, title);
}
