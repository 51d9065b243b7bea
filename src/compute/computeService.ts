// The extension's one way to run a job: checks the user's limits before anything is sent, maps a
// VS Code CancellationToken onto the helper's cancel message, shows a cancellable notification for
// jobs that outlast PROGRESS_DELAY_MS, and remembers the last job for the status bar and the report.
import * as vscode from 'vscode';
import { checkLimits, ComputeLimitError, limitHint, type LimitHint } from '../core/compute/limitSettings';
import type { SizedRequest } from '../core/numerics/limits';
import type { InfoResponse, JobRequest, JobResponse, ResponseFor, Unidentified } from '../core/protocol/compute';
import { type ComputeClient, ComputeRequestError } from '../computeClient/computeClient';
import { readComputeSettings, type ComputeSettings } from './computeSettings';
import { translated } from '../core/l10n/localizable';
import { wordsOf } from '../core/l10n/wordedError';

/** Shorter jobs finish before a notification would even be noticed; it would only flicker. */
export const PROGRESS_DELAY_MS = 300;

export type JobRequestInput = Unidentified<JobRequest>;

export interface FinishedJob {
  readonly request: JobRequestInput['type'];
  readonly response: JobResponse;
  /** Wall time seen by the extension host, IPC and helper start included. */
  readonly roundTripMs: number;
}

export interface RunOptions {
  /** Notification title when the job is slow. */
  readonly title: string;
  readonly token?: vscode.CancellationToken;
}

/** The job was cancelled by the user (token or notification). Callers stay quiet about it. */
export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
}

export class ComputeService implements vscode.Disposable {
  private readonly finished = new vscode.EventEmitter<FinishedJob>();
  /** Fires after every successful job. */
  readonly onDidFinishJob = this.finished.event;
  private last: FinishedJob | undefined;
  private sent = 0;
  private notifications = 0;

  constructor(
    readonly client: ComputeClient,
    private readonly settings: () => ComputeSettings = readComputeSettings,
  ) {}

  get lastJob(): FinishedJob | undefined {
    return this.last;
  }

  /** Jobs handed to the helper so far; a refused request never counts (the tests check this). */
  get jobsSent(): number {
    return this.sent;
  }

  /** Progress notifications shown so far (only jobs slower than PROGRESS_DELAY_MS get one). */
  get progressNotifications(): number {
    return this.notifications;
  }

  currentSettings(): ComputeSettings {
    return this.settings();
  }

  /** Throws ComputeLimitError (naming the setting to change) when `sized` is over the user's limits. */
  checkLimits(sized: SizedRequest): void {
    checkLimits(sized, this.settings().limits, settingHint);
  }

  info(): Promise<InfoResponse> {
    return this.client.request({ type: 'info' }, { timeoutMs: 30_000 });
  }

  async run<R extends JobRequestInput>(request: R, options: RunOptions): Promise<ResponseFor[R['type']]> {
    const sized = sizeOf(request);
    if (sized) this.checkLimits(sized);
    if (options.token?.isCancellationRequested) throw new JobCancelledError(vscode.l10n.t('The job was cancelled.'));
    const started = performance.now();
    const job = this.client.start(request);
    this.sent++;
    const disposables: vscode.Disposable[] = [];
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      this.client.cancel(job.id);
    };
    if (options.token) disposables.push(options.token.onCancellationRequested(cancel));
    const settled = job.result.then(
      () => undefined,
      () => undefined,
    );
    const timer = setTimeout(() => {
      this.notifications++;
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: options.title, cancellable: true }, (_progress, token) => {
        disposables.push(token.onCancellationRequested(cancel));
        return settled;
      });
    }, PROGRESS_DELAY_MS);
    try {
      const response = await job.result;
      const finished: FinishedJob = { request: request.type, response: response, roundTripMs: performance.now() - started };
      this.last = finished;
      this.finished.fire(finished);
      return response;
    } catch (error) {
      if (cancelled || (error instanceof ComputeRequestError && error.code === 'cancelled')) throw new JobCancelledError(vscode.l10n.t('The job was cancelled.'));
      throw error;
    } finally {
      clearTimeout(timer);
      for (const d of disposables) d.dispose();
    }
  }

  dispose(): void {
    this.client.dispose();
    this.finished.dispose();
  }
}

/** The limit message with the setting to change, in the user's language. */
export const settingHint: LimitHint = limitHint(vscode.l10n.t);

/** The size the user's settings bound; undefined for jobs no setting limits (the helper checks their own ceilings). */
function sizeOf(request: JobRequestInput): SizedRequest | undefined {
  switch (request.type) {
    case 'pinv':
      return { kind: 'pinv', rows: request.matrix.rows, cols: request.matrix.cols, exact: request.exactCells !== undefined };
    case 'hippo':
      return { kind: 'hippo', n: request.n, kernelLength: request.kernelLength };
    case 'approximate':
      return { kind: 'approximate', n: request.n, length: request.signal.length / (request.channels ?? 1), channels: request.channels };
    case 'msign':
    case 'matfun':
    case 'argmax':
      return { kind: 'pinv', rows: request.matrix.rows, cols: request.matrix.cols };
    case 'schedule':
    case 'rope':
      return undefined;
  }
}

/** An error's own words in the reader's language (core's words translated; anything else as it is). */
export function errorText(error: unknown): string {
  return translated(wordsOf(error), vscode.l10n.t);
}

/** What to tell the user about a failed job, in their language. */
export function describeComputeError(error: unknown): string {
  if (error instanceof ComputeLimitError) return error.message;
  if (error instanceof ComputeRequestError) {
    const words = translated(error.words, vscode.l10n.t);
    switch (error.code) {
      case 'helperExited':
        return vscode.l10n.t('The compute job did not finish: {0}.', words);
      case 'timeout':
        return vscode.l10n.t('The compute job took too long and was stopped: {0}', words);
      case 'noAdapter':
        return vscode.l10n.t('No GPU adapter is available ({0}). Set kexueReader.compute.backend to "auto" or "cpu".', words);
      case 'deviceLost':
        return vscode.l10n.t('The GPU device was lost: {0}', words);
      default:
        return vscode.l10n.t('The compute job failed: {0}', words);
    }
  }
  return vscode.l10n.t('The compute job failed: {0}', errorText(error));
}
