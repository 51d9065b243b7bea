// How a many-channel online approximation is split over CPU threads: the helper runs the shares in
// worker threads (helper/channelWorkers.ts); the CLI runs a job in its own process only when there is
// one share (inProcessJob.ts).
import type { ApproximateRequest } from '../core/protocol/compute';

/** Below this much work (channels × N × samples) a worker costs more to start than it saves. */
const SPLIT_WORK = 1 << 23;

/** How many channels each worker takes, in order; a single entry means: do not split. */
export function channelShares(req: ApproximateRequest, threads: number): number[] {
  const channels = req.channels ?? 1;
  const work = req.n * req.signal.length;
  const workers = Math.min(channels, Math.max(1, threads), work >= SPLIT_WORK ? Infinity : 1);
  const shares: number[] = [];
  for (let w = 0; w < workers; w++) shares.push(Math.floor((channels * (w + 1)) / workers) - Math.floor((channels * w) / workers));
  return shares;
}
