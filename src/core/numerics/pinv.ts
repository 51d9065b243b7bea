// Moore–Penrose pseudo-inverse by SVD, with numpy.linalg.pinv's cut-off semantics, and the four
// Penrose residuals that say how good any candidate X is.
import { type Matrix, frobeniusNorm, multiply, subtract, transpose, zeros } from './matrix';
import { bidiagonalize, pinvFullRankFromBidiagonal, singularValuesOf, svdFromBidiagonal, type SvdOptions } from './svd';

/**
 * How small singular values are dropped (σ ≤ cutoff·σ_max counts as zero), as in numpy:
 * a number is numpy's `rcond` (default 1e-15); 'maxDimEps' is numpy's `rtol=None`, i.e. max(m, n)·ε.
 */
export type PinvTolerance = number | 'maxDimEps';

export interface PinvOptions extends SvdOptions {
  readonly tolerance?: PinvTolerance;
  /**
   * 'auto' (default): when no singular value is cut, A⁺ comes from the bidiagonal reduction without
   * accumulating singular vectors (same result to rounding, ~3× less work); 'svd' always uses V·Σ⁺·Uᵀ.
   */
  readonly method?: 'auto' | 'svd';
}

export interface PinvResult {
  readonly pinv: Matrix;
  readonly rank: number;
  readonly singularValues: Float64Array;
  /** The absolute threshold actually used. */
  readonly cutoff: number;
}

export const NUMPY_DEFAULT_RCOND = 1e-15;

export function relativeCutoff(tolerance: PinvTolerance | undefined, rows: number, cols: number): number {
  if (tolerance === undefined) return NUMPY_DEFAULT_RCOND;
  if (tolerance === 'maxDimEps') return Math.max(rows, cols) * 2 ** -52;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new Error(`tolerance must be a finite number ≥ 0, got ${tolerance}`);
  return tolerance;
}

export function pinv(a: Matrix, options: PinvOptions = {}): PinvResult {
  const m = a.rows, n = a.cols;
  const rel = relativeCutoff(options.tolerance, m, n);
  if (m === 0 || n === 0) return { pinv: zeros(n, m), rank: 0, singularValues: new Float64Array(0), cutoff: 0 };
  if (m < n) {
    const t = pinv(transpose(a), options);
    return { ...t, pinv: transpose(t.pinv) };
  }
  const bd = bidiagonalize(a, options);
  const values = singularValuesOf(bd, options);
  const cutoff = rel * (values[0] ?? 0);
  let rank = 0;
  while (rank < values.length && values[rank] > cutoff) rank++;
  // Nothing cut: A⁺ = V·Σ⁻¹·Uᵀ = V_B·B⁻¹·U_Bᵀ·Qᵀ exactly, so skip accumulating singular vectors.
  if (rank === n && options.method !== 'svd') return { pinv: pinvFullRankFromBidiagonal(bd, options), rank, singularValues: values, cutoff };
  const { uT, vT } = svdFromBidiagonal(bd, options);
  // X = V·Σ⁺·Uᵀ using only the kept triplets: scale the first `rank` rows of Uᵀ by 1/σ.
  const scaled = zeros(rank, m);
  for (let i = 0; i < rank; i++) {
    const inv = 1 / values[i];
    for (let j = 0; j < m; j++) scaled.data[i * m + j] = uT.data[i * m + j] * inv;
  }
  const vKept: Matrix = { rows: rank, cols: n, data: vT.data.subarray(0, rank * n) };
  const x = multiply(transpose(vKept), scaled);
  return { pinv: x, rank, singularValues: values, cutoff };
}

export interface PenroseResiduals {
  /** ‖AXA − A‖_F */
  readonly axa: number;
  /** ‖XAX − X‖_F */
  readonly xax: number;
  /** ‖(AX)ᵀ − AX‖_F */
  readonly axSymmetry: number;
  /** ‖(XA)ᵀ − XA‖_F */
  readonly xaSymmetry: number;
}

export function penroseResiduals(a: Matrix, x: Matrix): PenroseResiduals {
  const ax = multiply(a, x);
  const xa = multiply(x, a);
  return {
    axa: frobeniusNorm(subtract(multiply(ax, a), a)),
    xax: frobeniusNorm(subtract(multiply(xa, x), x)),
    axSymmetry: frobeniusNorm(subtract(transpose(ax), ax)),
    xaSymmetry: frobeniusNorm(subtract(transpose(xa), xa)),
  };
}
