// The preview's side of the compute feature: runs a ```kexue-compute block a page asked for (one job per
// block text; Cancel on the card cancels it in the helper) and shows the editor's result for the file in
// its preview — a block's in its card, a selection's under the block that holds it.
import * as vscode from 'vscode';
import type { ComputeApi } from '../compute/computeApi';
import type { PostPreview } from './postPreview';

export class PreviewCompute implements vscode.Disposable {
  private readonly running = new Map<string, vscode.CancellationTokenSource>();

  /** `compute` is undefined when the compute feature is not available; blocks then say so. */
  constructor(private readonly compute: ComputeApi | undefined) {}

  /** Fires with the uri string of a file whose editor result changed. */
  onDidChangeResult(listener: (uri: string) => void): vscode.Disposable {
    return this.compute?.onDidChangeResult(listener) ?? { dispose: () => undefined };
  }

  async run(source: string, preview: PostPreview): Promise<void> {
    if (!this.compute) {
      preview.post({ type: 'computeError', source, message: vscode.l10n.t('The compute feature is not available.') });
      return;
    }
    this.running.get(source)?.cancel();
    const cancellation = new vscode.CancellationTokenSource();
    this.running.set(source, cancellation);
    try {
      const result = await this.compute.runBlock(source, cancellation.token);
      preview.post({ type: 'computeResult', source, presentation: result.presentation });
    } catch (error) {
      const message = this.compute.describeError(error) ?? vscode.l10n.t('Cancelled.');
      preview.post({ type: 'computeError', source, message });
    } finally {
      if (this.running.get(source) === cancellation) this.running.delete(source);
      cancellation.dispose();
    }
  }

  cancel(source: string): void {
    this.running.get(source)?.cancel();
  }

  /** Whether a block with this text is running (for tests). */
  isRunning(source: string): boolean {
    return this.running.has(source);
  }

  sendEditorResult(preview: PostPreview): void {
    const result = this.compute?.resultFor(preview.documentUri);
    if (result?.blockSource !== undefined) {
      preview.post({ type: 'computeResult', source: result.blockSource, presentation: result.presentation });
      preview.post({ type: 'selectionResult', result: null });
      return;
    }
    if (!result) {
      preview.post({ type: 'selectionResult', result: null });
      return;
    }
    const { start, end } = result.range;
    const label = start.line === end.line
      ? vscode.l10n.t('Result for the selection on line {0}', start.line + 1)
      : vscode.l10n.t('Result for the selection on lines {0}–{1}', start.line + 1, end.line + 1);
    preview.post({ type: 'selectionResult', result: { line: end.line, label, presentation: result.presentation } });
  }

  dispose(): void {
    for (const running of this.running.values()) running.cancel();
    this.running.clear();
  }
}
