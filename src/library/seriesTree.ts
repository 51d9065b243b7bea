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

/**
 * Series → parts in reading order; then standalone posts grouped by year, unknown year last.
 *
 * A change redraws only the rows that changed. Redrawing the whole view (an event for the root) replaces
 * every row's DOM, and a click that lands on a row as it is replaced selects it and runs nothing: after
 * a startup from the last session's library, the indexing's result — a post edited since — came
 * ≈ 0.3–1 s after the rows, and so did the reading state after each open. VS Code refreshes an element
 * only when it is the very object it was given, so the nodes are kept by id and updated in place.
 */
export class SeriesTreeProvider implements vscode.TreeDataProvider<SeriesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SeriesTreeNode | SeriesTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  private readState: ReadStateSource | undefined;
  private readSubscription: vscode.Disposable | undefined;

  /** Every node handed to VS Code, by its item's id. */
  private readonly nodes = new Map<string, SeriesTreeNode>();
  /** What VS Code was last given: per id, the item's look and (for a group) its children's ids; the root's under ''. */
  private readonly given = new Map<string, string>();
  /** The library the nodes were made from (the snapshot's, until the indexing's replaces it). */
  private shown: Library | undefined;

  constructor(private readonly index: LibraryIndex) {
    this.subscription = index.onDidChange(() => this.refresh(index.current()));
  }

  /** Shows read / in progress per post and "k of n read" per series (the notes feature's reading progress). */
  setReadState(source: ReadStateSource): void {
    this.readState = source;
    this.readSubscription?.dispose();
    this.readSubscription = source.onDidChange(() => this.refresh(this.shown ?? this.index.current()));
  }

  async getChildren(node?: SeriesTreeNode): Promise<SeriesTreeNode[]> {
    // At startup the last session's library, at once; the indexing's result replaces it (onDidChange).
    const library = await this.index.forDisplay();
    this.shown = library;
    const children = this.childrenIn(library, node).map((child) => this.kept(child));
    this.given.set(node ? childrenKey(node) : '', children.map(nodeId).join('\n'));
    return children;
  }

  getTreeItem(node: SeriesTreeNode): vscode.TreeItem {
    const item = this.itemOf(node);
    this.given.set(nodeId(node), look(item));
    return item;
  }

  /** Tells VS Code of the rows that differ from what it was given: the root only when the groups changed. */
  private refresh(library: Library): void {
    this.shown = library;
    const roots = rootNodes(library);
    if (!this.given.has('') || roots.map(nodeId).join('\n') !== this.given.get('')) {
      this.changed.fire(undefined);
      return;
    }
    const stale: SeriesTreeNode[] = [];
    for (const root of roots) {
      const group = this.kept(root);
      const before = this.given.get(childrenKey(group));
      const children = this.childrenIn(library, group);
      if (this.given.get(nodeId(group)) !== look(this.itemOf(group)) || (before !== undefined && before !== children.map(nodeId).join('\n'))) {
        stale.push(group); // its row and its children's
        continue;
      }
      for (const child of children) {
        const known = this.given.get(nodeId(child));
        if (known !== undefined && known !== look(this.itemOf(child))) stale.push(this.kept(child));
      }
    }
    if (stale.length > 0) this.changed.fire(stale);
  }

  private childrenIn(library: Library, node: SeriesTreeNode | undefined): SeriesTreeNode[] {
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

  /** The node VS Code holds for this id, brought up to date; or this one, remembered. */
  private kept<T extends SeriesTreeNode>(fresh: T): T {
    const id = nodeId(fresh);
    const known = this.nodes.get(id);
    if (known?.kind === fresh.kind) return Object.assign<SeriesTreeNode, T>(known, fresh);
    this.nodes.set(id, fresh);
    return fresh;
  }

  private itemOf(node: SeriesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'series': {
        const item = new vscode.TreeItem(node.series.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = nodeId(node);
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
        item.id = nodeId(node);
        item.description = node.posts.length === 1 ? vscode.l10n.t('1 post') : vscode.l10n.t('{0} posts', node.posts.length);
        item.iconPath = new vscode.ThemeIcon('calendar');
        item.contextValue = 'year';
        return item;
      }
      case 'post': {
        const { post } = node;
        const item = new vscode.TreeItem(node.inSeries ? partLabel(post) : displayTitle(post));
        item.id = nodeId(node);
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
    return this.kept({ kind: 'post', post, inSeries });
  }

  getParent(node: SeriesTreeNode): SeriesTreeNode | undefined {
    if (node.kind !== 'post') return undefined;
    const library = this.index.current();
    if (node.inSeries) {
      const series = library.series.find((s) => s.name === node.post.series);
      return series && this.kept({ kind: 'series', series });
    }
    const year = rootNodes(library).find((n) => n.kind === 'year' && n.year === node.post.year);
    return year && this.kept(year);
  }

  dispose(): void {
    this.subscription.dispose();
    this.readSubscription?.dispose();
    this.changed.dispose();
  }
}

/** The id of a node's item (VS Code keeps rows by it). */
function nodeId(node: SeriesTreeNode): string {
  switch (node.kind) {
    case 'series':
      return `series:${node.series.name}`;
    case 'year':
      return `year:${node.year ?? 'unknown'}`;
    case 'post':
      return `post:${node.post.id}`;
  }
}

function childrenKey(node: SeriesTreeNode): string {
  return `children of ${nodeId(node)}`;
}

/** What a row shows, as one string: two items that look alike compare equal. */
function look(item: vscode.TreeItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label?.label;
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
  return JSON.stringify([label, item.description, tooltip, icon, item.collapsibleState]);
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
