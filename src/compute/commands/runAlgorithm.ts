// The later algorithms' commands share this: run the spec, show the result in the Compute Results panel
// (with its plots) and, for a matrix taken from the editor, after the selection as well.
import * as vscode from 'vscode';
import type { AlgorithmBlock } from '../../core/compute/algorithmBlocks';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import { algorithmSpecTitle } from '../algorithmRequests';
import { readMatrix } from '../matrixInput';
import type { ComputeJobs } from '../computeJobs';
import type { InlineResults } from '../inlineResults';
import type { ResultsPanel } from '../resultsPanel';
import { errorText } from '../computeService';

/** Where a matrix taken from the editor came from: the result is shown after it as well. */
export interface SelectionSource {
  readonly inline: InlineResults;
  readonly document: vscode.TextDocument;
  readonly range: vscode.Range;
}

export async function runAlgorithm(jobs: ComputeJobs, panel: ResultsPanel, spec: AlgorithmBlock, source?: SelectionSource): Promise<ComputeBlockResult | undefined> {
  try {
    const result = await jobs.run(spec);
    panel.show(algorithmSpecTitle(spec), result.presentation);
    if (source) await source.inline.show(source.document, source.range, result.presentation);
    return result;
  } catch (error) {
    jobs.report(error);
    return undefined;
  }
}

/** The selected matrix, or one typed into a box that checks it as it is typed; undefined when escaped. */
export async function selectedOrTypedMatrix(jobs: ComputeJobs, title: string, placeHolder: string): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const limits = jobs.service.currentSettings().limits;
  const text = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('A matrix: JSON [[1,2],[3,4]], LaTeX \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}, CSV "1,2;3,4" lines or a Markdown table'),
    placeHolder,
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return vscode.l10n.t('Enter a matrix');
      try {
        readMatrix(value, limits);
        return undefined;
      } catch (error) {
        return errorText(error);
      }
    },
  });
  return text;
}

/** The editor's non-empty selection, as a place to show a result after. */
export function selectionSource(inline: InlineResults): SelectionSource | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && !editor.selection.isEmpty ? { inline, document: editor.document, range: editor.selection } : undefined;
}

/** A block of this kind given as the argument skips the questions (scripts, tests). */
export function isBlockOf<K extends AlgorithmBlock['kind']>(value: unknown, kind: K): value is Extract<AlgorithmBlock, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}
