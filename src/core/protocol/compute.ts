// The typed contract between a compute client (extension host, CLI) and the compute helper process.
// Types only. Messages travel over Node IPC with `serialization: 'advanced'`, so Float64Array survives.
import type { ComplexValue } from '../compute/eigenvalues';
import type { ApproximationMeasure, ChannelErrors, WorstChannel } from '../numerics/approximate';
import type { Discretization } from '../numerics/discretize';
import type { HippoMeasure } from '../numerics/hippo';
import type { Matrix } from '../numerics/matrix';
import type { PenroseResiduals, PinvTolerance } from '../numerics/pinv';
import type { BackendChoice, BackendKind } from './backend';
import type { ArgmaxRequest, ArgmaxResult, MatfunRequest, MatfunResult, MsignRequest, MsignResult, RopeRequest, RopeResult, ScheduleRequest, ScheduleResult } from './algorithms';
import type { Localizable } from '../l10n/localizable';

export type { BackendChoice, BackendKind } from './backend';

export interface AdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  readonly isFallbackAdapter: boolean;
}

export interface Timings {
  /** Wall time inside the helper for the whole job, excluding process start and IPC. */
  readonly totalMs: number;
  /** Named phases, e.g. { svd: 12.3, refine: 1.2 }. */
  readonly phases: Readonly<Record<string, number>>;
}

// ── requests ────────────────────────────────────────────────────────────────────────────────────

export interface PinvRequest {
  readonly type: 'pinv';
  readonly id: number;
  readonly matrix: Matrix;
  readonly backend: BackendChoice;
  readonly tolerance?: PinvTolerance;
  /** Cells as exact rationals ("1/3"), for the rational pseudo-inverse (≤ 8×8). */
  readonly exactCells?: readonly (readonly string[])[];
  /** Also run the post's other routes for comparison (CPU). */
  readonly routes?: readonly ('eigen' | 'epsilon' | 'newtonSchulz')[];
}

export interface HippoDiscretization {
  readonly method: Discretization;
  readonly dt: number;
  /**
   * LegS only: the time-varying system (A/t, B/t) at t = k·Δ, giving Ā_k, B̄_k (Δ cancels: A/t·Δ = A/k).
   * No kernel then: Ā changes every step. Absent: the time-invariant (A, B), as S4 discretises it.
   */
  readonly step?: number;
}

export interface HippoRequest {
  readonly type: 'hippo';
  readonly id: number;
  readonly measure: HippoMeasure;
  readonly n: number;
  readonly discretization?: HippoDiscretization;
  /** Kernel length L (needs a discretization, and not a time-varying step). */
  readonly kernelLength?: number;
  /** C for the kernel; default all ones. */
  readonly c?: Float64Array;
  readonly backend: BackendChoice;
}

export interface ApproximateRequest {
  readonly type: 'approximate';
  readonly id: number;
  readonly measure: ApproximationMeasure;
  readonly n: number;
  /** `channels` signals of equal length, one after the other. */
  readonly signal: Float64Array;
  /** Signals run side by side through the same recurrence; default 1. */
  readonly channels?: number;
  readonly dt: number;
  readonly window?: number;
  readonly method?: Discretization;
  readonly backend: BackendChoice;
}

export interface CancelRequest {
  readonly type: 'cancel';
  readonly id: number;
  /** The id of the job to stop. */
  readonly target: number;
}

export interface InfoRequest {
  readonly type: 'info';
  readonly id: number;
}

export type ComputeRequest = JobRequest | CancelRequest | InfoRequest;
export type JobRequest = PinvRequest | HippoRequest | ApproximateRequest | MsignRequest | MatfunRequest | ScheduleRequest | RopeRequest | ArgmaxRequest;

// ── responses ───────────────────────────────────────────────────────────────────────────────────

interface ResultBase {
  readonly id: number;
  readonly backend: BackendKind;
  /** The GPU adapter used, or null on the CPU. */
  readonly adapter: AdapterSummary | null;
  readonly timings: Timings;
  /** Things the user should know (fallbacks, device loss, precision). */
  readonly notes: readonly ComputeNote[];
}

/**
 * A note under a result: English with {0}-style places and what fills them (core/l10n/localizable.ts),
 * shown in the reader's language by the host (translatedAll), in English by the CLI (englishText).
 */
export type ComputeNote = Localizable;

export interface RouteReport {
  readonly route: 'eigen' | 'epsilon' | 'newtonSchulz';
  /** ‖X_route − A⁺‖_F / ‖A⁺‖_F against the SVD result. */
  readonly relativeError: number;
  /** One line in English, for the CLI. */
  readonly detail: string;
  /** eigen: the rank the route found. */
  readonly rank?: number;
  readonly epsilonSteps?: readonly { readonly epsilon: number; readonly relativeError: number }[];
  /** newtonSchulz: ‖AXA − A‖_F/‖A‖_F per iteration, how many ran and why it stopped. */
  readonly residualHistory?: readonly number[];
  readonly iterations?: number;
  readonly stop?: 'converged' | 'stalled' | 'maxIterations';
}

export interface PinvResponse extends ResultBase {
  readonly type: 'pinvResult';
  readonly rank: number;
  readonly singularValues: Float64Array;
  readonly cutoff: number;
  /** When present, singularValues and cutoff are given ÷ 2^this (σ₁ is beyond the double range). */
  readonly singularValueExponent?: number;
  readonly pinv: Matrix;
  readonly residuals: PenroseResiduals;
  /** The rational pseudo-inverse, with its Penrose residuals in exact arithmetic (0 when each condition holds exactly). */
  readonly exact?: { readonly rank: number; readonly pinv: string[][]; readonly residuals?: PenroseResiduals };
  readonly routes?: readonly RouteReport[];
}

export interface HippoResponse extends ResultBase {
  readonly type: 'hippoResult';
  readonly convention: string;
  readonly a: Matrix;
  readonly b: Float64Array;
  readonly aBar?: Matrix;
  readonly bBar?: Float64Array;
  /** The time-varying LegS step k that Ā, B̄ belong to, when one was asked for. */
  readonly step?: number;
  readonly kernel?: Float64Array;
  /** A's eigenvalues for the presentation, computed in the helper (absent for a full A over N = 256). */
  readonly eigenvalues?: readonly ComplexValue[];
}

export interface ApproximateResponse extends ResultBase {
  readonly type: 'approximateResult';
  readonly times: Float64Array;
  readonly signal: Float64Array;
  readonly reconstruction: Float64Array;
  readonly coefficients: Float64Array;
  readonly maxError: number;
  readonly rmsError: number;
  /** Channels run; times, signal, reconstruction, coefficients and the two errors above are channel 1's. */
  readonly channels: number;
  /** Every channel's errors, when channels > 1. */
  readonly channelErrors?: ChannelErrors;
  /** The worst channel's signal and reconstruction, when it is not channel 1. */
  readonly worst?: WorstChannel;
}

export interface InfoResponse {
  readonly type: 'infoResult';
  readonly id: number;
  readonly gpu: { readonly available: boolean; readonly adapter: AdapterSummary | null; readonly reason?: Localizable };
  readonly runningJobs: readonly number[];
}

export type ComputeErrorCode = 'cancelled' | 'invalid' | 'limit' | 'noAdapter' | 'unsupported' | 'deviceLost' | 'timeout' | 'helperExited' | 'internal';

export interface ErrorResponse {
  readonly type: 'error';
  readonly id: number;
  readonly code: ComputeErrorCode;
  /** In English, as the CLI prints it. */
  readonly message: string;
  /** The same, in words the extension shows in the reader's language. */
  readonly words: Localizable;
}

export interface MsignResponse extends ResultBase, MsignResult {}
export interface MatfunResponse extends ResultBase, MatfunResult {}
export interface ScheduleResponse extends ResultBase, ScheduleResult {}
export interface RopeResponse extends ResultBase, RopeResult {}
export interface ArgmaxResponse extends ResultBase, ArgmaxResult {}

export type JobResponse = PinvResponse | HippoResponse | ApproximateResponse | MsignResponse | MatfunResponse | ScheduleResponse | RopeResponse | ArgmaxResponse;
export type ComputeResponse = JobResponse | InfoResponse | ErrorResponse;

/** The response type each request gets on success. */
export interface ResponseFor {
  pinv: PinvResponse;
  hippo: HippoResponse;
  approximate: ApproximateResponse;
  msign: MsignResponse;
  matfun: MatfunResponse;
  schedule: ScheduleResponse;
  rope: RopeResponse;
  argmax: ArgmaxResponse;
  info: InfoResponse;
}

/** Requests as a caller writes them (the client assigns ids). */
export type Unidentified<T> = T extends unknown ? Omit<T, 'id'> : never;

export function isComputeResponse(value: unknown): value is ComputeResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.id === 'number' && typeof v.type === 'string' && ['pinvResult', 'hippoResult', 'approximateResult', 'msignResult', 'matfunResult', 'scheduleResult', 'ropeResult', 'argmaxResult', 'infoResult', 'error'].includes(v.type);
}

export function isComputeRequest(value: unknown): value is ComputeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.id === 'number' && typeof v.type === 'string' && ['pinv', 'hippo', 'approximate', 'msign', 'matfun', 'schedule', 'rope', 'argmax', 'cancel', 'info'].includes(v.type);
}
