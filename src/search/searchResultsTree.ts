// The Search Results view: the last query's hits grouped by post, for lists too long for a QuickPick.

import * as vscode from 'vscode';
import type { SearchHit } from '../core/search';
import { highlightedSnippet, hitPlace, kindIcon, markedSnippet } from './hitPresentation';
import { CommandIds } from '../commands/commandIds';

export type SearchResultNode = { kind: 'post'; postId: string; title: string; hits: SearchHit[] } | { kind: 'hit'; hit: SearchHit };

export const OPEN_HIT_COMMAND = CommandIds.openSearchHit;

export class SearchResultsTree implements vscode.TreeDataProvider<SearchResultNode>, vscode.Disposable {
  private posts: SearchResultNode[] = [];
  private query = '';
  private readonly changed = new vscode.EventEmitter<SearchResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(query: string, hits: readonly SearchHit[]): void {
    this.query = query;
    const byPost = new Map<string, SearchHit[]>();
    for (const hit of hits) byPost.set(hit.postId, [...(byPost.get(hit.postId) ?? []), hit]);
    this.posts = [...byPost.entries()].map(([postId, postHits]) => ({ kind: 'post', postId, title: postHits[0].title, hits: postHits }));
    void vscode.commands.executeCommand('setContext', 'kexueReader.hasSearchResults', true);
    this.changed.fire(undefined);
  }

  get lastQuery(): string {
    return this.query;
  }

  getChildren(node?: SearchResultNode): SearchResultNode[] {
    if (!node) return this.posts;
    return node.kind === 'post' ? node.hits.map((hit) => ({ kind: 'hit', hit })) : [];
  }

  getTreeItem(node: SearchResultNode): vscode.TreeItem {
    if (node.kind === 'post') {
      const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.hits.length === 1 ? vscode.l10n.t('1 hit') : vscode.l10n.t('{0} hits', node.hits.length);
      item.iconPath = new vscode.ThemeIcon('book');
      return item;
    }
    const { hit } = node;
    const item = new vscode.TreeItem(highlightedSnippet(hit), vscode.TreeItemCollapsibleState.None);
    item.description = hit.equation ? `(${hit.equation})` : undefined;
    item.tooltip = `${hit.title}\n${hitPlace(hit)}\n\n${markedSnippet(hit)}`;
    item.iconPath = kindIcon(hit.kind);
    item.command = { command: OPEN_HIT_COMMAND, title: vscode.l10n.t('Open in Preview'), arguments: [hit] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
