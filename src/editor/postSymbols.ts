// Outline and breadcrumbs for posts (headings, numbered equations under them) and digests (entries).

import * as vscode from 'vscode';
import { buildOutline, type OutlineKind, type OutlineNode } from '../core/editor/postOutline';
import { isPostDocument, rangeOf, type PostAnalyses } from './postDocuments';

const SYMBOL_KIND: Record<OutlineKind, vscode.SymbolKind> = {
  heading: vscode.SymbolKind.String, // what VS Code's own Markdown outline uses for headings
  equation: vscode.SymbolKind.Number,
  entry: vscode.SymbolKind.Event,
};

export class PostSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly analyses: PostAnalyses) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    // Not a post: VS Code's own Markdown outline is the only one (no second copy under "Kexue").
    if (!isPostDocument(document)) return undefined;
    const toSymbol = (node: OutlineNode): vscode.DocumentSymbol => {
      const symbol = new vscode.DocumentSymbol(
        node.name,
        node.detail,
        SYMBOL_KIND[node.kind],
        rangeOf(document, node.start, node.end),
        rangeOf(document, node.selectionStart, node.selectionEnd),
      );
      symbol.children = node.children.map(toSymbol);
      return symbol;
    };
    return buildOutline(this.analyses.get(document)).map(toSymbol);
  }
}
