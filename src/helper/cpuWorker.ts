// CPU jobs run in a worker thread so the helper's main thread keeps reading IPC (cancel, info)
// while synchronous numerics are busy; cancellation reaches the worker through a shared flag.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import type { ComputeErrorCode, JobRequest, JobResponse } from '../core/protocol/compute';
import { CancelFlag } from './cancellation';
import { runCpuJob } from '../computeJobs/cpuJobs';
import { ComputeError, errorCodeOf, wordsOf } from '../computeJobs/errors';
import { localizable, type Localizable } from '../core/l10n/localizable';

interface WorkerInput {
  readonly request: JobRequest;
  readonly cancelBuffer: SharedArrayBuffer;
}

type WorkerOutput = { readonly ok: true; readonly response: JobResponse } | { readonly ok: false; readonly code: ComputeErrorCode; readonly words: Localizable };

/** Runs `request` in a new worker started from `script` (the helper bundle itself). */
export function runCpuJobInWorker(script: string, request: JobRequest, flag: CancelFlag): Promise<JobResponse> {
  return new Promise((resolve, reject) => {
    const input: WorkerInput = { request, cancelBuffer: flag.buffer };
    const worker = new Worker(script, { workerData: input });
    let settled = false;
    worker.once('message', (out: WorkerOutput) => {
      settled = true;
      if (out.ok) resolve(out.response);
      else reject(new ComputeError(out.code, out.words));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new ComputeError('internal', localizable('CPU worker failed: {0}', wordsOf(error))));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new ComputeError('internal', localizable('CPU worker exited with code {0} before answering', code)));
    });
  });
}

export function isCpuWorker(): boolean {
  return parentPort !== null && typeof workerData === 'object' && workerData !== null && 'cancelBuffer' in workerData;
}

/** Worker-thread side. */
export function serveCpuWorker(): void {
  const port = parentPort;
  if (!port) return;
  const { request, cancelBuffer } = workerData as WorkerInput;
  const flag = new CancelFlag(cancelBuffer);
  const answer = async (): Promise<WorkerOutput> => {
    try {
      return { ok: true, response: await runCpuJob(request, flag.checkpointFor(request.id)) };
    } catch (error) {
      return { ok: false, code: errorCodeOf(error), words: wordsOf(error) };
    }
  };
  void answer().then((out) => port.postMessage(out));
}
