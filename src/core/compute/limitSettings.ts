// The user's limit settings and which one a refused request ran into, so the message can say what to change.
import { DEFAULT_LIMITS, LimitError, validateRequest, type ComputeLimits, type SizedRequest } from '../numerics/limits';
import { translated, untranslated, type Localizable, type Translate } from '../l10n/localizable';

/** Setting names (under kexueReader.compute) and the defaults, which are also the helper's ceilings. */
export const LIMIT_SETTINGS = {
  maxMatrixSize: DEFAULT_LIMITS.maxRows,
  maxStateSize: DEFAULT_LIMITS.maxN,
  maxKernelLength: DEFAULT_LIMITS.maxL,
  maxChannels: DEFAULT_LIMITS.maxChannels,
} as const;

export type LimitSetting = keyof typeof LIMIT_SETTINGS;

export interface LimitSettingValues {
  readonly maxMatrixSize: number;
  readonly maxStateSize: number;
  readonly maxKernelLength: number;
  readonly maxChannels: number;
}

/** Settings → numerics limits; never above the helper's own (it would refuse anyway). */
export function limitsFromSettings(values: Partial<LimitSettingValues>): ComputeLimits {
  const clamp = (value: number | undefined, ceiling: number) => (value !== undefined && Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), ceiling) : ceiling);
  const size = clamp(values.maxMatrixSize, DEFAULT_LIMITS.maxRows);
  return {
    maxRows: size,
    maxCols: size,
    maxN: clamp(values.maxStateSize, DEFAULT_LIMITS.maxN),
    maxL: clamp(values.maxKernelLength, DEFAULT_LIMITS.maxL),
    maxChannels: clamp(values.maxChannels, DEFAULT_LIMITS.maxChannels),
  };
}

/**
 * Which setting bounds the value `request` got wrong, and whether it was over that limit (else invalid/too
 * small); undefined for the one ceiling no setting moves (all channels' samples together).
 */
export function limitingSetting(request: SizedRequest, limits: ComputeLimits): { readonly setting: LimitSetting; readonly over: boolean } | undefined {
  const bad = (value: number, min: number, max: number) => !Number.isInteger(value) || value < min || value > max;
  switch (request.kind) {
    case 'pinv':
      return { setting: 'maxMatrixSize', over: request.rows > limits.maxRows || request.cols > limits.maxCols };
    case 'hippo':
      if (bad(request.n, 1, limits.maxN) || request.kernelLength === undefined) return { setting: 'maxStateSize', over: request.n > limits.maxN };
      return { setting: 'maxKernelLength', over: request.kernelLength > limits.maxL };
    case 'approximate':
      if (bad(request.n, 1, limits.maxN)) return { setting: 'maxStateSize', over: request.n > limits.maxN };
      if (bad(request.length, 2, limits.maxL)) return { setting: 'maxKernelLength', over: request.length > limits.maxL };
      if (request.channels !== undefined && bad(request.channels, 1, limits.maxChannels)) return { setting: 'maxChannels', over: request.channels > limits.maxChannels };
      return undefined;
  }
}

export class ComputeLimitError extends Error {
  override readonly name = 'ComputeLimitError';
  constructor(
    message: string,
    /** Full setting id, e.g. kexueReader.compute.maxStateSize; undefined where no setting moves the limit. */
    readonly setting: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Adds the setting to the limit's words: "raise it" when the value was over, the range otherwise; with
 * no setting (a ceiling of the helper's), the words alone.
 */
export type LimitHint = (setting: string | undefined, words: Localizable, over: boolean, max: number) => string;

/** The hint said through `t`: the host's in the reader's language (vscode.l10n.t), the default in English. */
export function limitHint(t: Translate): LimitHint {
  return (setting, words, over, max) => {
    const message = translated(words, t);
    if (setting === undefined) return t('{0}.', message);
    return over
      ? t('{0}. Change the setting {1} to allow more (the helper accepts at most {2}).', message, setting, max)
      : t('{0} (the allowed range is set by {1}).', message, setting);
  };
}

/** validateRequest with the user's limits; the error names the setting that bounds the value. */
export function checkLimits(request: SizedRequest, limits: ComputeLimits, hint: LimitHint = defaultHint): void {
  try {
    validateRequest(request, limits);
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    const bound = limitingSetting(request, limits);
    if (!bound) throw new ComputeLimitError(hint(undefined, error.words, false, 0), undefined);
    throw limitErrorFor(error, bound.setting, bound.over, hint);
  }
}

export function limitErrorFor(error: LimitError, setting: LimitSetting, over: boolean, hint: LimitHint = defaultHint): ComputeLimitError {
  const id = `kexueReader.compute.${setting}`;
  return new ComputeLimitError(hint(id, error.words, over, LIMIT_SETTINGS[setting]), id);
}

const defaultHint = limitHint(untranslated);
