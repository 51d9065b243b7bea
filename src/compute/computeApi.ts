// What the compute feature offers the rest of the extension (the preview card) and the tests.
import type * as vscode from 'vscode';
import type { ComputeBlockResult } from '../core/compute/presentation';
import type { ComputeService } from './computeService';
import type { InlineResults } from './inlineResults';
import type { ResultsPanel } from './resultsPanel';

export interface ComputeApi {
  /**
   * Parses and runs a ```kexue-compute block's text (without the fences) with the user's settings.
   * Rejects with BlockParamsError (bad block), MatrixInputError (bad matrix), ComputeLimitError (over a
   * limit, nothing sent), JobCancelledError (token) or ComputeRequestError (the helper failed).
   */
  runBlock(source: string, token?: vscode.CancellationToken): Promise<ComputeBlockResult>;
  /** The user-facing message for any of those errors (undefined for a cancellation). */
  describeError(error: unknown): string | undefined;
  readonly lastResult: ComputeBlockResult | undefined;
  readonly lastError: string | undefined;
  readonly service: ComputeService;
  readonly inline: InlineResults;
  readonly panel: ResultsPanel;
  readonly statusBarText: string;
}
