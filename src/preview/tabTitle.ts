import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Post } from '../core/library/model';
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
  const title = (line !== undefined ? entryAt(entries, file.fsPath, line)?.title : undefined) ?? entries.find((post) => post.title)?.title ?? name;
  return entries.length === 1 ? vscode.l10n.t('Listing (1 post): {0}', title) : vscode.l10n.t('Listing ({0} posts): {1}', entries.length, title);
}

/** The last entry starting at or before `line` (0-based; a source's line is 1-based): the entry that line belongs to. */
function entryAt(entries: readonly Post[], file: string, line: number): Post | undefined {
  const key = path.normalize(file);
  let found: Post | undefined;
  for (const post of entries) {
    const start = post.sources.find((s) => s.kind !== 'post' && path.normalize(s.file) === key)?.line;
    if (start !== undefined && start - 1 <= line) found = post;
  }
  return found;
}
