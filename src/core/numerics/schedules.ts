// Diffusion noise schedules (生成扩散模型漫谈): DDPM's linear β_t and Nichol & Dhariwal's cosine ᾱ_t, the
// signal-to-noise ratio, and DDIM's sub-sequence of S of the T steps. Timesteps are 0-based, as in the
// reference code (betas[0] is the first step's β).
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export type ScheduleKind = 'linear' | 'cosine';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['linear', 'cosine'];

/** DDPM (Ho et al. 2020): β from 1e-4 to 0.02 over T steps (their T = 1000). */
export const LINEAR_BETA_START = 1e-4;
export const LINEAR_BETA_END = 0.02;
/** Improved DDPM (Nichol & Dhariwal 2021): the offset s and the clip that keeps β_T < 1. */
export const COSINE_OFFSET = 0.008;
export const COSINE_MAX_BETA = 0.999;
export const MAX_SCHEDULE_STEPS = 1 << 20;

export interface Schedule {
  readonly kind: ScheduleKind;
  readonly beta: Float64Array;
  /** ᾱ_t = Π_{s ≤ t} (1 − β_s). */
  readonly alphaBar: Float64Array;
  /** SNR_t = ᾱ_t / (1 − ᾱ_t). */
  readonly snr: Float64Array;
}

export function betas(kind: ScheduleKind, steps: number): Float64Array {
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_SCHEDULE_STEPS) throw new WordedError(localizable('the number of steps T must be a whole number from 1 to {0}, got {1}', MAX_SCHEDULE_STEPS, steps));
  const beta = new Float64Array(steps);
  if (kind === 'linear') {
    // numpy.linspace(start, end, T): the last value is exactly `end`.
    for (let t = 0; t < steps; t++) beta[t] = steps === 1 ? LINEAR_BETA_START : LINEAR_BETA_START + ((LINEAR_BETA_END - LINEAR_BETA_START) * t) / (steps - 1);
    return beta;
  }
  // improved-diffusion's betas_for_alpha_bar: β_t = min(1 − f((t+1)/T)/f(t/T), 0.999).
  const f = (u: number) => Math.cos(((u + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2)) ** 2;
  for (let t = 0; t < steps; t++) beta[t] = Math.min(1 - f((t + 1) / steps) / f(t / steps), COSINE_MAX_BETA);
  return beta;
}

export function schedule(kind: ScheduleKind, steps: number): Schedule {
  const beta = betas(kind, steps);
  const alphaBar = new Float64Array(steps);
  let product = 1;
  for (let t = 0; t < steps; t++) alphaBar[t] = product *= 1 - beta[t];
  return { kind, beta, alphaBar, snr: alphaBar.map((a) => a / (1 - a)) };
}

export interface DdimStep {
  /** The timestep τ_i (0-based) of the T-step schedule. */
  readonly t: number;
  readonly alphaBar: number;
  /** ᾱ at the step it jumps to (1 before the first). */
  readonly alphaBarPrev: number;
  /** σ for η = 1, √((1 − ᾱ_prev)/(1 − ᾱ)·(1 − ᾱ/ᾱ_prev)) (DDPM-like); η = 0 (DDIM proper) has σ = 0. */
  readonly sigmaEta1: number;
}

/** τ_i = i·⌊T/S⌋, i = 0 … S−1 (DDIM's uniform skip; exactly S steps), each with the values of its update. */
export function ddimSteps(s: Schedule, count: number): DdimStep[] {
  const steps = s.alphaBar.length;
  if (!Number.isInteger(count) || count < 1 || count > steps) throw new WordedError(localizable('DDIM takes S of the T = {0} steps: S must be a whole number from 1 to {0}, got {1}', steps, count));
  const stride = Math.floor(steps / count);
  const out: DdimStep[] = [];
  for (let i = 0; i < count; i++) {
    const t = i * stride;
    const alphaBar = s.alphaBar[t];
    const alphaBarPrev = i === 0 ? 1 : s.alphaBar[(i - 1) * stride];
    const sigmaEta1 = Math.sqrt(Math.max(0, ((1 - alphaBarPrev) / (1 - alphaBar)) * (1 - alphaBar / alphaBarPrev)));
    out.push({ t, alphaBar, alphaBarPrev, sigmaEta1 });
  }
  return out;
}
