// A result shown in the editor: the headline after the input (a decoration), and a hover on it with the
// rendered LaTeX, the table and the LaTeX source. One result per document; a new one replaces it.
// Every change is announced, so an open preview can show the same result under its input.
import * as vscode from 'vscode';
import { inlineAnchorLine } from '../core/compute/inlineAnchor';
import type { Presentation } from '../core/compute/presentation';
import { escapeMarkdown } from '../core/text/escapeMarkdown';
import type { TexImages } from './texImages';
import { CommandIds } from '../commands/commandIds';

export interface InlineResult {
  readonly uri: string;
  /** The input the result belongs to (a selection or a fenced block). */
  readonly range: vscode.Range;
  readonly presentation: Presentation;
  /** The hover's Markdown, as shown. */
  readonly hover: string;
  /** Display formulas "Insert Result as LaTeX" writes (unelided where that stays readable). */
  readonly insertLatex: readonly string[];
  /** The block's text (between the fences) when the input was a ```kexue-compute block. */
  readonly blockSource?: string;
}

export class InlineResults implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 1.5em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    isWholeLine: false,
  });
  private readonly results = new Map<string, InlineResult>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** A document's result was shown, moved or cleared (the document's uri). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly tex: TexImages) {
    // Decorations belong to editors: re-apply when a document is shown again.
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e))),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
    );
  }

  resultFor(uri: vscode.Uri): InlineResult | undefined {
    return this.results.get(uri.toString());
  }

  async show(
    document: vscode.TextDocument,
    range: vscode.Range,
    presentation: Presentation,
    insertLatex: readonly string[] = presentation.latex,
    blockSource?: string,
  ): Promise<InlineResult> {
    const hover = await this.hoverMarkdown(presentation);
    const result: InlineResult = { uri: document.uri.toString(), range, presentation, hover, insertLatex, blockSource };
    this.results.set(result.uri, result);
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
    this.changed.fire(result.uri);
    return result;
  }

  clear(document: vscode.TextDocument): void {
    this.forget(document.uri.toString());
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) editor.setDecorations(this.decoration, []);
  }

  private forget(uri: string): void {
    if (this.results.delete(uri)) this.changed.fire(uri);
  }

  /**
   * Keeps a result on its input while the post is edited: edits above move it by whole lines, edits
   * below leave it alone, and an edit of the input itself drops it (the result no longer describes it).
   * "Insert Result as LaTeX" writes below this range, so it must not go stale.
   */
  private follow(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const result = this.results.get(key);
    if (!result || event.contentChanges.length === 0) return;
    let { start, end } = result.range;
    for (const change of event.contentChanges) {
      if (change.range.start.isAfterOrEqual(end)) continue;
      if (!change.range.end.isBeforeOrEqual(start)) {
        this.clear(event.document);
        return;
      }
      const delta = change.text.split(/\r\n|\r|\n/).length - 1 - (change.range.end.line - change.range.start.line);
      start = start.translate(delta);
      end = end.translate(delta);
    }
    if (start.isEqual(result.range.start) && end.isEqual(result.range.end)) return;
    this.results.set(key, { ...result, range: new vscode.Range(start, end) });
    this.changed.fire(key);
  }

  private apply(editor: vscode.TextEditor): void {
    const result = this.results.get(editor.document.uri.toString());
    if (!result) return;
    const { document } = editor;
    const line = document.lineAt(inlineAnchorLine((n) => document.lineAt(n).text, document.lineCount, result.range.end.line));
    const hoverMessage = new vscode.MarkdownString(result.hover, true);
    // The one command link in the hover; nothing else in it may run a command.
    hoverMessage.isTrusted = { enabledCommands: [CommandIds.computeInsertResultLatex] };
    editor.setDecorations(this.decoration, [
      { range: new vscode.Range(line.range.end, line.range.end), hoverMessage, renderOptions: { after: { contentText: `⟹ ${result.presentation.inline ?? result.presentation.headline}` } } },
    ]);
  }

  private async hoverMarkdown(p: Presentation): Promise<string> {
    const parts = [`**${escapeMarkdown(p.headline)}**`];
    for (const tex of p.latex) parts.push(await this.tex.markdown(tex));
    if (p.table) {
      parts.push(
        [`| ${p.table.columns.map(escapeMarkdown).join(' | ')} |`, `|${p.table.columns.map(() => ' --- ').join('|')}|`, ...p.table.rows.map((row) => `| ${row.map(escapeMarkdown).join(' | ')} |`)].join('\n'),
      );
    }
    for (const note of p.notes) parts.push(`_${escapeMarkdown(note)}_`);
    if (p.latex.length > 0) parts.push(`\`\`\`latex\n${p.latex[0]}\n\`\`\``, `[$(insert) ${vscode.l10n.t('Insert Result as LaTeX')}](command:${CommandIds.computeInsertResultLatex})`);
    return parts.join('\n\n');
  }

  dispose(): void {
    this.decoration.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
    this.results.clear();
  }
}

