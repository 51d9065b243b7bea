// "Kexue: Pseudo-Inverse of Selection": the matrix selected in the editor (or typed when nothing is
// selected) → A⁺ with rank, singular values and Penrose residuals, shown after the selection.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import type { PinvBlock } from '../../core/compute/blockParams';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import { pinvLatex } from '../../core/compute/presentResult';
import { readMatrix } from '../matrixInput';
import type { ComputeJobs } from '../computeJobs';
import type { InlineResults } from '../inlineResults';
import { CommandIds } from '../../commands/commandIds';
import { errorText } from '../computeService';


/** Matrices up to this size are inserted whole; beyond it a post would not want them anyway. */
const INSERT_MAX = 32;

export function insertableLatex(result: ComputeBlockResult): string[] {
  return result.response.type === 'pinvResult' ? [pinvLatex(result.response, INSERT_MAX)] : [...result.presentation.latex];
}

export class PseudoInverseCommand implements Command {
  readonly id = CommandIds.computePseudoInverse;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly inline: InlineResults,
  ) {}

  /** `matrixText` skips the selection and the input box (scripts, tests). Resolves to the result, or undefined. */
  async execute(matrixText?: unknown): Promise<ComputeBlockResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.selection : undefined;
    const text = typeof matrixText === 'string' ? matrixText : selection ? editor?.document.getText(selection) : await this.askForMatrix();
    if (text === undefined) return undefined;
    const spec: PinvBlock = { kind: 'pinv', matrixText: text };
    try {
      const result = await this.jobs.run(spec);
      if (editor) await this.inline.show(editor.document, selection ?? new vscode.Range(editor.selection.active, editor.selection.active), result.presentation, insertableLatex(result));
      else void vscode.window.showInformationMessage(result.presentation.headline);
      return result;
    } catch (error) {
      this.jobs.report(error);
      return undefined;
    }
  }

  private askForMatrix(): Thenable<string | undefined> {
    const limits = this.jobs.service.currentSettings().limits;
    return vscode.window.showInputBox({
      title: vscode.l10n.t('Pseudo-inverse'),
      prompt: vscode.l10n.t('A matrix: JSON [[1,2],[3,4]], LaTeX \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}, CSV "1,2;3,4" lines or a Markdown table'),
      placeHolder: '[[1, 2], [2, 4]]',
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (value.trim() === '') return undefined;
        try {
          readMatrix(value, limits);
          return undefined;
        } catch (error) {
          return errorText(error);
        }
      },
    });
  }
}
