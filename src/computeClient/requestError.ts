// A request the compute helper (or the CLI's in-process job) answered with an error. Apart from
// computeClient.ts so that what only catches it (the CLI's compute commands) does not load
// node:child_process with the client: 5–9 ms of every one-shot `kexue compute` run in its own process.
import type { ComputeErrorCode } from '../core/protocol/compute';

export class ComputeRequestError extends Error {
  constructor(
    readonly code: ComputeErrorCode,
    message: string,
    readonly requestId: number,
  ) {
    super(message);
    this.name = 'ComputeRequestError';
  }
}
