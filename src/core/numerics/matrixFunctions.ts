// The matrix square root and inverse square root of a symmetric positive definite A by the coupled
// Newton–Schulz iteration (Higham, Functions of Matrices, §6.7: no inverses, only products):
//   Y₀ = A/c, Z₀ = I, T = ½(3I − Z_k Y_k), Y_{k+1} = Y_k T, Z_{k+1} = T Z_k  →  Y → (A/c)^½, Z → (A/c)^−½,
// with c = ‖A‖_F ≥ λ_max so every eigenvalue of A/c lies in (0, 1], where the iteration converges.
// A is first scaled by an even power of two, 4^j (exact; A^½ = 2^−j·(4^j·A)^½), so that entries near
// 1e308 or 1e-310 do not overflow ‖A‖_F or underflow it to 0 (a subnormal diagonal came out as NaN).
// The reference is the eigendecomposition A = V Λ Vᵀ.
import { type Matrix, add, clone, frobeniusNorm, identity, multiply, scale, scaleByPowerOfTwo, subtract, transpose, unitExponent } from './matrix';
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
  /**
   * ‖I − Z_k·Y_k‖_F / √n per iteration (k = 0 …): what the iteration can see without a reference. Each
   * eigenvalue λ of A/c has its own z·y → 1, so this stays near 1 until the smallest has converged;
   * ‖Y_k² − A/c‖ (shown before) is ≈ 0 from the start when λ_min/λ_max is below ε, however wrong A^−½ still is.
   */
  readonly residuals: number[];
}

/** The matrix the iteration starts from, Y₀ = 4^j·A/c, with its c and j (shared with the GPU's f32 phase). */
export function newtonSchulzTarget(a: Matrix): { readonly target: Matrix; readonly c: number; readonly j: number } {
  const j = Math.floor(unitExponent(a) / 2);
  const scaled = j === 0 ? a : scaleByPowerOfTwo(a, 2 * j);
  const c = frobeniusNorm(scaled) || 1;
  return { target: scale(scaled, 1 / c), c, j };
}

/**
 * `start` continues from a given (Y, Z) of newtonSchulzTarget(A) — an f32 GPU iterate, finished in f64:
 * the iteration only sharpens what it is given, so the f32 phase's rounding (≈ κ·1e-7) stays in the answer.
 * It stops once a step changes Y by rounding only (quadratic convergence: the next cannot help), but
 * not before the residual says every eigenvalue has converged (below 1e-6): while a small λ/c climbs,
 * each step changes Y by tiny amounts (diag(4, 1e-14) stopped after one step with A^−½ off by 100 %).
 */
export function coupledNewtonSchulz(a: Matrix, options: { readonly maxIterations?: number; readonly checkpoint?: () => void; readonly start?: { readonly y: Matrix; readonly z: Matrix } } = {}): MatrixFunctionResult {
  const n = a.rows;
  const { target, c, j } = newtonSchulzTarget(a);
  const eye = identity(n);
  let y = options.start ? options.start.y : clone(target);
  let z = options.start ? options.start.z : identity(n);
  const residual = (yk: Matrix, zk: Matrix) => frobeniusNorm(subtract(eye, multiply(zk, yk))) / Math.sqrt(n || 1);
  const residuals = [residual(y, z)];
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
    residuals.push(residual(y, z));
    const settled = change <= 8 * 2 ** -52 * (frobeniusNorm(y) || 1) || (change >= lastChange && change < 1e-8);
    if (settled && residuals[residuals.length - 1] < 1e-6) break;
    lastChange = change;
  }
  // A^½ = 2^−j·√c·Y, A^−½ = 2^j·Z/√c.
  const rootC = Math.sqrt(c);
  return { sqrt: symmetrise(scaleByPowerOfTwo(scale(y, rootC), -j)), invsqrt: symmetrise(scaleByPowerOfTwo(scale(z, 1 / rootC), j)), iterations, residuals };
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

