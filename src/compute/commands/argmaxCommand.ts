// "Kexue: Unargmaxable Classes…": W selected in the editor (one class a row) or a random W of n×d.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import { parseShape, type ArgmaxBlock } from '../../core/compute/algorithmBlocks';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import type { ComputeJobs } from '../computeJobs';
import type { InlineResults } from '../inlineResults';
import type { ResultsPanel } from '../resultsPanel';
import { isBlockOf, runAlgorithm, selectionSource } from './runAlgorithm';
import { CommandIds } from '../../commands/commandIds';
import { errorText } from '../computeService';

export const ARGMAX_COMMAND = CommandIds.computeArgmax;

export class ArgmaxCommand implements Command {
  readonly id = ARGMAX_COMMAND;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly panel: ResultsPanel,
    private readonly inline: InlineResults,
  ) {}

  async execute(given?: unknown): Promise<ComputeBlockResult | undefined> {
    // A matrix selected in the editor: the result also goes after it, as the pseudo-inverse's does.
    const source = isBlockOf(given, 'argmax') ? undefined : selectionSource(this.inline);
    const spec = isBlockOf(given, 'argmax') ? given : await this.ask();
    return spec ? runAlgorithm(this.jobs, this.panel, spec, source) : undefined;
  }

  private async ask(): Promise<ArgmaxBlock | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (editor && !editor.selection.isEmpty) return { kind: 'argmax', matrixText: editor.document.getText(editor.selection) };
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Unargmaxable classes'),
      ignoreFocusOut: true,
      prompt: vscode.l10n.t('A random W: classes n and dimension d as n,d (or select a matrix W, one class a row, first)'),
      value: '100,2',
      validateInput: (value) => {
        try {
          parseShape(value, 'n,d');
          return undefined;
        } catch (error) {
          return errorText(error);
        }
      },
    });
    return text === undefined ? undefined : { kind: 'argmax', random: parseShape(text, 'n,d'), seed: 1 };
  }
}
