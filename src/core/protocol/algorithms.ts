// Requests and responses of the algorithms added after the pseudo-inverse and HiPPO (msign and matrix
// functions, diffusion schedules, RoPE, unargmaxable classes). Types only; compute.ts puts them in its unions.
import type { Matrix } from '../numerics/matrix';
import type { MatrixFunction } from '../numerics/matrixFunctions';
import type { MsignCoefficients } from '../numerics/msign';
import type { RopeMethod } from '../numerics/rope';
import type { DdimStep, ScheduleKind } from '../numerics/schedules';
import type { BackendChoice } from './backend';

export interface MsignRequest {
  readonly type: 'msign';
  readonly id: number;
  readonly matrix: Matrix;
  readonly coefficients: MsignCoefficients;
  /** Exactly this many steps; absent: the cubic runs until converged, Muon's quintic 5. */
  readonly iterations?: number;
  readonly backend: BackendChoice;
}

export interface MatfunRequest {
  readonly type: 'matfun';
  readonly id: number;
  readonly fn: MatrixFunction;
  /** Symmetric positive definite. */
  readonly matrix: Matrix;
  readonly backend: BackendChoice;
}

export interface MsignResult {
  readonly type: 'msignResult';
  readonly coefficients: MsignCoefficients;
  readonly msign: Matrix;
  readonly iterations: number;
  /** ‖X_k − U Vᵀ‖_F / ‖U Vᵀ‖_F, k = 0 … iterations (then the f64 refinement's steps on the GPU). */
  readonly errors: Float64Array;
  /** σ of M, descending, and where the iteration left each of them (σ of the result). */
  readonly singularValues: Float64Array;
  readonly finalSingularValues: Float64Array;
  readonly rank: number;
  readonly converged: boolean;
}

export interface MatfunResult {
  readonly type: 'matfunResult';
  readonly fn: MatrixFunction;
  readonly value: Matrix;
  readonly iterations: number;
  /** ‖I − Z_k·Y_k‖_F / √n per coupled Newton–Schulz iteration (→ 0 once every eigenvalue has converged). */
  readonly residuals: Float64Array;
  /** Eigenvalues of A (descending) and ‖F − V f(Λ) Vᵀ‖_F/‖V f(Λ) Vᵀ‖_F, up to MAX_EIGEN_COMPARISON. */
  readonly eigenvalues?: Float64Array;
  readonly errorVsEigen?: number;
}

/** The Jacobi eigendecomposition that checks matfun is O(n³) per sweep: compared up to this size. */
export const MAX_EIGEN_COMPARISON = 256;

export interface ScheduleRequest {
  readonly type: 'schedule';
  readonly id: number;
  readonly kind: ScheduleKind;
  readonly steps: number;
  /** DDIM's S of the T steps. */
  readonly ddim?: number;
  readonly backend: BackendChoice;
}

export interface ScheduleResult {
  readonly type: 'scheduleResult';
  readonly kind: ScheduleKind;
  readonly beta: Float64Array;
  readonly alphaBar: Float64Array;
  readonly snr: Float64Array;
  readonly ddim?: readonly DdimStep[];
}

export interface RopeRequest {
  readonly type: 'rope';
  readonly id: number;
  readonly dim: number;
  readonly base: number;
  /** Context extension by κ = scale with `method` (default ntk when a scale is given). */
  readonly scale?: number;
  readonly method?: RopeMethod;
  /** The trained context length L (YaRN's ramp; the plots run to κ·L); default 4096. */
  readonly trainedLength?: number;
  readonly backend: BackendChoice;
}

export interface RopeResult {
  readonly type: 'ropeResult';
  readonly dim: number;
  readonly base: number;
  readonly trainedLength: number;
  readonly theta: Float64Array;
  /** The β-base view: RoPE writes a position as a base-β numeral, β = b^(2/d). */
  readonly beta: number;
  readonly extension?: {
    readonly method: RopeMethod;
    readonly scale: number;
    readonly theta: Float64Array;
    /** The base b' (ntk) and β' = b'^(2/d); for pi and yarn the base that gives the lowest frequency. */
    readonly base: number;
    readonly beta: number;
    readonly ramp?: Float64Array;
    readonly attentionFactor?: number;
  };
  /** Distances m and the post's decay curve (1/(d/2)) Σ|S_j| at each, for θ and for the extended θ'. */
  readonly distances: Float64Array;
  readonly decay: Float64Array;
  readonly decayExtended?: Float64Array;
}

export const DEFAULT_TRAINED_LENGTH = 4096;

export interface ArgmaxRequest {
  readonly type: 'argmax';
  readonly id: number;
  /** W: one class a row (n×d). */
  readonly matrix: Matrix;
  readonly backend: BackendChoice;
}

export interface ArgmaxResult {
  readonly type: 'argmaxResult';
  readonly classes: number;
  readonly dim: number;
  /** 0-based rows that can never be the strict argmax. */
  readonly unargmaxable: readonly number[];
  /** t* of every class's LP. */
  readonly margins: Float64Array;
  /** Each argmaxable class's witness x was checked: W·x has that class as its strict argmax. */
  readonly witnessesChecked: number;
  readonly witnessFailures: readonly number[];
  /** Up to 2 dimensions: W's rows, to plot (argmaxable ones on the hull). */
  readonly points?: Matrix;
  readonly solver: string;
}
