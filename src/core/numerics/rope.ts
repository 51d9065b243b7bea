// RoPE (Transformer升级之路): the frequencies θᵢ = b^(−2i/d), the relative-position decay the post derives
// by Abel summation — |Σ hᵢ e^{i m θᵢ}| ≤ max|h_{i+1} − hᵢ| · Σ_{j=1}^{d/2} |S_j|, S_j = Σ_{i<j} e^{i m θᵢ},
// plotted as (1/(d/2)) Σ |S_j| against the distance m — and context extension by a factor κ:
//   pi    position interpolation, θᵢ' = θᵢ/κ;
//   ntk   NTK-aware scaling of the base, b' = b·κ^(d/(d−2)) (the lowest frequency becomes θ/κ);
//   yarn  YaRN's per-dimension ramp between the two, γ(r) over r = L/λᵢ rotations in the trained
//         length L (α = 1, β = 32), θᵢ' = (1 − γ)θᵢ/κ + γθᵢ, and its attention temperature 0.1·ln κ + 1;
// and the β-base view (RoPE as a base-β positional numeral, β = b^(2/d)).
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export type RopeMethod = 'pi' | 'ntk' | 'yarn';
export const ROPE_METHODS: readonly RopeMethod[] = ['pi', 'ntk', 'yarn'];
export const YARN_ALPHA = 1;
export const YARN_BETA = 32;
export const MAX_ROPE_DIM = 1 << 16;
/** Distances at which the decay bound is evaluated (evenly spread): at most this many. */
export const DECAY_POINTS = 1025;

export function ropeFrequencies(dim: number, base: number): Float64Array {
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0 || dim > MAX_ROPE_DIM) throw new WordedError(localizable('the head dimension d must be an even whole number from 2 to {0}, got {1}', MAX_ROPE_DIM, dim));
  if (!(base > 1) || !Number.isFinite(base)) throw new WordedError(localizable('the base b must be a finite number > 1, got {0}', base));
  return Float64Array.from({ length: dim / 2 }, (_, i) => base ** ((-2 * i) / dim));
}

/** The post's decay curve: (1/(d/2)) Σ_{j=1}^{d/2} |Σ_{i=0}^{j−1} e^{i m θᵢ}| at distance m. */
export function decayBound(theta: Float64Array, m: number): number {
  let re = 0, im = 0, total = 0;
  for (let i = 0; i < theta.length; i++) {
    re += Math.cos(m * theta[i]);
    im += Math.sin(m * theta[i]);
    total += Math.hypot(re, im);
  }
  return total / theta.length;
}

export const ntkBase = (base: number, dim: number, scale: number) => base * scale ** (dim / (dim - 2));

/** YaRN's ramp γ over r = L/λ rotations: 0 (interpolate fully) below α, 1 (keep θ) above β. */
export function yarnRamp(rotations: number): number {
  return Math.min(1, Math.max(0, (rotations - YARN_ALPHA) / (YARN_BETA - YARN_ALPHA)));
}

export interface RopeExtension {
  readonly method: RopeMethod;
  readonly scale: number;
  readonly theta: Float64Array;
  /** The base that gives these θ (ntk; for pi and yarn the effective base of the lowest frequency's change is not one number). */
  readonly base?: number;
  /** yarn: γᵢ per dimension pair, and the attention temperature factor 0.1·ln κ + 1. */
  readonly ramp?: Float64Array;
  readonly attentionFactor?: number;
}

export function extendRope(theta: Float64Array, dim: number, base: number, method: RopeMethod, scale: number, trainedLength: number): RopeExtension {
  if (!(scale >= 1) || !Number.isFinite(scale)) throw new WordedError(localizable('the scale κ must be a finite number ≥ 1, got {0}', scale));
  switch (method) {
    case 'pi':
      return { method, scale, theta: theta.map((t) => t / scale) };
    case 'ntk': {
      const b = ntkBase(base, dim, scale);
      return { method, scale, theta: ropeFrequencies(dim, b), base: b };
    }
    case 'yarn': {
      const ramp = theta.map((t) => yarnRamp(trainedLength / ((2 * Math.PI) / t)));
      return { method, scale, theta: theta.map((t, i) => (1 - ramp[i]) * (t / scale) + ramp[i] * t), ramp, attentionFactor: 0.1 * Math.log(scale) + 1 };
    }
  }
}

/** Every distance up to this is evaluated: the range the post plots (d = 128, m = 0 … 256). */
export const POST_DECAY_RANGE = 256;

/**
 * Integer distances 0 … maxDistance, at most DECAY_POINTS of them: every one up to the post's 256, then
 * geometrically spaced out to κ·L, where the curve only wobbles around its floor.
 */
export function decayDistances(maxDistance: number): number[] {
  const dense = Math.min(maxDistance, POST_DECAY_RANGE);
  const out = new Set<number>(Array.from({ length: dense + 1 }, (_, m) => m));
  const steps = DECAY_POINTS - dense - 2;
  if (maxDistance > dense) for (let k = 1; k <= steps; k++) out.add(Math.round(dense * (maxDistance / dense) ** (k / steps)));
  out.add(maxDistance);
  return [...out].sort((x, y) => x - y);
}
