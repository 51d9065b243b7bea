// The CodeLens "Run" on a ```kexue-compute block: the result goes after the block (decoration + hover)
// and into the Compute Results panel.
import * as vscode from 'vscode';
import type { Command } from '../../commands/commandManager';
import { findComputeBlocks } from '../../core/compute/computeBlocks';
import type { ComputeBlockResult } from '../../core/compute/presentation';
import { specTitle, type ComputeJobs } from '../computeJobs';
import type { InlineResults } from '../inlineResults';
import type { ResultsPanel } from '../resultsPanel';
import { insertableLatex } from './pseudoInverseCommand';
import { CommandIds } from '../../commands/commandIds';


export class RunBlockCommand implements Command {
  readonly id = CommandIds.computeRunBlock;

  constructor(
    private readonly jobs: ComputeJobs,
    private readonly inline: InlineResults,
    private readonly panel: ResultsPanel,
  ) {}

  /** Arguments from the CodeLens: the document's uri and the block's opening line. */
  async execute(uri?: unknown, startLine?: unknown): Promise<ComputeBlockResult | undefined> {
    const document = await this.documentOf(uri);
    if (!document) return undefined;
    const line = typeof startLine === 'number' ? startLine : (vscode.window.activeTextEditor?.selection.active.line ?? 0);
    const block = findComputeBlocks(document.getText()).find((b) => b.startLine <= line && line <= b.endLine);
    if (!block) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No kexue-compute block at line {0}.', line + 1));
      return undefined;
    }
    try {
      const result = await this.jobs.runBlock(block.source);
      const range = new vscode.Range(block.startLine, 0, block.endLine, document.lineAt(block.endLine).text.length);
      await this.inline.show(document, range, result.presentation, insertableLatex(result), block.source);
      this.panel.show(specTitle(result.spec), result.presentation);
      return result;
    } catch (error) {
      this.jobs.report(error);
      return undefined;
    }
  }

  private async documentOf(uri: unknown): Promise<vscode.TextDocument | undefined> {
    if (typeof uri === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
    return vscode.window.activeTextEditor?.document;
  }
}
