// A Node client for the compute helper, usable from the extension host and from the CLI.
// It forks the helper lazily, gives every request a timeout, can cancel a job, and when the helper
// dies mid-job fails that job with a clear message and starts a fresh helper for the next request.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ComputeRequestError } from './requestError';
import { localizable, verbatim, type Localizable } from '../core/l10n/localizable';
import { wordsOf } from '../core/l10n/wordedError';
import type {
  ComputeErrorCode,
  ComputeRequest,
  ComputeResponse,
  InfoRequest,
  JobRequest,
  ResponseFor,
  Unidentified,
} from '../core/protocol/compute';
import { isComputeResponse } from '../core/protocol/compute';

export interface ComputeClientOptions {
  /** Absolute path of dist/helper.mjs. */
  readonly helperPath: string;
  /** Default per-request timeout (ms); the job is cancelled when it passes. Default 120 000. */
  readonly requestTimeoutMs?: number;
  /** Environment for the helper (e.g. VK_ICD_FILENAMES for SwiftShader); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the helper's stderr goes (Dawn prints warnings there); default: discarded. */
  readonly onStderr?: (text: string) => void;
  /**
   * One request and done (the CLI): a helper that dies is reported as such, without promising a next
   * request a new helper (no next request will come).
   */
  readonly oneShot?: boolean;
}

export type ClientRequest = Unidentified<JobRequest> | Unidentified<InfoRequest>;

export interface RequestOptions {
  readonly timeoutMs?: number;
}

export { ComputeRequestError } from './requestError';

/** A started job: its id (for cancel) and its eventual response. */
export interface JobHandle<T> {
  readonly id: number;
  readonly result: Promise<T>;
}

interface Pending {
  readonly resolve: (response: ComputeResponse) => void;
  readonly reject: (error: ComputeRequestError) => void;
  readonly timer: NodeJS.Timeout;
  readonly type: string;
}

/** A write to a helper that has just died; its exit event follows and is reported instead. */
function isBrokenPipe(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_IPC_CHANNEL_CLOSED';
}

export class ComputeClient {
  private child?: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: ComputeClientOptions) {}

  /** Sends a request and resolves with its typed response; rejects with ComputeRequestError. */
  request<R extends ClientRequest>(request: R, options: RequestOptions = {}): Promise<ResponseFor[R['type']]> {
    return this.start(request, options).result;
  }

  start<R extends ClientRequest>(request: R, options: RequestOptions = {}): JobHandle<ResponseFor[R['type']]> {
    const id = this.nextId++;
    const result = new Promise<ResponseFor[R['type']]>((resolve, reject) => {
      if (this.disposed) {
        reject(new ComputeRequestError('helperExited', localizable('the compute client was disposed'), id));
        return;
      }
      const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 120_000;
      const timer = setTimeout(() => {
        this.settle(id, new ComputeRequestError('timeout', localizable('{0} request {1} timed out after {2} ms (the job was cancelled)', request.type, id, timeoutMs), id));
        this.sendCancel(id);
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (response) => resolve(response as ResponseFor[R['type']]),
        reject,
        timer,
        type: request.type,
      });
      try {
        this.post({ ...request, id });
      } catch (error) {
        this.settle(id, new ComputeRequestError('helperExited', localizable('could not start the compute helper: {0}', wordsOf(error)), id));
      }
    });
    return { id, result };
  }

  /** Asks the helper to stop job `id` at its next checkpoint; the job then rejects with code 'cancelled'. */
  cancel(id: number): void {
    if (this.pending.has(id)) this.sendCancel(id);
  }

  /** Only to a live helper: a cancel must never start a new one. */
  private sendCancel(target: number): void {
    if (this.child?.connected) this.child.send({ type: 'cancel', id: this.nextId++, target } satisfies ComputeRequest);
  }

  /** Kills the helper; pending requests reject. */
  dispose(): void {
    this.disposed = true;
    this.failAll('helperExited', () => localizable('the compute client was disposed'));
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill();
  }

  /** The helper's process id, for tests and diagnostics (undefined until the first request). */
  get helperPid(): number | undefined {
    return this.child?.pid;
  }

  private post(message: ComputeRequest): void {
    const child = this.ensureChild();
    child.send(message, (error) => {
      if (!error) return;
      // The helper died as the request went out (EPIPE): its 'exit' handler says how, which is what the user needs.
      if (isBrokenPipe(error)) return;
      this.settle(message.id, new ComputeRequestError('helperExited', localizable('could not reach the compute helper: {0}', verbatim(error.message)), message.id));
    });
  }

  private ensureChild(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    if (!existsSync(this.options.helperPath)) throw new Error(`${this.options.helperPath} does not exist (build it with \`node esbuild.mjs\`)`);
    const child = fork(this.options.helperPath, [], {
      serialization: 'advanced',
      // Not the parent's flags: an extension host's --inspect would make the helper fight for the port.
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: this.options.env ?? process.env,
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => this.options.onStderr?.(text));
    // A helper killed mid-write can leave EPIPE/ECONNRESET on its pipes; the 'exit' handler reports the death.
    child.stderr?.on('error', () => undefined);
    child.on('message', (message: unknown) => {
      if (isComputeResponse(message)) this.receive(message);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      const how = signal ? localizable('was killed by {0}', signal) : localizable('exited with code {0}', String(code));
      const next = this.options.oneShot ? verbatim('') : localizable('; the next request starts a new helper');
      this.failAll('helperExited', (id, type) => localizable('the compute helper {0} while {1} job {2} was running, so there is no result{3}', how, type, id, next));
    });
    child.on('error', (error) => {
      // EPIPE and friends when the helper is already gone: the exit handler says what happened.
      if (isBrokenPipe(error)) return;
      this.failAll('helperExited', (id) => localizable('the compute helper failed ({0}) during job {1}', verbatim(error.message), id));
    });
    this.child = child;
    return child;
  }

  private receive(response: ComputeResponse): void {
    if (response.type === 'error') this.settle(response.id, new ComputeRequestError(response.code, response.words, response.id));
    else this.settle(response.id, response);
  }

  private settle(id: number, outcome: ComputeResponse | ComputeRequestError): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (outcome instanceof ComputeRequestError) p.reject(outcome);
    else p.resolve(outcome);
  }

  private failAll(code: ComputeErrorCode, words: (id: number, type: string) => Localizable): void {
    for (const [id, p] of [...this.pending]) this.settle(id, new ComputeRequestError(code, words(id, p.type), id));
  }
}
