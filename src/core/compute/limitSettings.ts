// The user's limit settings and which one a refused request ran into, so the message can say what to change.
import { DEFAULT_LIMITS, LimitError, validateRequest, type ComputeLimits, type SizedRequest } from '../numerics/limits';

/** Setting names (under kexueReader.compute) and the defaults, which are also the helper's ceilings. */
export const LIMIT_SETTINGS = {
  maxMatrixSize: DEFAULT_LIMITS.maxRows,
  maxStateSize: DEFAULT_LIMITS.maxN,
  maxKernelLength: DEFAULT_LIMITS.maxL,
} as const;

export type LimitSetting = keyof typeof LIMIT_SETTINGS;

export interface LimitSettingValues {
  readonly maxMatrixSize: number;
  readonly maxStateSize: number;
  readonly maxKernelLength: number;
}

/** Settings → numerics limits; never above the helper's own (it would refuse anyway). */
export function limitsFromSettings(values: Partial<LimitSettingValues>): ComputeLimits {
  const clamp = (value: number | undefined, ceiling: number) => (value !== undefined && Number.isFinite(value) && value >= 1 ? Math.min(Math.floor(value), ceiling) : ceiling);
  const size = clamp(values.maxMatrixSize, DEFAULT_LIMITS.maxRows);
  return { maxRows: size, maxCols: size, maxN: clamp(values.maxStateSize, DEFAULT_LIMITS.maxN), maxL: clamp(values.maxKernelLength, DEFAULT_LIMITS.maxL) };
}

/** The setting whose limit `request` exceeds, if any (a value below the minimum is no setting's fault). */
export function exceededSetting(request: SizedRequest, limits: ComputeLimits): LimitSetting | undefined {
  switch (request.kind) {
    case 'pinv':
      return request.rows > limits.maxRows || request.cols > limits.maxCols ? 'maxMatrixSize' : undefined;
    case 'hippo':
      if (request.n > limits.maxN) return 'maxStateSize';
      return request.kernelLength !== undefined && request.kernelLength > limits.maxL ? 'maxKernelLength' : undefined;
    case 'approximate':
      if (request.n > limits.maxN) return 'maxStateSize';
      return request.length > limits.maxL ? 'maxKernelLength' : undefined;
  }
}

export class ComputeLimitError extends Error {
  override readonly name = 'ComputeLimitError';
  constructor(
    message: string,
    /** Full setting id, e.g. kexueReader.compute.maxStateSize, when raising it would help. */
    readonly setting: string | undefined,
  ) {
    super(message);
  }
}

/** validateRequest with the user's limits; the error names the setting to change when there is one. */
export function checkLimits(request: SizedRequest, limits: ComputeLimits, hint: (setting: string, message: string) => string = defaultHint): void {
  try {
    validateRequest(request, limits);
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    throw limitErrorFor(error, exceededSetting(request, limits), hint);
  }
}

export function limitErrorFor(error: LimitError, setting: LimitSetting | undefined, hint: (setting: string, message: string) => string = defaultHint): ComputeLimitError {
  const id = setting ? `kexueReader.compute.${setting}` : undefined;
  return new ComputeLimitError(id ? hint(id, error.message) : error.message, id);
}

function defaultHint(setting: string, message: string): string {
  return `${message}. The limit is the setting ${setting} (at most ${ceilingOf(setting)}).`;
}

function ceilingOf(setting: string): number {
  const key = setting.replace('kexueReader.compute.', '') as LimitSetting;
  return LIMIT_SETTINGS[key];
}
