// ```kexue-compute blocks of the later algorithms:
//   msign coefficients=cubic|muon iterations=K      + a matrix on the lines after
//   matfun fn=sqrt|invsqrt                           + a symmetric positive definite matrix
//   schedule kind=linear|cosine steps=T ddim=S
//   rope dim=D base=B scale=K method=pi|ntk|yarn trained=L
//   argmax random=N,D seed=S                         or a class-embedding matrix W (n×d) on the lines after
import { MATRIX_FUNCTIONS, type MatrixFunction } from '../numerics/matrixFunctions';
import { MSIGN_COEFFICIENTS, type MsignCoefficients } from '../numerics/msign';
import { ROPE_METHODS, type RopeMethod } from '../numerics/rope';
import { SCHEDULE_KINDS, type ScheduleKind } from '../numerics/schedules';
import type { BackendChoice } from '../protocol/compute';
import type { AlgorithmKind } from './algorithmBlockKeys';
import { BlockParamsError, type Params } from './blockParamValues';
import { localizable, type Localizable } from '../l10n/localizable';

export interface MsignBlock {
  readonly kind: 'msign';
  readonly matrixText: string;
  readonly coefficients?: MsignCoefficients;
  readonly iterations?: number;
  readonly backend?: BackendChoice;
}

export interface MatfunBlock {
  readonly kind: 'matfun';
  readonly fn: MatrixFunction;
  readonly matrixText: string;
  readonly backend?: BackendChoice;
}

export interface ScheduleBlock {
  readonly kind: 'schedule';
  readonly schedule: ScheduleKind;
  readonly steps: number;
  readonly ddim?: number;
  readonly backend?: BackendChoice;
}

export interface RopeBlock {
  readonly kind: 'rope';
  readonly dim: number;
  readonly base: number;
  readonly scale?: number;
  readonly method?: RopeMethod;
  /** The context length trained on (YaRN's ramp and the plots' marker); default 4096. */
  readonly trained?: number;
  readonly backend?: BackendChoice;
}

export interface ArgmaxBlock {
  readonly kind: 'argmax';
  /** W as written (one class a row), or a random W of n classes in d dimensions. */
  readonly matrixText?: string;
  readonly random?: { readonly n: number; readonly d: number };
  readonly seed?: number;
  readonly backend?: BackendChoice;
}

export type AlgorithmBlock = MsignBlock | MatfunBlock | ScheduleBlock | RopeBlock | ArgmaxBlock;

function needsMatrix(kind: string, body: string): string {
  if (body === '') throw new BlockParamsError(localizable('a {0} block needs a matrix on the lines after "{0}" (LaTeX pmatrix, JSON [[1,2],[3,4]], CSV or a Markdown table)', kind));
  return body;
}

function noBody(kind: string, body: string): void {
  if (body !== '') throw new BlockParamsError(localizable('a {0} block takes its parameters on the first line only; remove the lines after it', kind));
}

/** "N,D" as two whole numbers ≥ 1. */
export function parseShape(text: string, what: string): { readonly n: number; readonly d: number } {
  const m = /^\s*(\d+)\s*[,x×]\s*(\d+)\s*$/.exec(text);
  if (!m) throw new BlockParamsError(localizable('{0}={1} must be two whole numbers N,D (classes, dimensions), e.g. 100,3', what, text));
  const n = Number(m[1]), d = Number(m[2]);
  if (n < 2 || d < 1) throw new BlockParamsError(localizable('{0}={1}: need at least 2 classes and 1 dimension', what, text));
  return { n, d };
}

/**
 * The algorithms with no GPU path (closed-form tables, linear programs), and why: a block that asks for
 * the GPU is refused with the reason; the backend setting `gpu` does not apply to them (backendFor).
 */
export const CPU_ONLY_REASONS: Partial<Record<AlgorithmKind, Localizable>> = {
  schedule: localizable('closed-form tables, no matrix products'),
  rope: localizable('closed-form tables, no matrix products'),
  argmax: localizable('one linear program per class, solved by HiGHS'),
};

/**
 * The backend a job of `kind` asks for: the block's own, else the setting's — but never the GPU for an
 * algorithm that has no GPU path (it would only be refused): those run on the CPU whatever the setting.
 */
export function backendFor(kind: AlgorithmKind, fromBlock: BackendChoice | undefined, fromSetting: BackendChoice): BackendChoice {
  if (fromBlock !== undefined) return fromBlock;
  return fromSetting === 'gpu' && CPU_ONLY_REASONS[kind] ? 'cpu' : fromSetting;
}

export function algorithmBlock(kind: AlgorithmKind, params: Params, body: string): AlgorithmBlock {
  const backend = params.backend();
  const cpuOnly = CPU_ONLY_REASONS[kind];
  if (backend === 'gpu' && cpuOnly) throw new BlockParamsError(localizable('{0} runs on the CPU only ({1}): remove backend=gpu', kind, cpuOnly));
  switch (kind) {
    case 'msign':
      return { kind, matrixText: needsMatrix(kind, body), coefficients: params.oneOf('coefficients', MSIGN_COEFFICIENTS), iterations: params.wholeNumber('iterations', 0), backend };
    case 'matfun': {
      const fn = params.oneOf('fn', MATRIX_FUNCTIONS);
      if (fn === undefined) throw new BlockParamsError(localizable('matfun needs fn=sqrt or fn=invsqrt'));
      return { kind, fn, matrixText: needsMatrix(kind, body), backend };
    }
    case 'schedule': {
      noBody(kind, body);
      const schedule = params.oneOf('kind', SCHEDULE_KINDS) ?? 'linear';
      const steps = params.wholeNumber('steps', 1) ?? 1000;
      const ddim = params.wholeNumber('ddim', 1);
      if (ddim !== undefined && ddim > steps) throw new BlockParamsError(localizable('ddim={0} must be at most steps={1} (DDIM takes a sub-sequence of the T steps)', ddim, steps));
      return { kind, schedule, steps, ddim, backend };
    }
    case 'rope': {
      noBody(kind, body);
      const dim = params.wholeNumber('dim', 2) ?? 128;
      if (dim % 2 !== 0) throw new BlockParamsError(localizable('dim={0} must be even: RoPE rotates pairs of dimensions', dim));
      const base = params.positive('base') ?? 10000;
      if (base <= 1) throw new BlockParamsError(localizable('base={0} must be greater than 1', base));
      const scale = params.positive('scale');
      if (scale !== undefined && scale < 1) throw new BlockParamsError(localizable('scale={0} must be at least 1 (the factor the context is extended by)', scale));
      return { kind, dim, base, scale, method: params.oneOf('method', ROPE_METHODS), trained: params.wholeNumber('trained', 2), backend };
    }
    case 'argmax': {
      const random = params.text('random');
      if ((random === undefined) === (body === '')) throw new BlockParamsError(localizable('an argmax block takes either random=N,D or a matrix W (one class a row) on the lines after, not both'));
      return { kind, ...(random !== undefined ? { random: parseShape(random, 'random') } : { matrixText: body }), seed: params.wholeNumber('seed', 0), backend };
    }
  }
}
