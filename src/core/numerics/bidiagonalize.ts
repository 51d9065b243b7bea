// Householder reduction to upper bidiagonal form, A = Q_qr · U_B · B · V_Bᵀ (m ≥ n), in f64.
// Tall input is first reduced by blocked QR; the square part one column at a time (dgebd2). LAPACK's
// panelled dlabrd was tried here and bought nothing at 1024×1024: half its work is matrix–vector
// products that stream the trailing matrix from memory twice per column, as slow in JS as the two
// reflector updates below.
import { householderQr } from './blockReflector';
import { applyLeft, applyRight, makeReflector, Reflector } from './householder';
import type { Matrix } from './matrix';

export interface Bidiagonal {
  /** Shape of the reduced (tall or square) matrix. */
  readonly m: number;
  readonly n: number;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly qrReflectors: Reflector[];
  readonly left: Reflector[];
  readonly right: Reflector[];
  /** Tall input only: the n×n triangular factor R of A = Q·R (row-major), kept for A⁺ = R⁻¹·Q₁ᵀ. */
  readonly r?: Float64Array;
}

export interface ReductionOptions {
  /** Called between columns; throw from it to cancel. */
  readonly checkpoint?: () => void;
}

/** m ≥ n: A = Q_qr · U_B · B · V_Bᵀ with B upper bidiagonal (d, e). */
export function bidiagonalize(a: Matrix, options: ReductionOptions = {}): Bidiagonal {
  if (a.rows < a.cols) throw new Error('bidiagonalize needs rows ≥ columns (transpose first)');
  const m = a.rows, n = a.cols;
  // 1. QR when tall: the bidiagonalisation then runs on n×n instead of m×n.
  let square: Float64Array;
  let r: Float64Array | undefined;
  let qrReflectors: Reflector[] = [];
  if (m > n) {
    const w = new Float64Array(a.data);
    qrReflectors = householderQr(w, m, n, options.checkpoint);
    square = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) square[i * n + j] = w[i * n + j];
    r = square.slice();
  } else {
    square = new Float64Array(a.data);
  }
  // 2. Bidiagonalise the square part.
  const out: SquareReduction = { d: new Float64Array(n), e: new Float64Array(n), left: [], right: [] };
  reduceColumns(square, n, out, options.checkpoint);
  return { m, n, d: out.d, e: out.e, qrReflectors, left: out.left, right: out.right, r };
}

interface SquareReduction {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly left: Reflector[];
  readonly right: Reflector[];
}

/** dgebd2: the square matrix's columns and rows, one pair of reflectors at a time. */
function reduceColumns(square: Float64Array, n: number, out: SquareReduction, checkpoint?: () => void): void {
  const work = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const len = n - j;
    for (let i = 0; i < len; i++) col[i] = square[(j + i) * n + j];
    const l = makeReflector(col.subarray(0, len), j);
    applyLeft(l.reflector, square, n, j + 1, n, work);
    out.d[j] = l.beta;
    out.left.push(l.reflector);
    if (j < n - 1) {
      const rowStart = j * n + j + 1;
      const r = makeReflector(square.slice(rowStart, rowStart + n - j - 1), j + 1);
      applyRight(r.reflector, square, n, j + 1, n);
      out.e[j] = r.beta;
      out.right.push(r.reflector);
    }
    checkpoint?.();
  }
}
