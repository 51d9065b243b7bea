// Moore–Penrose pseudo-inverse by SVD, with numpy.linalg.pinv's cut-off semantics, and the four
// Penrose residuals that say how good any candidate X is.
import { type Matrix, asymmetryNorm, frobeniusDistance, maxAbs, multiply, pow2Times, scaleByPowerOfTwoInPlace, transpose, unitExponent, zeros } from './matrix';
import { bidiagonalize, pinvFullRankFromBidiagonal, singularValuesOf, svdFromBidiagonal, type SvdOptions } from './svd';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

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
  /**
   * Present when the largest singular value is beyond the double range (a matrix near 1e308): then
   * singularValues and cutoff are given divided by 2^singularValueExponent.
   */
  readonly singularValueExponent?: number;
}

/** A⁺ exists but is not a matrix of doubles (a matrix near 1e-320 has A⁺ near 1e320). */
export class PinvRangeError extends WordedError {
  override readonly name = 'PinvRangeError';
}

export const NUMPY_DEFAULT_RCOND = 1e-15;

export function relativeCutoff(tolerance: PinvTolerance | undefined, rows: number, cols: number): number {
  if (tolerance === undefined) return NUMPY_DEFAULT_RCOND;
  if (tolerance === 'maxDimEps') return Math.max(rows, cols) * 2 ** -52;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new Error(`tolerance must be a finite number ≥ 0, got ${tolerance}`);
  return tolerance;
}

/**
 * Scale-invariant as numpy's: A is first scaled by a power of two to max|a| ∈ [0.5, 1) (exact), so
 * [[1e308, 1e308], [1e308, 1e308]] gives 2.5e-309 everywhere, not rank 0, and a 4×4 near 1e200
 * converges; pinv(cA) = pinv(A)/c undoes it. Throws PinvRangeError when A⁺ itself overflows.
 */
export function pinv(a: Matrix, options: PinvOptions = {}): PinvResult {
  const k = unitExponent(a);
  if (k === 0) return pinvUnscaled(a, options);
  // A scaled in the copy the reduction makes of it anyway (bidiagonalize's inputExponent), not in one more.
  const r = pinvUnscaled(a, { ...options, inputExponent: k });
  // pinv(2^k·A) = 2^−k·pinv(A)  ⇒  pinv(A) = 2^k·pinv(2^k·A);  σ(A) = 2^−k·σ(2^k·A).
  // Every entry takes the same steps as the largest, so A⁺ overflows exactly when it does; checked
  // first, A⁺ is scaled in place (a 1024² one is 8 MB of memory not to fault in again).
  const largest = maxAbs(r.pinv);
  if (!Number.isFinite(pow2Times(largest, k))) {
    const log10 = Math.log10(largest) + k * Math.LOG10E * Math.LN2;
    throw new PinvRangeError(
      localizable(
        "the pseudo-inverse has entries of about 1e{0}, beyond double precision (largest double ≈ 1.8e308): the matrix's smallest kept singular value is too close to 0 for A⁺ to be written in doubles",
        Math.round(log10),
      ),
    );
  }
  const x = scaleByPowerOfTwoInPlace(r.pinv, k);
  const values = r.singularValues.map((v) => pow2Times(v, -k));
  const cutoff = pow2Times(r.cutoff, -k);
  if (values.every(Number.isFinite) && Number.isFinite(cutoff)) return { ...r, pinv: x, singularValues: values, cutoff };
  // σ₁ itself overflows: report σ/2^e with the smallest e that keeps it in range.
  const e = -k - unitExponent({ rows: 1, cols: r.singularValues.length, data: r.singularValues }) - 1;
  return { ...r, pinv: x, singularValues: r.singularValues.map((v) => pow2Times(v, -k - e)), cutoff: pow2Times(r.cutoff, -k - e), singularValueExponent: e };
}

function pinvUnscaled(a: Matrix, options: PinvOptions & { readonly inputExponent?: number }): PinvResult {
  const m = a.rows, n = a.cols;
  const rel = relativeCutoff(options.tolerance, m, n);
  if (m === 0 || n === 0) return { pinv: zeros(n, m), rank: 0, singularValues: new Float64Array(0), cutoff: 0 };
  if (m < n) {
    const t = pinvUnscaled(transpose(a), options);
    return { ...t, pinv: transpose(t.pinv) };
  }
  // Square: U_B's rows are formed on the other thread while the reduction makes its reflectors, in case
  // nothing is cut (A⁻¹ then needs them); dropped when something is.
  const leftRows = m === n && options.method !== 'svd' ? options.rows?.startRowProduct?.(n) : undefined;
  let bd, values;
  try {
    bd = bidiagonalize(a, leftRows ? { ...options, onLeftReflector: (h) => leftRows.push(h) } : options);
    values = singularValuesOf(bd, options);
  } catch (error) {
    leftRows?.abandon();
    throw error;
  }
  const cutoff = rel * (values[0] ?? 0);
  let rank = 0;
  while (rank < values.length && values[rank] > cutoff) rank++;
  // Nothing cut: A⁺ = V·Σ⁻¹·Uᵀ = V_B·B⁻¹·U_Bᵀ·Qᵀ exactly, so skip accumulating singular vectors.
  if (rank === n && options.method !== 'svd') return { pinv: pinvFullRankFromBidiagonal(bd, options, leftRows?.finish()), rank, singularValues: values, cutoff };
  leftRows?.abandon();
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

/**
 * A product that may write C into `into` (at least as long as C, not one of the operands) instead of
 * new memory; multiply ignores it.
 */
export type ProductInto = (a: Matrix, b: Matrix, into?: Float64Array) => Matrix;

/**
 * Four products through the blocked multiply. AXA is taken as A·(XA) when A is tall (m·n² instead of
 * m²·n) and as (AX)·A when it is wide; XAX as (XA)·X likewise or X·(AX). `product` may be a parallel
 * one (computeJobs/parallelProduct, on two threads). The last two products, needed only for their
 * distances, go into the memory of the one of AX and XA they do not read (`into`): a 1024² residual
 * then touches two new 8 MB matrices, not four.
 */
export function penroseResiduals(a: Matrix, x: Matrix, checkpoint?: () => void, product: ProductInto = multiply): PenroseResiduals {
  const ax = product(a, x);
  checkpoint?.();
  const xa = product(x, a);
  checkpoint?.();
  // The differences are never formed: no m² copies, transposes or collections after them.
  const axSymmetry = asymmetryNorm(ax), xaSymmetry = asymmetryNorm(xa);
  const tall = a.rows >= a.cols;
  const spare = tall ? ax.data : xa.data;
  const axa = frobeniusDistance(tall ? product(a, xa, spare) : product(ax, a, spare), a);
  checkpoint?.();
  const xax = frobeniusDistance(tall ? product(xa, x, spare) : product(x, ax, spare), x);
  return { axa, xax, axSymmetry, xaSymmetry };
}
