// What the compute feature offers the rest of the extension: the preview gets ComputeApi (run a block,
// word an error, and the editor's results with an event when they change) — not the service, the
// inline results or the panel. The integration tests get ComputeTestApi through a command that exists
// only in ExtensionMode.Test.
import type * as vscode from 'vscode';
import type { ComputeBlockResult } from '../core/compute/presentation';
import type { ComputeService } from './computeService';
import type { InlineResult, InlineResults } from './inlineResults';
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
  /** The result computed in the editor for a file (a block's or a selection's), until its input is edited. */
  resultFor(uri: vscode.Uri): InlineResult | undefined;
  /** Fires with the uri string of a file whose editor result appeared, changed or went away. */
  readonly onDidChangeResult: vscode.Event<string>;
}

/** Everything the integration tests look at. */
export interface ComputeTestApi extends ComputeApi {
  readonly lastResult: ComputeBlockResult | undefined;
  readonly lastError: string | undefined;
  readonly service: ComputeService;
  readonly inline: InlineResults;
  readonly panel: ResultsPanel;
  readonly statusBarText: string;
}
