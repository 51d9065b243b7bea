// A "Run" CodeLens above every ```kexue-compute block of a Markdown file.
import * as vscode from 'vscode';
import { findComputeBlocks } from '../core/compute/computeBlocks';
import { CommandIds } from '../commands/commandIds';
import { isLibraryText } from '../core/library/parseFile';

export class ComputeBlockCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const text = document.getText();
    // Cheap test first: most posts have no block at all. Blocks run only in posts, not in any Markdown file.
    if (!text.includes('kexue-compute') || !isLibraryText(text)) return [];
    return findComputeBlocks(text).map(
      (block) =>
        new vscode.CodeLens(new vscode.Range(block.startLine, 0, block.startLine, 0), {
          title: `$(play) ${vscode.l10n.t('Run')}`,
          tooltip: vscode.l10n.t('Run this kexue-compute block in the compute helper'),
          command: CommandIds.computeRunBlock,
          arguments: [document.uri.toString(), block.startLine],
        }),
    );
  }
}
