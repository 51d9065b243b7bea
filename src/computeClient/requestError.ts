// A request the compute helper (or the CLI's in-process job) answered with an error. Apart from
// computeClient.ts so that what only catches it (the CLI's compute commands) does not load
// node:child_process with the client: 5–9 ms of every one-shot `kexue compute` run in its own process.
import type { Localizable } from '../core/l10n/localizable';
import { WordedError } from '../core/l10n/wordedError';
import type { ComputeErrorCode } from '../core/protocol/compute';

export class ComputeRequestError extends WordedError {
  constructor(
    readonly code: ComputeErrorCode,
    words: Localizable,
    readonly requestId: number,
  ) {
    super(words);
    this.name = 'ComputeRequestError';
  }
}
