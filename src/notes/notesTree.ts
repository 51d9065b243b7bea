// The "Notes" view: series → post → note (posts of no series under "Standalone"), filtered at every
// level by colour (`color:green`), tag (`tag:矩阵`) and words in the quote or the note: a series or
// post shows only when one of its notes passes. Descriptions count the notes shown. A click opens the
// preview at the note's place; an orphan shows its old quote and offers "Re-attach to Selection".
import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import { groupBySeries, isPin, matchesFilter, shownNoteOf, tagsOf, type AnchoredAnnotation, type SeriesPlace } from '../core/annotations/index';
import { documentMacrosBefore } from '../core/editor/postAnalysis';
import { noteParts } from '../core/annotations/noteHtml';
import { analysisOf, quoteParts, readableQuote } from '../core/annotations/previewText';
import { appendWithFormulas, type FormulaImage } from './formulaMarkdown';
import type { NotesService, PostNotes } from './notesService';

export type NotesTreeNode =
  | { kind: 'series'; series: string | null; posts: PostNotes[] }
  | { kind: 'post'; post: PostNotes }
  | { kind: 'note'; post: PostNotes; entry: AnchoredAnnotation };

/** Which series a post file belongs to (the library's view of it); undefined for a standalone post. */
export interface SeriesOfFile {
  placeOf(uri: vscode.Uri): SeriesPlace | undefined;
}

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

const titleOf = (post: PostNotes): string => post.identity.title ?? post.identity.key;

export class NotesTreeProvider implements vscode.TreeDataProvider<NotesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NotesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly notes: NotesService,
    private readonly seriesOf: SeriesOfFile,
    /** Fires when the library (and so a post's series) changes. */
    libraryChanged?: vscode.Event<unknown>,
    /** Draws the formulas of a note's tooltip (the editor hover's images); without it they show as TeX. */
    private readonly formulaImage?: FormulaImage,
  ) {
    this.subscriptions = [
      notes.onDidChange(() => this.changed.fire(undefined)),
      // A tooltip's formulas are painted in the theme's text colour: resolved again after a theme change.
      vscode.window.onDidChangeActiveColorTheme(() => this.changed.fire(undefined)),
    ];
    if (libraryChanged) this.subscriptions.push(libraryChanged(() => this.changed.fire(undefined)));
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(filter: string): void {
    this.filterText = filter.trim();
    void vscode.commands.executeCommand('setContext', 'kexueReader.notesFiltered', this.filterText !== '');
    this.changed.fire(undefined);
  }

  private shown(post: PostNotes): AnchoredAnnotation[] {
    return post.entries.filter((e) => matchesFilter(e, this.filterText));
  }

  async getChildren(node?: NotesTreeNode): Promise<NotesTreeNode[]> {
    if (!node) {
      const posts = (await this.notes.allNotes()).filter((post) => post.corrupt || this.shown(post).length > 0);
      return groupBySeries(posts, (post) => this.seriesOf.placeOf(post.uri), titleOf).map((group) => ({ kind: 'series' as const, series: group.series, posts: group.items }));
    }
    if (node.kind === 'series') return node.posts.map((post) => ({ kind: 'post' as const, post }));
    if (node.kind === 'note') return [];
    return this.shown(node.post)
      .sort((a, b) => a.anchor.start - b.anchor.start)
      .map((entry) => ({ kind: 'note' as const, post: node.post, entry }));
  }

  getTreeItem(node: NotesTreeNode): vscode.TreeItem {
    if (node.kind === 'series') return this.seriesItem(node);
    if (node.kind === 'post') return this.postItem(node.post);
    const { annotation, anchor } = node.entry;
    const orphan = anchor.status === 'orphan';
    // The quote as the preview's notes list shows it (formulas without `$`, a numbered display as "(n)").
    const quote = orphan ? anchor.exact.replace(/\$+/g, '') : readableQuote(node.post.text, anchor.start, anchor.end);
    const item = new vscode.TreeItem(`“${oneLine(quote, 40)}”`);
    item.id = `note:${node.post.identity.key}:${annotation.id}`;
    const note = shownNoteOf(annotation);
    item.description = [orphan ? vscode.l10n.t('orphan') : '', isPin(annotation) ? vscode.l10n.t('pinned') : '', oneLine(note, 60), ...tagsOf(annotation).map((t) => `#${t}`)]
      .filter(Boolean)
      .join(' · ');
    // The tooltip, with its formulas drawn, is made when the reader hovers (resolveTreeItem).
    item.iconPath = new vscode.ThemeIcon(orphan ? 'debug-disconnect' : isPin(annotation) ? 'pinned' : 'circle-filled', new vscode.ThemeColor(`kexueReader.note.${annotation.color}`));
    item.contextValue = orphan ? 'kexueNoteOrphan' : 'kexueNote';
    item.command = { command: CommandIds.notesReveal, title: vscode.l10n.t('Show Note in Preview'), arguments: [node] };
    return item;
  }

  /** The note's tooltip: its quote and its note with their formulas drawn, as in the preview. */
  async resolveTreeItem(item: vscode.TreeItem, node: NotesTreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'note') return item;
    const { annotation, anchor } = node.entry;
    const orphan = anchor.status === 'orphan';
    const macros = orphan ? {} : documentMacrosBefore(analysisOf(node.post.text), anchor.start);
    const tooltip = new vscode.MarkdownString();
    // Words as text, as the preview's notes show them (a `*` typed is a star).
    await appendWithFormulas(tooltip, orphan ? noteParts(anchor.exact) : quoteParts(node.post.text, anchor.start, anchor.end), this.formulaImage, macros, 'text');
    const note = shownNoteOf(annotation);
    if (note) {
      tooltip.appendMarkdown('\n\n---\n\n');
      await appendWithFormulas(tooltip, noteParts(note), this.formulaImage, macros, 'text');
    }
    if (orphan) tooltip.appendMarkdown(`\n\n*${vscode.l10n.t('The quote is no longer in the post: select its new place and choose Re-attach to Selection.')}*`);
    item.tooltip = tooltip;
    return item;
  }

  private seriesItem(node: Extract<NotesTreeNode, { kind: 'series' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(node.series ?? vscode.l10n.t('Standalone'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `series:${node.series ?? ''}`;
    const notes = node.posts.reduce((sum, post) => sum + this.shown(post).length, 0);
    const notesText = notes === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', notes);
    const postsText = node.posts.length === 1 ? vscode.l10n.t('1 post') : vscode.l10n.t('{0} posts', node.posts.length);
    item.description = `${notesText} · ${postsText}`;
    item.iconPath = new vscode.ThemeIcon(node.series === null ? 'file' : 'library');
    item.contextValue = 'kexueNotesSeries';
    return item;
  }

  private postItem(post: PostNotes): vscode.TreeItem {
    const item = new vscode.TreeItem(titleOf(post), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `post:${post.identity.key}`;
    const shown = this.shown(post).length;
    item.description = post.corrupt
      ? vscode.l10n.t('notes file unreadable — left untouched')
      : shown === post.entries.length
        ? String(shown)
        : vscode.l10n.t('{0} of {1}', shown, post.entries.length);
    item.tooltip = post.corrupt ? `${post.corrupt.file}: ${post.corrupt.message}` : post.uri.fsPath;
    item.resourceUri = post.uri;
    item.iconPath = post.corrupt ? new vscode.ThemeIcon('warning') : vscode.ThemeIcon.File;
    item.contextValue = 'kexueNotesPost';
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
