// The helper's RPC loop: one typed request in, one typed response out, per-job cancellation,
// backend choice (auto | cpu | gpu) and recovery from a lost GPU device.
import type { BackendChoice, ComputeNote, ComputeRequest, ComputeResponse, JobRequest, JobResponse } from '../core/protocol/compute';
import { isComputeRequest } from '../core/protocol/compute';
import { assertNever } from '../core/protocol/assertNever';
import { CancelFlag } from './cancellation';
import { ComputeError, errorCodeOf, messageOf, wordsOf } from '../computeJobs/errors';
import { finishedResponse } from '../computeJobs/finishedResponse';
import { DeviceLostError, GpuContext, type GpuHandle, NO_ADAPTER_HINT } from './gpu/context';
import { checkGpuApproximation, gpuApproximate } from './gpu/gpuApproximate';
import { gpuHippo, gpuPinv } from './gpu/gpuJobs';
import { autoBackend, worthGpu } from '../core/compute/backendChoice';
import { gpuMatfun, gpuMsign } from './gpu/gpuMatrixFunctions';
import { localizable } from '../core/l10n/localizable';
import { CPU_ONLY_REASONS } from '../core/compute/algorithmBlocks';

/** Runs a job on the CPU; the real helper uses a worker thread, tests may run it inline. */
export type CpuRunner = (request: JobRequest, flag: CancelFlag) => Promise<JobResponse>;

export class ComputeServer {
  private readonly jobs = new Map<number, CancelFlag>();

  constructor(
    private readonly send: (message: ComputeResponse) => void,
    private readonly runCpu: CpuRunner,
    private readonly gpu: GpuContext = new GpuContext(),
  ) {}

  handle(message: unknown): void {
    if (!isComputeRequest(message)) {
      const id = typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number' ? (message as { id: number }).id : -1;
      this.sendError(id, new ComputeError('invalid', localizable('unrecognised request (expected type pinv, hippo, approximate, msign, matfun, schedule, rope, argmax, cancel or info with a numeric id)')));
      return;
    }
    void this.dispatch(message);
  }

  async dispose(): Promise<void> {
    for (const flag of this.jobs.values()) flag.cancel();
    await this.gpu.dispose();
  }

  private async dispatch(request: ComputeRequest): Promise<void> {
    switch (request.type) {
      case 'cancel':
        this.jobs.get(request.target)?.cancel();
        return;
      case 'info': {
        const adapter = await this.gpu.adapterSummary();
        this.send({ type: 'infoResult', id: request.id, gpu: { available: adapter !== null, adapter, reason: adapter ? undefined : NO_ADAPTER_HINT }, runningJobs: [...this.jobs.keys()] });
        return;
      }
      case 'pinv':
      case 'hippo':
      case 'approximate':
      case 'msign':
      case 'matfun':
      case 'schedule':
      case 'rope':
      case 'argmax':
        await this.runJob(request);
        return;
      default:
        assertNever(request, 'compute helper');
    }
  }

  private sendError(id: number, error: unknown): void {
    this.send({ type: 'error', id, code: errorCodeOf(error), message: messageOf(error), words: wordsOf(error) });
  }

  private async runJob(request: JobRequest): Promise<void> {
    if (this.jobs.has(request.id)) {
      this.sendError(request.id, new ComputeError('invalid', localizable('a job with id {0} is already running', request.id)));
      return;
    }
    const flag = new CancelFlag();
    this.jobs.set(request.id, flag);
    try {
      this.send(finishedResponse(await this.route(request, flag)));
    } catch (error) {
      this.sendError(request.id, error);
    } finally {
      this.jobs.delete(request.id);
    }
  }

  private async route(request: JobRequest, flag: CancelFlag): Promise<JobResponse> {
    const choice: BackendChoice = request.backend;
    // Refuse what the GPU cannot run before looking for an adapter: an explicit gpu request is never
    // quietly answered by the CPU.
    if (choice === 'gpu' && request.type === 'approximate') checkGpuApproximation(request);
    if (choice === 'gpu') refuseCpuOnly(request);
    if (choice === 'cpu') return this.runCpu(request, flag);
    if (choice === 'auto') {
      // Worth a GPU at all? Only then is Dawn loaded to look for an adapter.
      if (!worthGpu(request)) return this.runCpu(request, flag);
      if (autoBackend(request, await this.gpu.adapterSummary()) === 'cpu') return this.runCpu(request, flag);
    }
    return this.runOnGpu(request, flag, choice);
  }

  /** One retry on a fresh device after a device loss; then the CPU, saying so in the result. */
  private async runOnGpu(request: JobRequest, flag: CancelFlag, choice: BackendChoice): Promise<JobResponse> {
    const checkpoint = flag.checkpointFor(request.id);
    const attempt = (gpu: GpuHandle): Promise<JobResponse> => {
      switch (request.type) {
        case 'pinv':
          return gpuPinv(gpu, request, checkpoint);
        case 'hippo':
          return gpuHippo(gpu, request, checkpoint);
        case 'approximate':
          return gpuApproximate(gpu, request, checkpoint);
        case 'msign':
          return gpuMsign(gpu, request, checkpoint);
        case 'matfun':
          return gpuMatfun(gpu, request, checkpoint);
        case 'schedule':
        case 'rope':
        case 'argmax':
          throw refuseCpuOnly(request);
        default:
          return assertNever(request, 'GPU job');
      }
    };
    const lostNotes: ComputeNote[] = [];
    for (let tryNo = 0; tryNo < 2; tryNo++) {
      try {
        const response = await this.gpu.run(attempt);
        return lostNotes.length ? { ...response, notes: [...lostNotes, ...response.notes] } : response;
      } catch (error) {
        if (!(error instanceof DeviceLostError)) throw error;
        lostNotes.push(tryNo === 0 ? localizable('{0}; retried on a new device.', error.words) : localizable('{0}; gave up on the GPU.', error.words));
      }
    }
    const response = await this.runCpu(request, flag);
    return { ...response, notes: [...lostNotes, localizable('Fell back to the CPU after losing the GPU device twice (backend requested: {0}).', choice), ...response.notes] };
  }
}

/** Jobs with nothing for a GPU to do (core CPU_ONLY_REASONS: closed-form tables, LPs); an explicit gpu request says so. */
function refuseCpuOnly(request: JobRequest): ComputeError {
  const reason = request.type === 'schedule' || request.type === 'rope' || request.type === 'argmax' ? CPU_ONLY_REASONS[request.type] : undefined;
  if (reason) throw new ComputeError('unsupported', localizable('{0} runs on the CPU only ({1}): use --backend cpu or auto', request.type, reason));
  return new ComputeError('internal', localizable('{0} has a GPU path', request.type));
}
