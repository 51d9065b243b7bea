// Quick fixes for html2text artefacts in math (`\\\` → `\\`, `\left\\{` → `\left\{`): one per
// artefact under the cursor, plus one that repairs the whole formula.

import * as vscode from 'vscode';
import { html2textFixesIn, type TextFix } from '../core/editor/html2textFixes';
import { DIAGNOSTIC_SOURCE } from './mathDiagnostics';
import { rangeOf, type PostAnalyses } from './postDocuments';
import { translated } from '../core/l10n/localizable';

export class Html2textQuickFixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyses: PostAnalyses) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const analysis = this.analyses.get(document);
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const inFormula = html2textFixesIn(analysis, start, end);
    const underCursor = inFormula.filter((fix) => fix.end >= start && fix.start <= end);
    const related = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    const actions = underCursor.map((fix) => this.action(document, translated(fix.title, vscode.l10n.t), [fix], related));
    if (inFormula.length > 1) {
      const all = this.action(document, vscode.l10n.t('Repair all {0} html2text artefacts in this formula', inFormula.length), inFormula, related);
      all.isPreferred = false;
      actions.push(all);
    }
    if (actions.length > 0 && underCursor.length > 0) actions[0].isPreferred = true;
    return actions;
  }

  private action(document: vscode.TextDocument, title: string, fixes: TextFix[], diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    for (const fix of fixes) action.edit.replace(document.uri, rangeOf(document, fix.start, fix.end), fix.replacement);
    action.diagnostics = diagnostics.filter((diagnostic) => fixes.some((fix) => diagnostic.range.intersection(rangeOf(document, fix.start, fix.end))));
    return action;
  }
}
