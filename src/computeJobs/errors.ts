// Errors that map one-to-one onto the protocol's error codes.
import { ApproximationParameterError } from '../core/numerics/approximate';
import { DiscretizationError } from '../core/numerics/discretize';
import { LimitError } from '../core/numerics/limits';
import { MatrixParseError } from '../core/numerics/parseMatrix';
import { PinvRangeError } from '../core/numerics/pinv';
import type { ComputeErrorCode } from '../core/protocol/compute';
import { localizable, type Localizable } from '../core/l10n/localizable';
import { WordedError } from '../core/l10n/wordedError';

export { wordsOf } from '../core/l10n/wordedError';

export class ComputeError extends WordedError {
  constructor(
    readonly code: ComputeErrorCode,
    words: Localizable,
  ) {
    super(words);
    this.name = 'ComputeError';
  }
}

export class CancelledError extends ComputeError {
  constructor(id: number) {
    super('cancelled', localizable('job {0} was cancelled', id));
  }
}

export function errorCodeOf(error: unknown): ComputeErrorCode {
  if (error instanceof ComputeError) return error.code;
  if (error instanceof LimitError) return 'limit';
  if (error instanceof MatrixParseError || error instanceof DiscretizationError || error instanceof ApproximationParameterError || error instanceof PinvRangeError) return 'invalid';
  return 'internal';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
