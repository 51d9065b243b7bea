// The matrix square root and inverse square root of a symmetric positive definite A by the coupled
// Newton–Schulz iteration (Higham, Functions of Matrices, §6.7: no inverses, only products):
//   Y₀ = A/c, Z₀ = I, T = ½(3I − Z_k Y_k), Y_{k+1} = Y_k T, Z_{k+1} = T Z_k  →  Y → (A/c)^½, Z → (A/c)^−½,
// with c = ‖A‖_F ≥ λ_max so every eigenvalue of A/c lies in (0, 1], where the iteration converges.
// The reference is the eigendecomposition A = V Λ Vᵀ.
import { type Matrix, add, clone, frobeniusNorm, identity, multiply, scale, subtract, transpose } from './matrix';
import { symmetricEigen } from './symmetricEigen';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export type MatrixFunction = 'sqrt' | 'invsqrt';
export const MATRIX_FUNCTIONS: readonly MatrixFunction[] = ['sqrt', 'invsqrt'];
export const DEFAULT_MATFUN_ITERATIONS = 100;

export class NotPositiveDefiniteError extends WordedError {
  override readonly name = 'NotPositiveDefiniteError';
}

/** Throws NotPositiveDefiniteError saying what is wrong (shape, asymmetry, a non-positive pivot). */
export function checkSymmetricPositiveDefinite(a: Matrix): void {
  const n = a.rows;
  if (n !== a.cols) throw new NotPositiveDefiniteError(localizable('the matrix must be square, got {0}×{1}', a.rows, a.cols));
  const tolerance = 1e-12 * (frobeniusNorm(a) || 1);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(a.data[i * n + j] - a.data[j * n + i]);
      if (d > tolerance) throw new NotPositiveDefiniteError(localizable('the matrix is not symmetric: entries ({0},{1}) and ({1},{0}) differ by {2}', i + 1, j + 1, d.toPrecision(3)));
    }
  }
  // Cholesky: a pivot ≤ 0 means an eigenvalue ≤ 0 (to rounding), so no real (inverse) square root.
  const l = clone(a).data;
  for (let j = 0; j < n; j++) {
    let d = l[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) throw new NotPositiveDefiniteError(localizable('the matrix is not positive definite (Cholesky pivot {0} is {1}): the square root needs every eigenvalue > 0', j + 1, d.toPrecision(3)));
    const djj = Math.sqrt(d);
    l[j * n + j] = djj;
    for (let i = j + 1; i < n; i++) {
      let s = l[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / djj;
    }
  }
}

export interface MatrixFunctionResult {
  readonly sqrt: Matrix;
  readonly invsqrt: Matrix;
  readonly iterations: number;
  /** ‖Y_k² − A/c‖_F / ‖A/c‖_F per iteration (k = 0 …): what the iteration can see without a reference. */
  readonly residuals: number[];
}

/**
 * `start` continues from a given (Y, Z) of A/c — an f32 GPU iterate, finished in f64: the iteration only
 * sharpens what it is given, so the f32 phase's rounding (≈ κ·1e-7) stays in the answer.
 */
export function coupledNewtonSchulz(a: Matrix, options: { readonly maxIterations?: number; readonly checkpoint?: () => void; readonly start?: { readonly y: Matrix; readonly z: Matrix } } = {}): MatrixFunctionResult {
  const n = a.rows;
  const c = frobeniusNorm(a) || 1;
  const target = scale(a, 1 / c);
  const targetNorm = frobeniusNorm(target) || 1;
  const eye = identity(n);
  let y = options.start ? options.start.y : clone(target);
  let z = options.start ? options.start.z : identity(n);
  const residual = (yk: Matrix) => frobeniusNorm(subtract(multiply(yk, yk), target)) / targetNorm;
  const residuals = [residual(y)];
  let iterations = 0;
  let lastChange = Infinity;
  const maxIterations = options.maxIterations ?? DEFAULT_MATFUN_ITERATIONS;
  while (iterations < maxIterations) {
    options.checkpoint?.();
    const t = scale(subtract(scale(eye, 3), multiply(z, y)), 0.5);
    const yNext = multiply(y, t);
    z = multiply(t, z);
    const change = frobeniusNorm(subtract(yNext, y));
    y = yNext;
    iterations++;
    residuals.push(residual(y));
    // Quadratic convergence: once a step changes Y by rounding only, the next one cannot help.
    if (change <= 8 * 2 ** -52 * (frobeniusNorm(y) || 1) || (change >= lastChange && change < 1e-8)) break;
    lastChange = change;
  }
  const rootC = Math.sqrt(c);
  return { sqrt: symmetrise(scale(y, rootC)), invsqrt: symmetrise(scale(z, 1 / rootC)), iterations, residuals };
}

/** (X + Xᵀ)/2: the exact answer is symmetric; rounding in the products is not. */
function symmetrise(x: Matrix): Matrix {
  return scale(add(x, transpose(x)), 0.5);
}

/** V f(Λ) Vᵀ from the Jacobi eigendecomposition (the independent reference), and the eigenvalues. */
export function matrixFunctionByEigen(a: Matrix, fn: MatrixFunction, checkpoint?: () => void): { readonly value: Matrix; readonly eigenvalues: Float64Array } {
  const { values, vectors } = symmetricEigen(a, checkpoint);
  const n = a.rows;
  const scaled = clone(vectors);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) scaled.data[i * n + k] *= fn === 'sqrt' ? Math.sqrt(values[k]) : 1 / Math.sqrt(values[k]);
  return { value: multiply(scaled, transpose(vectors)), eigenvalues: values };
}

