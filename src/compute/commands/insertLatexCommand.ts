// "Kexue: Insert Result as LaTeX": the only way the extension writes to a post. One TextEditor.edit, so
// one undo restores the file exactly.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import type { InlineResults } from '../inlineResults';
import { CommandIds } from '../../commands/commandIds';


export class InsertLatexCommand implements Command {
  readonly id = CommandIds.computeInsertResultLatex;

  constructor(private readonly inline: InlineResults) {}

  /** Resolves to the text inserted, or undefined when there was nothing to insert. */
  async execute(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const result = editor && this.inline.resultFor(editor.document.uri);
    if (!editor || !result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No compute result in this editor yet: run "Kexue: Pseudo-Inverse of Selection" or a kexue-compute block first.'));
      return undefined;
    }
    const document = editor.document;
    const line = document.lineAt(Math.min(result.range.end.line, document.lineCount - 1));
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const blocks = result.insertLatex.map((tex) => `$$${eol}${tex}${eol}$$`).join(eol + eol);
    const text = `${eol}${eol}${blocks}`;
    const applied = await editor.edit((edit) => edit.insert(line.range.end, text), { undoStopBefore: true, undoStopAfter: true });
    return applied ? text : undefined;
  }
}
