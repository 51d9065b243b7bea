// The Notation view: for the post in the active editor (or the focused preview), each symbol with the
// definition in force (the reader's pinned one first), its kind and source, its first occurrence; under
// it every definition. Symbols defined only in earlier parts of the series sit under a second root.

import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import { THIS_POST, definitionAsText, definitionAt, type NotationSymbol, type SymbolDefinition } from '../core/notation';
import type { SymbolIcon } from './symbolIcons';

export type NotationNode =
  | { kind: 'symbol'; uri: vscode.Uri; symbol: NotationSymbol }
  | { kind: 'definition'; uri: vscode.Uri; symbol: NotationSymbol; definition: SymbolDefinition }
  | { kind: 'earlier'; uri: vscode.Uri; symbols: NotationSymbol[] };

export const OPEN_NOTATION_LINE_COMMAND = CommandIds.openNotationLine;

export class NotationTree implements vscode.TreeDataProvider<NotationNode>, vscode.Disposable {
  private roots: NotationNode[] = [];
  private current: { uri: vscode.Uri; symbols: NotationSymbol[] } | undefined;
  private readonly changed = new vscode.EventEmitter<NotationNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  /** `iconOf`: a symbol drawn as an icon (symbolIcons.ts), once drawn; a generic icon until then. */
  constructor(private readonly iconOf: (tex: string) => SymbolIcon | undefined = () => undefined) {}

  /** Icons were drawn: the items show them. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  show(uri: vscode.Uri | undefined, symbols: readonly NotationSymbol[]): void {
    this.current = uri ? { uri, symbols: [...symbols] } : undefined;
    if (!uri) this.roots = [];
    else {
      const own = symbols.filter((s) => s.definitions.length === 0 || s.definitions.some((d) => d.source === THIS_POST));
      const carried = symbols.filter((s) => s.definitions.length > 0 && s.definitions.every((d) => d.source !== THIS_POST));
      this.roots = own.map((symbol): NotationNode => ({ kind: 'symbol', uri, symbol }));
      if (carried.length > 0) this.roots.push({ kind: 'earlier', uri, symbols: carried });
    }
    this.changed.fire(undefined);
  }

  /** What the view shows now (tests read it through the extension's API). */
  get shown(): { uri: vscode.Uri; symbols: NotationSymbol[] } | undefined {
    return this.current;
  }

  getChildren(node?: NotationNode): NotationNode[] {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'symbol':
        return node.symbol.definitions.length > 1 ? node.symbol.definitions.map((definition) => ({ kind: 'definition', uri: node.uri, symbol: node.symbol, definition })) : [];
      case 'earlier':
        return node.symbols.map((symbol) => ({ kind: 'symbol', uri: node.uri, symbol }));
      case 'definition':
        return [];
      default:
        return assertNever(node);
    }
  }

  getTreeItem(node: NotationNode): vscode.TreeItem {
    switch (node.kind) {
      case 'earlier': {
        const item = new vscode.TreeItem(vscode.l10n.t('Defined in earlier parts'), vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.symbols.length === 1 ? vscode.l10n.t('1 symbol') : vscode.l10n.t('{0} symbols', node.symbols.length);
        item.iconPath = new vscode.ThemeIcon('history');
        return item;
      }
      case 'symbol': {
        const { symbol } = node;
        const first = symbol.lines[0];
        const definition = first !== undefined ? definitionAt(symbol, first) : symbol.definitions[0];
        const item = new vscode.TreeItem(symbol.tex, symbol.definitions.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = definition ? definitionAsText(definition.text) : vscode.l10n.t('not defined');
        item.tooltip = symbolTooltip(symbol, definition);
        // The symbol drawn; a pinned one says so in its tooltip and on its definition rows.
        item.iconPath = this.iconOf(symbol.tex) ?? new vscode.ThemeIcon(definition?.kind === 'reader' ? 'pinned' : 'symbol-variable');
        item.contextValue = 'notationSymbol';
        const line = first ?? definition?.line;
        if (line !== undefined) item.command = { command: OPEN_NOTATION_LINE_COMMAND, title: vscode.l10n.t('Go to First Occurrence'), arguments: [node.uri, line] };
        return item;
      }
      case 'definition': {
        const { definition } = node;
        const item = new vscode.TreeItem(definitionAsText(definition.text), vscode.TreeItemCollapsibleState.None);
        item.description = `${kindLabel(definition)} · ${where(definition)}`;
        item.iconPath = new vscode.ThemeIcon(definition.kind === 'reader' ? 'pinned' : 'note');
        item.contextValue = 'notationSymbol';
        if (definition.source === THIS_POST) item.command = { command: OPEN_NOTATION_LINE_COMMAND, title: vscode.l10n.t('Go to Definition'), arguments: [node.uri, definition.line] };
        return item;
      }
      default:
        return assertNever(node);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function kindLabel(definition: SymbolDefinition): string {
  switch (definition.kind) {
    case 'reader':
      return vscode.l10n.t('pinned by you');
    case 'formula':
      return vscode.l10n.t('defining formula');
    case 'pattern':
      return vscode.l10n.t('defining sentence');
    default:
      return assertNever(definition.kind);
  }
}

function where(definition: SymbolDefinition): string {
  return definition.source === THIS_POST ? vscode.l10n.t('this post, line {0}', definition.line) : vscode.l10n.t('{0}, line {1}', definition.source, definition.line);
}

function symbolTooltip(symbol: NotationSymbol, definition: SymbolDefinition | undefined): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.isTrusted = false;
  markdown.appendMarkdown(`\`${symbol.tex.replace(/`/g, '')}\` ×${symbol.occurrences}`);
  if (symbol.lines[0] !== undefined) markdown.appendText(` — ${vscode.l10n.t('first at line {0}', symbol.lines[0])}`);
  markdown.appendMarkdown('\n\n');
  if (definition) {
    markdown.appendText(definitionAsText(definition.text));
    markdown.appendMarkdown(`\n\n_${kindLabel(definition)} · `);
    markdown.appendText(where(definition));
    markdown.appendMarkdown('_');
  } else markdown.appendText(vscode.l10n.t('not defined'));
  return markdown;
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
