// Size limits, checked from the request's numbers alone, before any buffer is allocated.
import { localizable, verbatim, type Localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export interface ComputeLimits {
  readonly maxRows: number;
  readonly maxCols: number;
  /** Largest HiPPO state size N. */
  readonly maxN: number;
  /** Largest kernel / signal length L. */
  readonly maxL: number;
  /** Most signals run side by side in one online approximation. */
  readonly maxChannels: number;
}

export const DEFAULT_LIMITS: ComputeLimits = { maxRows: 2048, maxCols: 2048, maxN: 1024, maxL: 1 << 20, maxChannels: 1024 };

/**
 * All channels' samples together (channels × length), a fixed ceiling of the helper's: 2²⁴ samples are
 * 128 MiB of f64 crossing the IPC channel and 64 MiB of f32 on the GPU, within WebGPU's default
 * 128 MiB storage-binding limit.
 */
export const MAX_TOTAL_SAMPLES = 1 << 24;

export type SizedRequest =
  | { readonly kind: 'pinv'; readonly rows: number; readonly cols: number; readonly exact?: boolean }
  | { readonly kind: 'hippo'; readonly n: number; readonly kernelLength?: number }
  | { readonly kind: 'approximate'; readonly n: number; readonly length: number; readonly channels?: number };

/** A request over a limit, said in words the host translates (`words`); `message` is them in English. */
export class LimitError extends WordedError {
  override readonly name = 'LimitError';
}

/** Largest side of a matrix handled in exact rational arithmetic. */
export const EXACT_MAX = 8;

function checkCount(label: Localizable, value: number, min: number, max: number, hint: Localizable): void {
  if (!Number.isInteger(value)) throw new LimitError(localizable('{0} must be a whole number, got {1}', label, value));
  if (value < min) throw new LimitError(localizable('{0} must be at least {1}, got {2}', label, min, value));
  if (value > max) throw new LimitError(localizable('{0} is {1}, above the limit of {2}: {3}', label, value, max, hint));
}

/** Throws a LimitError saying what to change; returns normally when the request fits. */
export function validateRequest(request: SizedRequest, limits: ComputeLimits = DEFAULT_LIMITS): void {
  switch (request.kind) {
    case 'pinv': {
      const hint = localizable('use a matrix of at most {0}×{1} (or raise the limit)', limits.maxRows, limits.maxCols);
      checkCount(localizable('rows'), request.rows, 1, limits.maxRows, hint);
      checkCount(localizable('columns'), request.cols, 1, limits.maxCols, hint);
      if (request.exact && (request.rows > EXACT_MAX || request.cols > EXACT_MAX)) {
        throw new LimitError(localizable('exact arithmetic is limited to {0}×{0}, got {1}×{2}: drop --exact or use a smaller matrix', EXACT_MAX, request.rows, request.cols));
      }
      return;
    }
    case 'hippo':
      checkCount(verbatim('N'), request.n, 1, limits.maxN, localizable('choose N ≤ {0}', limits.maxN));
      if (request.kernelLength !== undefined) checkCount(localizable('kernel length L'), request.kernelLength, 1, limits.maxL, localizable('choose L ≤ {0}', limits.maxL));
      return;
    case 'approximate':
      checkCount(verbatim('N'), request.n, 1, limits.maxN, localizable('choose N ≤ {0}', limits.maxN));
      checkCount(localizable('signal length'), request.length, 2, limits.maxL, localizable('use at most {0} samples', limits.maxL));
      if (request.channels !== undefined) {
        checkCount(localizable('channels'), request.channels, 1, limits.maxChannels, localizable('use at most {0} channels', limits.maxChannels));
        const total = request.channels * request.length;
        if (total > MAX_TOTAL_SAMPLES) {
          throw new LimitError(localizable('{0} channels × {1} samples = {2} samples, above the limit of {3} in all: use fewer channels or a shorter signal', request.channels, request.length, total, MAX_TOTAL_SAMPLES));
        }
      }
      return;
  }
}
