// Size limits, checked from the request's numbers alone, before any buffer is allocated.

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

export class LimitError extends Error {
  override readonly name = 'LimitError';
}

/** Largest side of a matrix handled in exact rational arithmetic. */
export const EXACT_MAX = 8;

function checkCount(label: string, value: number, min: number, max: number, hint: string): void {
  if (!Number.isInteger(value)) throw new LimitError(`${label} must be a whole number, got ${value}`);
  if (value < min) throw new LimitError(`${label} must be at least ${min}, got ${value}`);
  if (value > max) throw new LimitError(`${label} is ${value}, above the limit of ${max}: ${hint}`);
}

/** Throws a LimitError saying what to change; returns normally when the request fits. */
export function validateRequest(request: SizedRequest, limits: ComputeLimits = DEFAULT_LIMITS): void {
  switch (request.kind) {
    case 'pinv': {
      const hint = `use a matrix of at most ${limits.maxRows}×${limits.maxCols} (or raise the limit)`;
      checkCount('rows', request.rows, 1, limits.maxRows, hint);
      checkCount('columns', request.cols, 1, limits.maxCols, hint);
      if (request.exact && (request.rows > EXACT_MAX || request.cols > EXACT_MAX)) {
        throw new LimitError(`exact arithmetic is limited to ${EXACT_MAX}×${EXACT_MAX}, got ${request.rows}×${request.cols}: drop --exact or use a smaller matrix`);
      }
      return;
    }
    case 'hippo':
      checkCount('N', request.n, 1, limits.maxN, `choose N ≤ ${limits.maxN}`);
      if (request.kernelLength !== undefined) checkCount('kernel length L', request.kernelLength, 1, limits.maxL, `choose L ≤ ${limits.maxL}`);
      return;
    case 'approximate':
      checkCount('N', request.n, 1, limits.maxN, `choose N ≤ ${limits.maxN}`);
      checkCount('signal length', request.length, 2, limits.maxL, `use at most ${limits.maxL} samples`);
      if (request.channels !== undefined) {
        checkCount('channels', request.channels, 1, limits.maxChannels, `use at most ${limits.maxChannels} channels`);
        const total = request.channels * request.length;
        if (total > MAX_TOTAL_SAMPLES) {
          throw new LimitError(`${request.channels} channels × ${request.length} samples = ${total} samples, above the limit of ${MAX_TOTAL_SAMPLES} in all: use fewer channels or a shorter signal`);
        }
      }
      return;
  }
}
