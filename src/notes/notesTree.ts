// The "Notes" view: post → note, filtered by colour (`color:green`), tag (`tag:矩阵`) and words in the
// quote or the note. A click reveals the note's place; an orphan shows its old quote and offers
// "Re-attach to Selection".
import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import { matchesFilter, noteOf, tagsOf, type AnchoredAnnotation } from '../core/annotations/index';
import type { NotesService, PostNotes } from './notesService';

export type NotesTreeNode = { kind: 'post'; post: PostNotes } | { kind: 'note'; post: PostNotes; entry: AnchoredAnnotation };

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

export class NotesTreeProvider implements vscode.TreeDataProvider<NotesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NotesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  private readonly subscription: vscode.Disposable;

  constructor(private readonly notes: NotesService) {
    this.subscription = notes.onDidChange(() => this.changed.fire(undefined));
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(filter: string): void {
    this.filterText = filter.trim();
    void vscode.commands.executeCommand('setContext', 'kexueReader.notesFiltered', this.filterText !== '');
    this.changed.fire(undefined);
  }

  async getChildren(node?: NotesTreeNode): Promise<NotesTreeNode[]> {
    if (!node) {
      const posts = await this.notes.allNotes();
      return posts.filter((post) => post.corrupt || post.entries.some((e) => matchesFilter(e, this.filterText))).map((post) => ({ kind: 'post' as const, post }));
    }
    if (node.kind === 'note') return [];
    return [...node.post.entries]
      .filter((e) => matchesFilter(e, this.filterText))
      .sort((a, b) => a.anchor.start - b.anchor.start)
      .map((entry) => ({ kind: 'note' as const, post: node.post, entry }));
  }

  getTreeItem(node: NotesTreeNode): vscode.TreeItem {
    if (node.kind === 'post') {
      const item = new vscode.TreeItem(node.post.identity.title ?? node.post.identity.key, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.post.corrupt ? vscode.l10n.t('notes file unreadable — left untouched') : String(node.post.entries.length);
      item.tooltip = node.post.corrupt ? `${node.post.corrupt.file}: ${node.post.corrupt.message}` : node.post.uri.fsPath;
      item.resourceUri = node.post.uri;
      item.iconPath = node.post.corrupt ? new vscode.ThemeIcon('warning') : vscode.ThemeIcon.File;
      item.contextValue = 'kexueNotesPost';
      return item;
    }
    const { annotation, anchor } = node.entry;
    const orphan = anchor.status === 'orphan';
    const item = new vscode.TreeItem(`“${oneLine(anchor.exact, 40)}”`);
    const note = noteOf(annotation);
    item.description = [orphan ? vscode.l10n.t('orphan') : '', oneLine(note, 60), ...tagsOf(annotation).map((t) => `#${t}`)].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(anchor.exact);
    if (note) tooltip.appendMarkdown(`\n\n---\n\n${note}`);
    if (orphan) tooltip.appendMarkdown(`\n\n*${vscode.l10n.t('The quote is no longer in the post: select its new place and choose Re-attach to Selection.')}*`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(orphan ? 'debug-disconnect' : 'circle-filled', new vscode.ThemeColor(`kexueReader.note.${annotation.color}`));
    item.contextValue = orphan ? 'kexueNoteOrphan' : 'kexueNote';
    item.command = { command: CommandIds.notesReveal, title: vscode.l10n.t('Show Note'), arguments: [node] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
