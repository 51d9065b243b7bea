// Many-channel online approximations on the CPU. The channels are independent, so a big job is split
// into contiguous channel ranges (computeJobs/channelShares.ts), one worker thread each, and the parts
// are joined in channel order.
import { availableParallelism } from 'node:os';
import { worstChannelIndex, type WorstChannel } from '../core/numerics/approximate';
import type { ApproximateRequest, ApproximateResponse, JobRequest, JobResponse } from '../core/protocol/compute';
import type { CancelFlag } from './cancellation';
import { channelShares } from '../computeJobs/channelShares';
import { checkApproximationShape } from '../computeJobs/cpuJobs';
import type { CpuRunner } from './server';
import { localizable } from '../core/l10n/localizable';

/** Runs `request` on the CPU, split over worker threads when it is a big many-channel approximation. */
export function runCpuSplittingChannels(request: JobRequest, flag: CancelFlag, runOne: CpuRunner, threads = availableParallelism()): Promise<JobResponse> {
  if (request.type !== 'approximate') return runOne(request, flag);
  // The whole job's shape and limits are checked here, before any worker starts (each part alone could
  // pass them); the scan for NaN is left to the workers, off the thread that reads IPC.
  checkApproximationShape(request);
  const shares = channelShares(request, threads);
  return shares.length > 1 ? runParts(request, shares, flag, runOne) : runOne(request, flag);
}

async function runParts(req: ApproximateRequest, shares: readonly number[], flag: CancelFlag, runOne: CpuRunner): Promise<ApproximateResponse> {
  const t0 = performance.now();
  const length = req.signal.length / (req.channels ?? 1);
  let first = 0;
  const parts = await Promise.all(
    shares.map((count) => {
      const part: ApproximateRequest = { ...req, channels: count, signal: req.signal.slice(first * length, (first + count) * length) };
      first += count;
      return runOne(part, flag) as Promise<ApproximateResponse>;
    }),
  ).catch((error: unknown) => {
    // One part failed (or was cancelled): the job has failed, so stop the others too.
    flag.cancel();
    throw error;
  });
  const maxError = new Float64Array(req.channels ?? 1), rmsError = new Float64Array(req.channels ?? 1);
  const starts: number[] = [];
  let at = 0;
  for (const part of parts) {
    starts.push(at);
    maxError.set(part.channelErrors?.maxError ?? [part.maxError], at);
    rmsError.set(part.channelErrors?.rmsError ?? [part.rmsError], at);
    at += part.channels;
  }
  return {
    ...parts[0],
    channels: req.channels ?? 1,
    channelErrors: { maxError, rmsError },
    worst: worstOfParts(parts, starts, worstChannelIndex(maxError)),
    timings: { totalMs: performance.now() - t0, phases: {} },
    notes: [...parts[0].notes, localizable('The channels ran on {0} CPU worker threads at once (the time includes starting them).', parts.length)],
  };
}

/** The worst channel over all parts: a part's own channel 1 (its main fields) or the part's worst. */
function worstOfParts(parts: readonly ApproximateResponse[], starts: readonly number[], channel: number): WorstChannel | undefined {
  if (channel === 0) return undefined;
  let p = starts.length - 1;
  while (starts[p] > channel) p--;
  const part = parts[p], local = channel - starts[p];
  if (local === 0) return { channel, signal: part.signal, reconstruction: part.reconstruction };
  // The part picked its worst by the same first-maximum rule, so it is this channel.
  return part.worst && { channel, signal: part.worst.signal, reconstruction: part.worst.reconstruction };
}
