// A CPU job run in the caller's own process: the CLI's one-shot path. A `kexue compute … --backend cpu`
// (or an auto job the GPU would not get) used to start the helper process, which started a worker
// thread, each loading the bundle again and passing the matrix across twice — half a second before
// the first multiply-add of a 512×256 pinv. One command, one job: nothing needs to stay responsive
// beside it, so it runs right here, through the same job code, checks and finishing as the helper's.
import { availableParallelism } from 'node:os';
import { worthGpu } from '../core/compute/backendChoice';
import type { BackendChoice, JobRequest, JobResponse } from '../core/protocol/compute';
import { channelShares } from './channelShares';
import { runCpuJob } from './cpuJobs';
import { finishedResponse } from './finishedResponse';

/**
 * Whether `request` runs on the CPU without the helper deciding: asked for the CPU, or auto with a job
 * no GPU would get (backendChoice) — and not a many-channel approximation, which the helper splits
 * over worker threads, nor argmax, whose solver (`highs`, WebAssembly found beside its own module)
 * loads only where it stays an external module: the helper's bundle.
 */
export function runsHere(request: JobRequest, threads = availableParallelism()): boolean {
  const backend: BackendChoice = request.backend;
  if (backend === 'gpu' || (backend === 'auto' && worthGpu(request))) return false;
  if (request.type === 'argmax') return false;
  return request.type !== 'approximate' || channelShares(request, threads).length === 1;
}

/** Runs the job here (synchronously); throws what the helper would answer as an error. */
export async function runJobHere(request: JobRequest): Promise<JobResponse> {
  // No checkpoint: nothing can ask this process to cancel but a signal, which ends it.
  return finishedResponse(await runCpuJob(request, () => undefined));
}
