// Runs a parsed block (or a command's equivalent) end to end: request → helper → presentation, and
// keeps the last result and the last error for the status bar, the report and the tests.
import * as vscode from 'vscode';
import { measureName } from '../core/compute/measureNames';
import { BlockParamsError, parseBlockParams, type ComputeBlockSpec } from '../core/compute/blockParams';
import { ComputeLimitError } from '../core/compute/limitSettings';
import type { ComputeBlockResult } from '../core/compute/presentation';
import { presentResult } from '../core/compute/presentResult';
import type { JobResponse } from '../core/protocol/compute';
import { algorithmSpecTitle } from './algorithmRequests';
import { jobTitle, MatrixInputError, requestFor } from './blockRequests';
import { type ComputeService, describeComputeError, JobCancelledError } from './computeService';
import { translated } from '../core/l10n/localizable';

export class ComputeJobs {
  private last: ComputeBlockResult | undefined;
  private lastFailure: string | undefined;

  constructor(readonly service: ComputeService) {}

  get lastResult(): ComputeBlockResult | undefined {
    return this.last;
  }

  /** The message last shown for a failed job (cleared by a success). */
  get lastError(): string | undefined {
    return this.lastFailure;
  }

  /** Parses and runs a ```kexue-compute block's text; throws on a bad block, a refusal or a failed job. */
  async runBlock(source: string, token?: vscode.CancellationToken): Promise<ComputeBlockResult> {
    return this.run(parseBlockParams(source), token);
  }

  async run(spec: ComputeBlockSpec, token?: vscode.CancellationToken): Promise<ComputeBlockResult> {
    const request = requestFor(spec, this.service.currentSettings());
    const response: JobResponse = await this.service.run(request, { title: jobTitle(spec), token });
    const result: ComputeBlockResult = { spec, response, presentation: presentResult(response, { t: vscode.l10n.t, input: request.type === 'pinv' ? request.matrix : undefined }) };
    this.last = result;
    this.lastFailure = undefined;
    return result;
  }

  /** The message for a failed job in the user's language; undefined for a cancellation. */
  messageFor(error: unknown): string | undefined {
    if (error instanceof JobCancelledError) return undefined;
    if (error instanceof BlockParamsError) return vscode.l10n.t('The kexue-compute block is not valid: {0}', translated(error.words, vscode.l10n.t));
    if (error instanceof MatrixInputError || error instanceof ComputeLimitError) return error.message;
    return describeComputeError(error);
  }

  /** Tells the user why a job did not run; a cancellation is only a status bar note. Returns the message shown. */
  report(error: unknown): string | undefined {
    const message = this.messageFor(error);
    if (message === undefined) {
      vscode.window.setStatusBarMessage(vscode.l10n.t('The job was cancelled.'), 4000);
      return undefined;
    }
    this.lastFailure = message;
    void vscode.window.showErrorMessage(message);
    return message;
  }
}

/** A title for the results panel, e.g. "HiPPO LegS, N = 16" (the measure as the picker writes it). */
export function specTitle(spec: ComputeBlockSpec): string {
  switch (spec.kind) {
    case 'pinv':
      return vscode.l10n.t('Pseudo-inverse');
    case 'hippo':
      return vscode.l10n.t('HiPPO {0}, N = {1}', measureName(spec.measure), spec.n);
    case 'approximate': {
      const channels = spec.signal.channels ?? 1;
      return channels > 1
        ? vscode.l10n.t('Online approximation ({0}, N = {1}, signal: {2} × {3} channels)', measureName(spec.measure), spec.n, spec.signal.kind, channels)
        : vscode.l10n.t('Online approximation ({0}, N = {1}, signal: {2})', measureName(spec.measure), spec.n, spec.signal.kind);
    }
    default:
      return algorithmSpecTitle(spec);
  }
}
