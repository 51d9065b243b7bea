// The other routes to A⁺ that the post 低秩近似之路(一) discusses, kept for comparison with the SVD:
// the eigen-decomposition of AᵀA, the ε-limit (AᵀA + εI)⁻¹Aᵀ and the Newton–Schulz iteration.
import { solve } from './linearSolve';
import { type Matrix, add, frobeniusNorm, identity, multiply, multiplyTransposeA, norm1, normInf, scale, subtract, transpose } from './matrix';
import { pinv } from './pinv';
import { symmetricEigen } from './symmetricEigen';

export interface EigenRouteResult {
  readonly pinv: Matrix;
  readonly rank: number;
  /** Eigenvalues of AᵀA, descending (they are σ², so half the digits of σ are gone for small σ). */
  readonly eigenvalues: Float64Array;
}

/** A⁺ = U Λ⁺ Uᵀ Aᵀ with AᵀA = U Λ Uᵀ; eigenvalues ≤ max(m,n)·ε·λ_max count as zero. */
export function pinvByEigen(a: Matrix, checkpoint?: () => void): EigenRouteResult {
  const gram = multiplyTransposeA(a, a);
  const { values, vectors } = symmetricEigen(gram, checkpoint);
  const n = a.cols;
  const cutoff = Math.max(a.rows, a.cols) * 2 ** -52 * Math.max(values[0] ?? 0, 0);
  let rank = 0;
  while (rank < n && values[rank] > cutoff) rank++;
  // U_r Λ_r⁻¹ U_rᵀ Aᵀ
  const scaledT = { rows: rank, cols: n, data: new Float64Array(rank * n) };
  for (let k = 0; k < rank; k++) for (let i = 0; i < n; i++) scaledT.data[k * n + i] = vectors.data[i * n + k] / values[k];
  const uR = { rows: n, cols: rank, data: new Float64Array(n * rank) };
  for (let i = 0; i < n; i++) for (let k = 0; k < rank; k++) uR.data[i * rank + k] = vectors.data[i * n + k];
  const x = multiply(multiply(uR, scaledT), transpose(a));
  return { pinv: x, rank, eigenvalues: values };
}

export interface EpsilonStep {
  readonly epsilon: number;
  /** ‖X_ε − A⁺‖_F / ‖A⁺‖_F against the SVD pseudo-inverse. */
  readonly relativeError: number;
}

export const DEFAULT_EPSILONS: readonly number[] = [1e-1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12];

/** X_ε = (AᵀA + εI)⁻¹Aᵀ for each ε, showing X_ε → A⁺ (until rounding in AᵀA takes over). */
export function pinvEpsilonLimit(a: Matrix, epsilons: readonly number[] = DEFAULT_EPSILONS): EpsilonStep[] {
  const reference = pinv(a).pinv;
  const refNorm = frobeniusNorm(reference) || 1;
  const gram = multiplyTransposeA(a, a);
  const at = transpose(a);
  return epsilons.map((epsilon) => {
    if (!(epsilon > 0)) throw new Error(`ε must be > 0, got ${epsilon}`);
    const x = solve(add(gram, identity(a.cols), epsilon), at);
    return { epsilon, relativeError: frobeniusNorm(subtract(x, reference)) / refNorm };
  });
}

export interface NewtonSchulzResult {
  readonly pinv: Matrix;
  readonly iterations: number;
  /** ‖AXA − A‖_F / ‖A‖_F after each accepted iteration (index 0: X₀). */
  readonly residuals: number[];
  /** Why it stopped. */
  readonly stop: 'converged' | 'stalled' | 'maxIterations';
}

export interface NewtonSchulzOptions {
  readonly maxIterations?: number;
  /** Stop once the relative residual is below this. */
  readonly tolerance?: number;
  readonly checkpoint?: () => void;
}

export function newtonSchulzStart(a: Matrix): Matrix {
  const alpha = norm1(a) * normInf(a);
  return alpha === 0 ? transpose(a) : scale(transpose(a), 1 / alpha);
}

/**
 * X_{k+1} = X_k(2I − A X_k) from X₀ = Aᵀ/(‖A‖₁‖A‖∞), or from a given X₀ (refinement of a GPU f32 result).
 * The stopping rule matters: on rank-deficient A the error in the null space grows after convergence,
 * so the iteration stops — keeping the best X — as soon as the residual stops decreasing.
 */
export function newtonSchulz(a: Matrix, options: NewtonSchulzOptions & { start?: Matrix } = {}): NewtonSchulzResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 4 * 2 ** -52;
  const aNorm = frobeniusNorm(a) || 1;
  const residual = (x: Matrix) => frobeniusNorm(subtract(multiply(multiply(a, x), a), a)) / aNorm;
  let x = options.start ?? newtonSchulzStart(a);
  let r = residual(x);
  const residuals = [r];
  let stop: NewtonSchulzResult['stop'] = 'maxIterations';
  let iterations = 0;
  for (let k = 0; k < maxIterations; k++) {
    if (r <= tolerance) {
      stop = 'converged';
      break;
    }
    options.checkpoint?.();
    const next = newtonSchulzStep(a, x);
    const rNext = residual(next);
    if (!(rNext < r)) {
      stop = 'stalled';
      break;
    }
    x = next;
    r = rNext;
    residuals.push(r);
    iterations++;
  }
  return { pinv: x, iterations, residuals, stop };
}

/** One step, multiplying through the smaller of A·X (m×m) and X·A (n×n). */
export function newtonSchulzStep(a: Matrix, x: Matrix): Matrix {
  if (a.cols <= a.rows) {
    const xa = multiply(x, a);
    return subtract(scale(x, 2), multiply(xa, x));
  }
  const ax = multiply(a, x);
  return subtract(scale(x, 2), multiply(x, ax));
}
