// The editor hover on a formula lists the definitions of its symbols: for each symbol on the
// formula's lines, the definition in force there (nearest before, else after), its line, and how
// often the symbol occurs. It adds to the math hover (rendered formula); VS Code shows both.

import * as vscode from 'vscode';
import { findMathRegions } from '../core/editor/mathRegions';
import { definitionAt, mathJaxFallback, postNotation, THIS_POST, type FormulaFallback, type NotationSymbol } from '../core/notation';

const KEPT = 8;
const MAX_SYMBOLS = 12;

export class NotationHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Map<string, { version: number; symbols: NotationSymbol[] }>();

  private notation(document: vscode.TextDocument, fallback: FormulaFallback | undefined): NotationSymbol[] {
    const key = document.uri.toString();
    const known = this.cache.get(key);
    if (known && known.version === document.version) return known.symbols;
    const symbols = postNotation(document.getText(), fallback);
    this.cache.delete(key);
    this.cache.set(key, { version: document.version, symbols });
    if (this.cache.size > KEPT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return symbols;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    // Formulas KaTeX refuses are read from MathJax's parse tree (the math hover beside this loads it anyway).
    const fallback = await mathJaxFallback();
    const text = document.getText();
    const offset = document.offsetAt(position);
    const region = findMathRegions(text).find((r) => offset >= r.start && offset <= r.end);
    if (!region) return undefined;
    const first = document.positionAt(region.start).line + 1;
    const last = document.positionAt(region.end).line + 1;
    const here = this.notation(document, fallback).filter((s) => s.lines.some((line) => line >= first && line <= last) && s.definitions.length > 0);
    if (here.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(`**${vscode.l10n.t('Notation')}**\n\n`);
    markdown.isTrusted = false;
    for (const symbol of here.slice(0, MAX_SYMBOLS)) {
      const definition = definitionAt(symbol, first);
      if (!definition) continue;
      const where = definition.source === THIS_POST ? vscode.l10n.t('line {0}', definition.line) : vscode.l10n.t('{0}, line {1}', definition.source, definition.line);
      markdown.appendMarkdown(`- \`${symbol.tex}\` ×${symbol.occurrences} — `);
      markdown.appendText(definition.text);
      markdown.appendMarkdown(` _(${where})_\n`);
    }
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(region.start), document.positionAt(region.end)));
  }
}
