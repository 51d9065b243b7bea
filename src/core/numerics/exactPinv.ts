// Exact Moore–Penrose inverse over the rationals, for small integer/rational matrices.
// Method: full-rank factorisation A = C·F from the reduced row echelon form (C = pivot columns of A,
// F = non-zero rows of RREF(A)); then A⁺ = Fᵀ(FFᵀ)⁻¹(CᵀC)⁻¹Cᵀ, valid for every rank.
import { ONE, type Rational, ZERO, addR, divR, formatRational, isZeroR, mulR, subR } from './rational';

export type RationalMatrix = Rational[][];

export const EXACT_MAX_DIMENSION = 8;

export interface ExactPinvResult {
  readonly rank: number;
  readonly pinv: RationalMatrix;
}

export function exactPinv(a: RationalMatrix): ExactPinvResult {
  const m = a.length, n = m === 0 ? 0 : a[0].length;
  if (m > EXACT_MAX_DIMENSION || n > EXACT_MAX_DIMENSION) {
    throw new Error(`exact pseudo-inverse is limited to ${EXACT_MAX_DIMENSION}×${EXACT_MAX_DIMENSION}; this matrix is ${m}×${n} (drop --exact)`);
  }
  const { rref, pivots } = reducedRowEchelon(a);
  const r = pivots.length;
  if (r === 0) return { rank: 0, pinv: Array.from({ length: n }, () => Array<Rational>(m).fill(ZERO)) };
  const c = a.map((row) => pivots.map((j) => row[j]));
  const f = rref.slice(0, r);
  const ct = transposeR(c), ft = transposeR(f);
  const x = multiplyR(multiplyR(multiplyR(ft, invertR(multiplyR(f, ft))), invertR(multiplyR(ct, c))), ct);
  return { rank: r, pinv: x };
}

export function formatRationalMatrix(a: RationalMatrix): string[][] {
  return a.map((row) => row.map(formatRational));
}

export function reducedRowEchelon(a: RationalMatrix): { rref: RationalMatrix; pivots: number[] } {
  const m = a.length, n = m === 0 ? 0 : a[0].length;
  const r = a.map((row) => row.slice());
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < n && row < m; col++) {
    let p = row;
    while (p < m && isZeroR(r[p][col])) p++;
    if (p === m) continue;
    [r[row], r[p]] = [r[p], r[row]];
    const inv = divR(ONE, r[row][col]);
    r[row] = r[row].map((v) => mulR(v, inv));
    for (let i = 0; i < m; i++) {
      if (i === row || isZeroR(r[i][col])) continue;
      const f = r[i][col];
      r[i] = r[i].map((v, j) => subR(v, mulR(f, r[row][j])));
    }
    pivots.push(col);
    row++;
  }
  return { rref: r, pivots };
}

export function transposeR(a: RationalMatrix): RationalMatrix {
  const n = a.length === 0 ? 0 : a[0].length;
  return Array.from({ length: n }, (_, j) => a.map((row) => row[j]));
}

export function multiplyR(a: RationalMatrix, b: RationalMatrix): RationalMatrix {
  const p = b.length, n = p === 0 ? 0 : b[0].length;
  return a.map((row) => {
    const out: Rational[] = Array<Rational>(n).fill(ZERO);
    for (let k = 0; k < p; k++) {
      if (isZeroR(row[k])) continue;
      for (let j = 0; j < n; j++) out[j] = addR(out[j], mulR(row[k], b[k][j]));
    }
    return out;
  });
}

/** Gauss–Jordan inverse of a non-singular square rational matrix. */
export function invertR(a: RationalMatrix): RationalMatrix {
  const n = a.length;
  const aug = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? ONE : ZERO))]);
  const { rref, pivots } = reducedRowEchelon(aug);
  if (pivots.length < n || pivots[n - 1] !== n - 1) throw new Error('matrix is singular');
  return rref.map((row) => row.slice(n));
}


/**
 * The four Penrose conditions checked in exact arithmetic: whether AXA = A, XAX = X and AX, XA are
 * symmetric, exactly. An exact pseudo-inverse satisfies all four, so its residuals are 0, not the
 * ~1e-16 of a float check (what a reader of an exact result expects to see).
 */
export function exactPenroseHolds(a: RationalMatrix, x: RationalMatrix): { readonly axa: boolean; readonly xax: boolean; readonly axSymmetry: boolean; readonly xaSymmetry: boolean } {
  const ax = multiplyR(a, x), xa = multiplyR(x, a);
  const equal = (p: RationalMatrix, q: RationalMatrix) => p.every((row, i) => row.every((v, j) => isZeroR(subR(v, q[i][j]))));
  return { axa: equal(multiplyR(ax, a), a), xax: equal(multiplyR(xa, x), x), axSymmetry: equal(transposeR(ax), ax), xaSymmetry: equal(transposeR(xa), xa) };
}
