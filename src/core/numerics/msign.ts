// msign(M) = U Vᵀ (the matrix sign, "orthogonalisation" of the Muon optimiser posts) by Newton–Schulz
// iterations on X₀ = M/‖M‖_F, compared at every step with the SVD's U Vᵀ.
// Every iterate is X_k = U p_k(Σ) Vᵀ for a scalar polynomial p_k, so iterating works on the smaller
// Gram matrix X·Xᵀ (or Xᵀ·X) and the final singular values follow from the scalar map alone.
import { type Matrix, add, frobeniusNorm, multiply, pow2Times, scale, subtract, toUnitScale, transpose, zeros } from './matrix';
import { svd } from './svd';

export type MsignCoefficients = 'cubic' | 'muon';
export const MSIGN_COEFFICIENTS: readonly MsignCoefficients[] = ['cubic', 'muon'];

/**
 * X ← aX + b(XXᵀ)X + c(XXᵀ)²X. cubic: 1.5X − 0.5XXᵀX, which converges to U Vᵀ for 0 < σ < √3.
 * muon: Keller Jordan's quintic, tuned to push small σ up fast; it does NOT converge to 1 — after a
 * few steps the singular values oscillate in about [0.7, 1.2], which Muon accepts as "orthogonal enough".
 */
export const NEWTON_SCHULZ_POLYNOMIALS: Readonly<Record<MsignCoefficients, readonly [number, number, number]>> = {
  cubic: [1.5, -0.5, 0],
  muon: [3.4445, -4.775, 2.0315],
};

/** Muon runs five steps; the cubic runs until it has converged (at most this many). */
export const DEFAULT_MSIGN_ITERATIONS: Readonly<Record<MsignCoefficients, number>> = { cubic: 100, muon: 5 };
export const MAX_MSIGN_ITERATIONS = 1000;

export interface MsignOptions {
  readonly coefficients?: MsignCoefficients;
  /** Exactly this many steps; absent: the cubic stops once converged, muon runs 5. */
  readonly iterations?: number;
  readonly checkpoint?: () => void;
}

export interface MsignReference {
  /** U_r V_rᵀ over the singular values above max(m,n)·ε·σ₁ (zero singular values map to zero). */
  readonly msign: Matrix;
  readonly singularValues: Float64Array;
  /** The singular values of 2^k·M, k = unitExponent(M) (σ₁ in [0.5, √(mn))): what the iteration sees, finite when M's own overflow. */
  readonly unitSingularValues: Float64Array;
  readonly rank: number;
}

export interface MsignResult {
  readonly msign: Matrix;
  readonly iterations: number;
  /** ‖X_k − U Vᵀ‖_F / ‖U Vᵀ‖_F for k = 0 … iterations. */
  readonly errors: number[];
  readonly reference: MsignReference;
  /** σᵢ(X_K) = p_K(σᵢ(M)/‖M‖_F), in the order of reference.singularValues: where the iteration left them. */
  readonly finalSingularValues: Float64Array;
  readonly stop: 'converged' | 'iterations';
}

/**
 * msign(M) = msign(2^k·M), so M is first scaled by the power of two that brings max|m| into [0.5, 1)
 * (exact): entries near 1e308 or 1e-310 would otherwise overflow ‖M‖_F or the products (a 2×2 of 1e308
 * came out as zeros, one of 1e-310 as NaN). The singular values are M's own again (2^−k·σ).
 */
export function msignBySvd(m: Matrix): MsignReference {
  const { unit, exponent } = toUnitScale(m);
  return msignBySvdOfUnit(unit, exponent);
}

/** The reference from M already scaled (toUnitScale's unit and exponent), its singular values given back in M's units. */
export function msignBySvdOfUnit(m: Matrix, exponent: number): MsignReference {
  const { values, uT, vT } = svd(m);
  const cutoff = Math.max(m.rows, m.cols) * 2 ** -52 * (values[0] ?? 0);
  let rank = 0;
  while (rank < values.length && values[rank] > cutoff) rank++;
  const uR: Matrix = { rows: rank, cols: m.rows, data: uT.data.subarray(0, rank * m.rows) };
  const vR: Matrix = { rows: rank, cols: m.cols, data: vT.data.subarray(0, rank * m.cols) };
  const singularValues = exponent === 0 ? values : values.map((v) => pow2Times(v, -exponent));
  return { msign: rank === 0 ? zeros(m.rows, m.cols) : multiply(transpose(uR), vR), singularValues, unitSingularValues: values, rank };
}

/** One step X ← aX + b·G·X + c·G²·X with G = X·Xᵀ, for X with rows ≤ cols (G is the smaller Gram matrix). */
export function newtonSchulzSignStep(x: Matrix, [a, b, c]: readonly [number, number, number]): Matrix {
  const g = multiply(x, transpose(x));
  const poly = c === 0 ? scale(g, b) : add(scale(multiply(g, g), c), g, b);
  return add(multiply(poly, x), x, a);
}

export function relativeError(x: Matrix, reference: Matrix): number {
  return frobeniusNorm(subtract(x, reference)) / (frobeniusNorm(reference) || 1);
}

/** The scalar map p applied k times: where a singular value σ of X₀ ends up. */
export function iterateScalar(sigma: number, coefficients: readonly [number, number, number], k: number): number {
  const [a, b, c] = coefficients;
  let s = sigma;
  for (let i = 0; i < k; i++) {
    const s2 = s * s;
    s = s * (a + b * s2 + c * s2 * s2);
  }
  return s;
}

/**
 * Newton–Schulz from X₀ = M/‖M‖_F (all σ ≤ 1; M scaled by a power of two first, see msignBySvd).
 * Without a fixed count the cubic stops when a step changes X by less than 8ε·‖X‖_F (quadratic
 * convergence makes the next step a no-op) or stops shrinking — but not before the scalar map says
 * every kept singular value has climbed to within 1e-3 of 1 (climbStepsOf): a small σ grows only ×1.5
 * a step, and while it climbs each step changes X by tiny, growing amounts that read as "converged"
 * (diag(3, 1e-12) stopped after 2 steps with error 0.71).
 * `start` continues from a given iterate (an f32 GPU result finished in f64: the f32 phase's rounding, ≈ κ·1e-7, stays).
 */
export function msign(m: Matrix, options: MsignOptions & { readonly start?: Matrix; readonly reference?: MsignReference } = {}): MsignResult {
  const coefficients = options.coefficients ?? 'cubic';
  const poly = NEWTON_SCHULZ_POLYNOMIALS[coefficients];
  const fixed = options.iterations;
  const maxIterations = fixed ?? DEFAULT_MSIGN_ITERATIONS[coefficients];
  const { unit, exponent } = toUnitScale(m);
  const reference = options.reference ?? msignBySvdOfUnit(unit, exponent);
  const norm = frobeniusNorm(unit);
  const wide = unit.rows <= unit.cols;
  const orient = (x: Matrix) => (wide ? x : transpose(x));
  const ref = orient(reference.msign);
  let x = options.start ? orient(options.start) : orient(norm === 0 ? unit : scale(unit, 1 / norm));
  const errors = [relativeError(x, ref)];
  let iterations = 0;
  let stop: MsignResult['stop'] = 'iterations';
  let lastChange = Infinity;
  const scaled = reference.unitSingularValues.map((s) => (norm === 0 ? 0 : s / norm));
  const climbing = options.start || fixed !== undefined ? 0 : climbStepsOf(scaled.subarray(0, reference.rank), poly, maxIterations);
  while (iterations < maxIterations) {
    options.checkpoint?.();
    const next = newtonSchulzSignStep(x, poly);
    const change = frobeniusNorm(subtract(next, x));
    x = next;
    iterations++;
    errors.push(relativeError(x, ref));
    const settled = change <= 8 * 2 ** -52 * (frobeniusNorm(x) || 1) || (change >= lastChange && change < 1e-8);
    if (fixed === undefined && coefficients === 'cubic' && iterations >= climbing && settled) {
      stop = 'converged';
      break;
    }
    lastChange = change;
  }
  return {
    msign: orient(x),
    iterations,
    errors,
    reference,
    finalSingularValues: options.start ? new Float64Array(0) : scaled.map((s) => iterateScalar(s, poly, iterations)),
    stop,
  };
}

/** Steps of the scalar map until every one of `values` (in (0, 1]) is within 1e-3 of 1; at most `max`. */
export function climbStepsOf(values: Float64Array, coefficients: readonly [number, number, number], max: number): number {
  const s = Float64Array.from(values);
  const [a, b, c] = coefficients;
  for (let k = 0; k < max; k++) {
    if (s.every((v) => Math.abs(v - 1) <= 1e-3)) return k;
    for (let i = 0; i < s.length; i++) {
      const s2 = s[i] * s[i];
      s[i] = s[i] * (a + b * s2 + c * s2 * s2);
    }
  }
  return max;
}
