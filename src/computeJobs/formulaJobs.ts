// Closed-form tables on the CPU in f64: diffusion schedules and RoPE's frequencies, decay and extensions.
// Nothing here is a matrix product, so there is no GPU path (an explicit --backend gpu is refused).
import { decayBound, decayDistances, extendRope, ropeFrequencies } from '../core/numerics/rope';
import { ddimSteps, MAX_SCHEDULE_STEPS, schedule } from '../core/numerics/schedules';
import { DEFAULT_TRAINED_LENGTH, type RopeRequest, type ScheduleRequest } from '../core/protocol/algorithms';
import type { RopeResponse, ScheduleResponse } from '../core/protocol/compute';
import { ComputeError, wordsOf } from './errors';
import { localizable, type Localizable } from '../core/l10n/localizable';

const MAX_TRAINED_LENGTH = 1 << 24;

export function checkSchedule(req: ScheduleRequest): void {
  if (!Number.isInteger(req.steps) || req.steps < 1 || req.steps > MAX_SCHEDULE_STEPS) throw new ComputeError('limit', localizable('the number of steps T must be a whole number from 1 to {0}, got {1}', MAX_SCHEDULE_STEPS, req.steps));
  if (req.ddim !== undefined && (!Number.isInteger(req.ddim) || req.ddim < 1 || req.ddim > req.steps)) throw new ComputeError('invalid', localizable('DDIM takes S of the T = {0} steps: S must be a whole number from 1 to {0}, got {1}', req.steps, req.ddim));
}

export function cpuSchedule(req: ScheduleRequest): ScheduleResponse {
  checkSchedule(req);
  const t0 = performance.now();
  const s = schedule(req.kind, req.steps);
  const notes = [req.kind === 'cosine'
    ? localizable('Cosine: ᾱ from f(t) = cos²((t/T + 0.008)/1.008 · π/2), β clipped at 0.999, ᾱ recomputed as Π(1 − β) (improved-diffusion\'s code). Timesteps are 0-based.')
    : localizable('Linear: β from 1e-4 to 0.02 (DDPM). Timesteps are 0-based.')];
  return {
    type: 'scheduleResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases: {} },
    kind: req.kind, beta: s.beta, alphaBar: s.alphaBar, snr: s.snr, ddim: req.ddim !== undefined ? ddimSteps(s, req.ddim) : undefined,
  };
}

export function checkRope(req: RopeRequest): void {
  const fail = (words: Localizable) => {
    throw new ComputeError('invalid', words);
  };
  try {
    ropeFrequencies(req.dim, req.base);
  } catch (error) {
    fail(wordsOf(error));
  }
  if (req.scale !== undefined && !(req.scale >= 1 && Number.isFinite(req.scale) && req.scale <= 1e6)) fail(localizable('the scale κ must be a number from 1 to 1e6, got {0}', req.scale));
  const trained = req.trainedLength;
  if (trained !== undefined && (!Number.isInteger(trained) || trained < 2 || trained > MAX_TRAINED_LENGTH)) fail(localizable('the trained length L must be a whole number from 2 to {0}, got {1}', MAX_TRAINED_LENGTH, trained));
  if (req.method !== undefined && req.scale === undefined) fail(localizable('--method {0} extends the context by a factor: give --scale K too', req.method));
  // Every method's lowest frequency ends at the base b' = b·κ^(d/(d−2)) (NTK's new base; PI's and
  // YaRN's effective one): beyond double precision it would reach the JSON as null.
  if (req.scale !== undefined && req.dim > 2 && !Number.isFinite(req.base * req.scale ** (req.dim / (req.dim - 2)))) {
    const log10 = Math.log10(req.base) + (req.dim / (req.dim - 2)) * Math.log10(req.scale);
    fail(localizable("the extended base b' = b·κ^(d/(d−2)) would be about 1e{0}, beyond double precision (≈ 1.8e308): use a smaller base b or scale κ", Math.floor(log10)));
  }
}

export function cpuRope(req: RopeRequest): RopeResponse {
  checkRope(req);
  const t0 = performance.now();
  const { dim, base } = req;
  const trainedLength = req.trainedLength ?? DEFAULT_TRAINED_LENGTH;
  const theta = ropeFrequencies(dim, base);
  const scale = req.scale;
  const method = req.method ?? 'ntk';
  const ext = scale !== undefined ? extendRope(theta, dim, base, method, scale, trainedLength) : undefined;
  // The decay curve up to the (extended) context: the post plots 0 … 256 for d = 128.
  const distances = decayDistances(Math.round((scale ?? 1) * trainedLength));
  const lowest = (t: Float64Array) => t[t.length - 1];
  // The base whose b^(−(d−2)/d) is the lowest frequency: for ntk exactly b'; for pi and yarn, what the lowest dimension sees.
  const effectiveBase = (t: Float64Array) => lowest(t) ** (-dim / (dim - 2));
  const notes = [localizable('β-base view: position n is written in base β = b^(2/d) = {0}; θᵢ = β^(−i).', (base ** (2 / dim)).toPrecision(6))];
  if (dim === 2) notes.push(localizable('With d = 2 there is one frequency, θ₀ = 1: no base to scale.'));
  return {
    type: 'ropeResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases: {} },
    dim, base, trainedLength, theta, beta: base ** (2 / dim),
    extension: ext && {
      method: ext.method, scale: ext.scale, theta: ext.theta,
      base: ext.base ?? (dim > 2 ? effectiveBase(ext.theta) : base),
      beta: (ext.base ?? (dim > 2 ? effectiveBase(ext.theta) : base)) ** (2 / dim),
      ramp: ext.ramp, attentionFactor: ext.attentionFactor,
    },
    distances: Float64Array.from(distances),
    decay: Float64Array.from(distances, (m) => decayBound(theta, m)),
    decayExtended: ext ? Float64Array.from(distances, (m) => decayBound(ext.theta, m)) : undefined,
  };
}
