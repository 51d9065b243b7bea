// Completes `\eqref{` / `\ref{` with the post's labels, showing each equation's number and TeX.

import * as vscode from 'vscode';
import { labelledFormula } from '../core/editor/postAnalysis';
import { summariseTex } from '../core/editor/postOutline';
import type { PostAnalyses } from './postDocuments';

/** The text before the cursor inside an unfinished reference: `\eqref{eq:lo` → `eq:lo`. */
const OPEN_REFERENCE = /\\(?:eq)?ref\s*\{([^{}\s]*)$/;

export class LabelCompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['{'];

  constructor(private readonly analyses: PostAnalyses) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const open = OPEN_REFERENCE.exec(before);
    if (!open) return undefined;
    const analysis = this.analyses.get(document);
    const typedStart = position.translate(0, -open[1].length);
    const after = document.lineAt(position.line).text.slice(position.character);
    const typedEnd = position.translate(0, /^[^{}\s]*/.exec(after)?.[0].length ?? 0);
    const seen = new Set<string>();
    const items: vscode.CompletionItem[] = [];
    analysis.definitions.forEach((site, order) => {
      if (seen.has(site.label)) return;
      seen.add(site.label);
      const formula = labelledFormula(analysis, site.label);
      const number = analysis.numbers.get(site.label);
      const item = new vscode.CompletionItem(site.label, vscode.CompletionItemKind.Reference);
      item.detail = `${number !== undefined ? `(${number}) ` : ''}${formula ? summariseTex(formula.tex) : ''}`;
      if (formula) item.documentation = new vscode.MarkdownString().appendCodeblock(formula.tex, 'latex');
      item.range = { inserting: new vscode.Range(typedStart, position), replacing: new vscode.Range(typedStart, typedEnd) };
      // Document order, not alphabetical: (1), (2), … is how a reader looks for an equation.
      item.sortText = String(order).padStart(5, '0');
      items.push(item);
    });
    return items;
  }
}
