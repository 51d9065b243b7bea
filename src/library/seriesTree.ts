import * as vscode from 'vscode';
import type { Library, Post, Series } from '../core/library/model';
import { displayTitle, formatDate, partLabel, postTooltip, seriesDescription } from './postPresentation';
import type { LibraryIndex } from './libraryIndex';
import { CommandIds } from '../commands/commandIds';

/** Where the reader is with each post; supplied by the notes feature. */
export interface ReadStateSource {
  stateOf(post: Post): 'unread' | 'reading' | 'read';
  onDidChange: vscode.Event<void>;
}

export type SeriesTreeNode =
  | { kind: 'series'; series: Series }
  | { kind: 'year'; year: number | null; posts: Post[] }
  | { kind: 'post'; post: Post; inSeries: boolean };

/** Series → parts in reading order; then standalone posts grouped by year, unknown year last. */
export class SeriesTreeProvider implements vscode.TreeDataProvider<SeriesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SeriesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  private readState: ReadStateSource | undefined;
  private readSubscription: vscode.Disposable | undefined;

  constructor(private readonly index: LibraryIndex) {
    this.subscription = index.onDidChange(() => this.changed.fire(undefined));
  }

  /** Shows read / in progress per post and "k of n read" per series (the notes feature's reading progress). */
  setReadState(source: ReadStateSource): void {
    this.readState = source;
    this.readSubscription?.dispose();
    this.readSubscription = source.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: SeriesTreeNode): Promise<SeriesTreeNode[]> {
    // At startup the last session's library, at once; the indexing's result replaces it (onDidChange).
    const library = await this.index.forDisplay();
    if (!node) return rootNodes(library);
    if (node.kind === 'series') {
      const byId = new Map(library.posts.map((p) => [p.id, p]));
      return node.series.parts.flatMap((part) => {
        const post = byId.get(part.postId);
        return post ? [{ kind: 'post' as const, post, inSeries: true }] : [];
      });
    }
    if (node.kind === 'year') return node.posts.map((post) => ({ kind: 'post' as const, post, inSeries: false }));
    return [];
  }

  getTreeItem(node: SeriesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'series': {
        const item = new vscode.TreeItem(node.series.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `series:${node.series.name}`;
        item.description = seriesDescription(node.series);
        const readState = this.readState;
        if (readState) {
          const posts = this.index.current().posts;
          const byId = new Map(posts.map((p) => [p.id, p]));
          const read = node.series.parts.filter((part) => {
            const post = byId.get(part.postId);
            return post !== undefined && readState.stateOf(post) === 'read';
          }).length;
          item.description = `${item.description} · ${vscode.l10n.t('{0} of {1} read', read, node.series.parts.length)}`;
        }
        item.iconPath = new vscode.ThemeIcon('list-ordered');
        item.contextValue = 'series';
        return item;
      }
      case 'year': {
        const label = node.year === null ? vscode.l10n.t('Unknown year') : String(node.year);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `year:${node.year ?? 'unknown'}`;
        item.description = node.posts.length === 1 ? vscode.l10n.t('1 post') : vscode.l10n.t('{0} posts', node.posts.length);
        item.iconPath = new vscode.ThemeIcon('calendar');
        item.contextValue = 'year';
        return item;
      }
      case 'post': {
        const { post } = node;
        const item = new vscode.TreeItem(node.inSeries ? partLabel(post) : displayTitle(post));
        item.id = `post:${post.id}`;
        item.description = formatDate(post);
        const state = this.readState?.stateOf(post) ?? 'unread';
        if (state !== 'unread') item.description = `${item.description} · ${state === 'read' ? vscode.l10n.t('read') : vscode.l10n.t('in progress')}`;
        item.tooltip = postTooltip(post);
        item.iconPath = new vscode.ThemeIcon(post.titleInferred || post.title === null ? 'question' : post.excerptOnly ? 'note' : 'book');
        item.contextValue = 'post';
        item.command = { command: CommandIds.openPreview, title: vscode.l10n.t('Open Preview'), arguments: [node] };
        return item;
      }
    }
  }

  /** The tree node that shows a post, for reveal() from the preview's "Show in Series". */
  nodeOf(post: Post): SeriesTreeNode | undefined {
    const library = this.index.current();
    const inSeries = library.series.some((s) => s.parts.some((p) => p.postId === post.id));
    return { kind: 'post', post, inSeries };
  }

  getParent(node: SeriesTreeNode): SeriesTreeNode | undefined {
    if (node.kind !== 'post') return undefined;
    const library = this.index.current();
    if (node.inSeries) {
      const series = library.series.find((s) => s.name === node.post.series);
      return series && { kind: 'series', series };
    }
    return rootNodes(library).find((n) => n.kind === 'year' && n.year === node.post.year);
  }

  dispose(): void {
    this.subscription.dispose();
    this.readSubscription?.dispose();
    this.changed.dispose();
  }
}

function rootNodes(library: Library): SeriesTreeNode[] {
  const series: SeriesTreeNode[] = library.series.map((s) => ({ kind: 'series', series: s }));
  const years = new Map<number | null, Post[]>();
  const inSeries = new Set(library.series.flatMap((s) => s.parts.map((p) => p.postId)));
  for (const post of library.posts) {
    if (inSeries.has(post.id)) continue;
    const list = years.get(post.year) ?? [];
    list.push(post);
    years.set(post.year, list);
  }
  // Newest year first, the unknown year last.
  const order = [...years.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  return [...series, ...order.map((year): SeriesTreeNode => ({ kind: 'year', year, posts: years.get(year) ?? [] }))];
}
