// Golub–Kahan–Reinsch SVD in f64.
// Tall input is first reduced by Householder QR (A = Q·R), then R is bidiagonalised and the bidiagonal
// is diagonalised by implicit-shift QR sweeps (the JAMA/LINPACK variant). Singular vectors are kept as
// the ROWS of Uᵀ and Vᵀ, so every Givens rotation and every reflector touches contiguous memory.
import { type Bidiagonal, bidiagonalize } from './bidiagonalize';
import { applyProductToRows, productOfReflectorsByRows, productOfReflectorsTransposed, type RowParallel } from './blockReflector';
import { type Matrix, pow2Times, scaleByPowerOfTwo, transpose, transposeSquareInPlace, unitExponent } from './matrix';

export { bidiagonalize };
export type { Bidiagonal };

export interface Svd {
  /** Singular values, descending, length k = min(m, n). */
  readonly values: Float64Array;
  /** k × m, row i is the i-th left singular vector. */
  readonly uT: Matrix;
  /** k × n, row i is the i-th right singular vector. */
  readonly vT: Matrix;
}

export interface SvdOptions {
  /** Called between sweeps; throw from it to cancel. */
  readonly checkpoint?: () => void;
  /** Another thread to share the reflectors' row work with (computeJobs/parallelProduct); results equal to rounding. */
  readonly rows?: RowParallel;
}

/** Singular values only (descending): the bidiagonal QR without vector accumulation, O(n²) after the reduction. */
export function singularValues(a: Matrix, options: SvdOptions = {}): Float64Array {
  // Scaled by a power of two first (exact), so entries near 1e308 or 1e-320 neither overflow nor underflow.
  const k = unitExponent(a);
  const scaled = k === 0 ? a : scaleByPowerOfTwo(a, k);
  const t = scaled.rows < scaled.cols ? transpose(scaled) : scaled;
  const values = singularValuesOf(bidiagonalize(t, options), options);
  return k === 0 ? values : values.map((v) => pow2Times(v, -k));
}

/** Singular values of a reduced matrix, leaving its d and e untouched. */
export function singularValuesOf(bd: Bidiagonal, options: SvdOptions = {}): Float64Array {
  const d = bd.d.slice(), e = bd.e.slice();
  diagonaliseBidiagonal(d, e, undefined, undefined, options);
  return d.map(Math.abs).sort().reverse();
}

export function svd(a: Matrix, options: SvdOptions = {}): Svd {
  if (a.rows < a.cols) {
    const t = svd(transpose(a), options);
    return { values: t.values, uT: t.vT, vT: t.uT };
  }
  return svdTall(a, options);
}

/** m ≥ n. */
function svdTall(a: Matrix, options: SvdOptions): Svd {
  return svdFromBidiagonal(bidiagonalize(a, options), options);
}

/** Finishes the SVD of a reduced matrix (consumes bd.d and bd.e). */
export function svdFromBidiagonal(bd: Bidiagonal, options: SvdOptions = {}): Svd {
  const { m, n, d, e, qrReflectors, left, right } = bd;
  const rows = options.rows;
  // 3. Diagonalise B; rotations accumulate into Pᵀ and Qᵀ (B = P Σ Qᵀ).
  const pT = new Float64Array(n * m);
  const qT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    pT[i * m + i] = 1;
    qT[i * n + i] = 1;
  }
  diagonaliseBidiagonal(d, e, { data: pT, stride: m, length: n }, { data: qT, stride: n, length: n }, options);
  // 4. Back-transform: U = Q_qr·U_B·P, V = V_B·Q, one row (singular vector) at a time.
  applyProductToRows(left, pT, n, m, undefined, rows);
  if (qrReflectors.length > 0) applyProductToRows(qrReflectors, pT, n, m, undefined, rows);
  applyProductToRows(right, qT, n, n, undefined, rows);
  return sortDescending(d, pT, m, qT, n);
}

interface RotatedRows {
  readonly data: Float64Array;
  readonly stride: number;
  /** How many leading entries of each row are live (the rest are zero and stay zero). */
  readonly length: number;
}

function rotateRows(target: RotatedRows, i: number, j: number, cs: number, sn: number): void {
  // rows (i, j) ← (cs·xi + sn·xj, −sn·xi + cs·xj)
  const { data, stride, length } = target;
  const bi = i * stride, bj = j * stride;
  for (let c = 0; c < length; c++) {
    const x = data[bi + c], y = data[bj + c];
    data[bi + c] = cs * x + sn * y;
    data[bj + c] = cs * y - sn * x;
  }
}

/**
 * Applies the chain of rotations (start+t, start+t+1), t = 0…count−1, in column blocks that stay in
 * L1, two rotations per pass (rows t, t+1, t+2): the middle row is loaded and stored once for both.
 * (A column-at-a-time sweep keeping the running row in locals was 2× slower: strided rows.)
 */
function rotateChain(target: RotatedRows, start: number, cs: Float64Array, sn: Float64Array, count: number): void {
  const { data, stride, length } = target;
  const BLOCK = 64;
  for (let c0 = 0; c0 < length; c0 += BLOCK) {
    const c1 = Math.min(c0 + BLOCK, length);
    let t = 0;
    for (; t + 1 < count; t += 2) {
      const ca = cs[t], sa = sn[t], cb = cs[t + 1], sb = sn[t + 1];
      const bi = (start + t) * stride, bj = bi + stride, bk = bj + stride;
      for (let k = c0; k < c1; k++) {
        const x = data[bi + k], y = data[bj + k], z = data[bk + k];
        data[bi + k] = ca * x + sa * y;
        const y1 = ca * y - sa * x;
        data[bj + k] = cb * y1 + sb * z;
        data[bk + k] = cb * z - sb * y1;
      }
    }
    if (t < count) {
      const c = cs[t], s = sn[t];
      const bi = (start + t) * stride, bj = bi + stride;
      for (let k = c0; k < c1; k++) {
        const x = data[bi + k], y = data[bj + k];
        data[bi + k] = c * x + s * y;
        data[bj + k] = c * y - s * x;
      }
    }
  }
}

/**
 * √(a² + b²) without overflow, as LAPACK's dlapy2: V8's Math.hypot (variadic, with its own scaling)
 * was most of the time of the QR sweeps.
 */
function hypot(a: number, b: number): number {
  const x = Math.abs(a), y = Math.abs(b);
  const big = x > y ? x : y, small = x > y ? y : x;
  if (small === 0 || big === Infinity) return big;
  const q = small / big;
  return big * Math.sqrt(1 + q * q);
}

const EPS = 2 ** -52;
const TINY = 2 ** -966;
const MAX_SWEEPS_PER_VALUE = 75;

/**
 * Implicit-shift QR on the upper bidiagonal (d, e) with e[n−1] = 0 on entry. Left rotations go to the
 * rows of uT, right rotations to the rows of vT. Leaves |σ| unsorted in d.
 */
export function diagonaliseBidiagonal(d: Float64Array, e: Float64Array, uT: RotatedRows | undefined, vT: RotatedRows | undefined, options: SvdOptions = {}): void {
  const n = d.length;
  if (n === 0) return;
  e[n - 1] = 0;
  const csU = new Float64Array(n), snU = new Float64Array(n), csV = new Float64Array(n), snV = new Float64Array(n);
  let p = n;
  let iterations = 0;
  let sweeps = 0;
  while (p > 0) {
    if (iterations > MAX_SWEEPS_PER_VALUE) throw new Error('SVD did not converge');
    if ((++sweeps & 31) === 0) options.checkpoint?.();
    let k: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]) <= TINY + EPS * (Math.abs(d[k]) + Math.abs(d[k + 1]))) {
        e[k] = 0;
        break;
      }
    }
    let kase: number;
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(d[ks]) <= TINY + EPS * t) {
          d[ks] = 0;
          break;
        }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k = ks;
      }
    }
    k++;
    if (kase === 1) {
      // d[p−1] is negligible: chase e[p−2] away with right rotations.
      let f = e[p - 2];
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = hypot(d[j], f);
        const cs = d[j] / t, sn = f / t;
        d[j] = t;
        if (j !== k) {
          f = -sn * e[j - 1];
          e[j - 1] = cs * e[j - 1];
        }
        if (vT) rotateRows(vT, j, p - 1, cs, sn);
      }
    } else if (kase === 2) {
      // d[k−1] is negligible: split, chasing e[k−1] with left rotations.
      let f = e[k - 1];
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = hypot(d[j], f);
        const cs = d[j] / t, sn = f / t;
        d[j] = t;
        f = -sn * e[j];
        e[j] = cs * e[j];
        if (uT) rotateRows(uT, j, k - 1, cs, sn);
      }
    } else if (kase === 3) {
      // One QR sweep with the Wilkinson-like shift from the trailing 2×2.
      const scaleMax = Math.max(Math.abs(d[p - 1]), Math.abs(d[p - 2]), Math.abs(e[p - 2]), Math.abs(d[k]), Math.abs(e[k]));
      const sp = d[p - 1] / scaleMax, spm1 = d[p - 2] / scaleMax, epm1 = e[p - 2] / scaleMax;
      const sk = d[k] / scaleMax, ek = e[k] / scaleMax;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
      const c = sp * epm1 * (sp * epm1);
      let shift = 0;
      if (b !== 0 || c !== 0) {
        shift = Math.sqrt(b * b + c);
        if (b < 0) shift = -shift;
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      let g = sk * ek;
      for (let j = k; j < p - 1; j++) {
        let t = hypot(f, g);
        let cs = f / t, sn = g / t;
        if (j !== k) e[j - 1] = t;
        f = cs * d[j] + sn * e[j];
        e[j] = cs * e[j] - sn * d[j];
        g = sn * d[j + 1];
        d[j + 1] = cs * d[j + 1];
        csV[j - k] = cs;
        snV[j - k] = sn;
        t = hypot(f, g);
        cs = f / t;
        sn = g / t;
        d[j] = t;
        f = cs * e[j] + sn * d[j + 1];
        d[j + 1] = -sn * e[j] + cs * d[j + 1];
        g = sn * e[j + 1];
        e[j + 1] = cs * e[j + 1];
        csU[j - k] = cs;
        snU[j - k] = sn;
      }
      e[p - 2] = f;
      if (vT) rotateChain(vT, k, csV, snV, p - 1 - k);
      if (uT) rotateChain(uT, k, csU, snU, p - 1 - k);
      iterations++;
    } else {
      // d[k] converged: make it non-negative.
      if (d[k] < 0) {
        d[k] = -d[k];
        if (vT) {
          const base = k * vT.stride;
          for (let c = 0; c < vT.length; c++) vT.data[base + c] = -vT.data[base + c];
        }
      }
      iterations = 0;
      p--;
    }
  }
}

function sortDescending(d: Float64Array, pT: Float64Array, m: number, qT: Float64Array, n: number): Svd {
  const order = Array.from(d.keys()).sort((x, y) => d[y] - d[x]);
  const values = new Float64Array(n);
  const uT = new Float64Array(n * m);
  const vT = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = d[from];
    uT.set(pT.subarray(from * m, from * m + m), to * m);
    vT.set(qT.subarray(from * n, from * n + n), to * n);
  });
  return { values, uT: { rows: n, cols: m, data: uT }, vT: { rows: n, cols: n, data: vT } };
}

/**
 * A⁺ when A has full column rank, without accumulating Givens rotations (most of the SVD's cost):
 * tall A = Q·R gives A⁺ = R⁻¹·Q₁ᵀ; square A = U_B·B·V_Bᵀ gives A⁻¹ = V_B·B⁻¹·U_Bᵀ.
 */
export function pinvFullRankFromBidiagonal(bd: Bidiagonal, options: SvdOptions = {}, leftRows?: Float64Array): Matrix {
  const { m, n } = bd;
  if (!bd.r) return squareInverseFromBidiagonal(bd, options, leftRows);
  // Tall: A⁺ = R⁻¹·Q₁ᵀ. Q₁ᵀ explicitly (2mn² − 2n³/3, skipping rows still equal to e_i), then
  // R·X = Q₁ᵀ solved in place (mn²): cheaper than forming R⁻¹ and multiplying, and than applying
  // the n reflectors to the rows of [R⁻¹ | 0] (2mn² + …, no skipping).
  const q1t = productOfReflectorsTransposed(bd.qrReflectors, n, m, undefined, options.rows);
  options.checkpoint?.();
  solveUpperInPlace(bd.r, n, q1t, m);
  return { rows: n, cols: m, data: q1t };
}

/**
 * B ← R⁻¹·B for non-singular upper-triangular n×n R and n×m B (row-major), by back substitution
 * two rows at a time: rows k > i+1 are final, so both rows take four of them per pass over B.
 */
function solveUpperInPlace(r: Float64Array, n: number, b: Float64Array, m: number): void {
  let i1 = n - 1;
  for (; i1 >= 1; i1 -= 2) {
    const i0 = i1 - 1;
    const o0 = i0 * m, o1 = i1 * m, r0 = i0 * n, r1 = i1 * n;
    let k = i1 + 1;
    // The O(n²m) work in leaves called n²/8 times: optimised early (see multiplyInto in matrix.ts).
    for (; k + 3 < n; k += 4) twoRowsMinusFourRows(b, o0, o1, k * m, m, r, r0 + k, r1 + k);
    for (; k < n; k++) twoRowsMinusOneRow(b, o0, o1, k * m, m, r[r0 + k], r[r1 + k]);
    // Finish row i1, then row i0 takes its last term from it.
    const inv1 = 1 / r[r1 + i1], inv0 = 1 / r[r0 + i0], f = r[r0 + i1];
    for (let c = 0; c < m; c++) {
      const x1 = b[o1 + c] * inv1;
      b[o1 + c] = x1;
      b[o0 + c] = (b[o0 + c] - f * x1) * inv0;
    }
  }
  if (i1 === 0) {
    // n odd: row 0 is left over.
    for (let k = 1; k < n; k++) {
      const a = r[k], bk = k * m;
      for (let c = 0; c < m; c++) b[c] -= a * b[bk + c];
    }
    const inv = 1 / r[0];
    for (let c = 0; c < m; c++) b[c] *= inv;
  }
}

/** Rows o0, o1 of b −= R's entries at r0…r0+3 and r1…r1+3 times b's rows from b0 (each m long). */
function twoRowsMinusFourRows(b: Float64Array, o0: number, o1: number, b0: number, m: number, r: Float64Array, r0: number, r1: number): void {
  const a0 = r[r0], a1 = r[r0 + 1], a2 = r[r0 + 2], a3 = r[r0 + 3];
  const c0 = r[r1], c1 = r[r1 + 1], c2 = r[r1 + 2], c3 = r[r1 + 3];
  const b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
  for (let c = 0; c < m; c++) {
    const p0 = b[b0 + c], p1 = b[b1 + c], p2 = b[b2 + c], p3 = b[b3 + c];
    b[o0 + c] -= a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3;
    b[o1 + c] -= c0 * p0 + c1 * p1 + c2 * p2 + c3 * p3;
  }
}

function twoRowsMinusOneRow(b: Float64Array, o0: number, o1: number, bk: number, m: number, a: number, c1: number): void {
  for (let c = 0; c < m; c++) {
    b[o0 + c] -= a * b[bk + c];
    b[o1 + c] -= c1 * b[bk + c];
  }
}

/**
 * Square: A⁻¹ = V_B·B⁻¹·U_Bᵀ from the reduction (no Givens rotations accumulated), through
 * Zᵀ = U_B·B⁻ᵀ: U_B by rows (`leftRows`, formed on the other thread during the bidiagonalisation when
 * there is one, else here), each row through B⁻ᵀ in place (O(n²)), the rows through V_B (their
 * transpose is A⁻¹'s columns), then transposed in place.
 */
function squareInverseFromBidiagonal(bd: Bidiagonal, options: SvdOptions, leftRows?: Float64Array): Matrix {
  const { n, d, e } = bd;
  const allocate = (length: number) => options.rows?.allocate?.(length) ?? new Float64Array(length);
  // Rows of U_B, in memory the second thread can share (options.rows.allocate): no copies in or out.
  const zT = leftRows ?? productOfReflectorsByRows(bd.left, n, allocate(n * n));
  options.checkpoint?.();
  // Row r of Zᵀ is column r of Z = B⁻¹·U_Bᵀ, from its end: Z[i, r] = (U_B[r, i] − e[i]·Z[i+1, r]) / d[i].
  const last = n - 1, inv = d.map((v) => 1 / v);
  for (let row = 0; row < n * n; row += n) {
    let below = zT[row + last] * inv[last];
    zT[row + last] = below;
    for (let i = last - 1; i >= 0; i--) {
      below = (zT[row + i] - e[i] * below) * inv[i];
      zT[row + i] = below;
    }
  }
  // V_B·Z through the transpose: each column z ↦ V_B·z.
  applyProductToRows(bd.right, zT, n, n, undefined, options.rows);
  transposeSquareInPlace(zT, n);
  return { rows: n, cols: n, data: zT };
}
