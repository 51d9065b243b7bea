// Dense row-major f64 matrices and the few kernels everything else is built from.
// Loops are written i-k-j so the innermost loop walks contiguous memory (V8 keeps it in registers).
import { wasmKernel, wasmMultiplyRows, wasmPackB } from './wasmProduct';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: element (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = zeros(r, c);
  for (let i = 0; i < r; i++) {
    if (rows[i].length !== c) throw new Error(`row ${i + 1} has ${rows[i].length} entries, expected ${c}`);
    for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
  }
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: new Float64Array(m.data) };
}

/** Mᵀ, into `into` (rows·cols long, e.g. shared memory) when given. */
export function transpose(m: Matrix, into?: Float64Array): Matrix {
  const t = into ? { rows: m.cols, cols: m.rows, data: into } : zeros(m.cols, m.rows);
  const { rows, cols, data } = m;
  const out = t.data;
  // Blocked so both reads and writes stay within a few cache lines.
  const B = 16;
  for (let ii = 0; ii < rows; ii += B) {
    const iEnd = Math.min(ii + B, rows);
    for (let jj = 0; jj < cols; jj += B) {
      const jEnd = Math.min(jj + B, cols);
      for (let i = ii; i < iEnd; i++) for (let j = jj; j < jEnd; j++) out[j * rows + i] = data[i * cols + j];
    }
  }
  return t;
}

/**
 * A square n×n row-major matrix transposed where it is: no second matrix (8 MB at 1024², ~20 ms of page
 * faults the first time it is touched on our VMs). Blocked as transpose is; a block pair is swapped.
 */
export function transposeSquareInPlace(data: Float64Array, n: number): void {
  const B = 16;
  for (let ii = 0; ii < n; ii += B) {
    const iEnd = Math.min(ii + B, n);
    for (let jj = ii; jj < n; jj += B) {
      const jEnd = Math.min(jj + B, n);
      for (let i = ii; i < iEnd; i++) {
        for (let j = jj === ii ? i + 1 : jj; j < jEnd; j++) {
          const a = data[i * n + j];
          data[i * n + j] = data[j * n + i];
          data[j * n + i] = a;
        }
      }
    }
  }
}

/**
 * C = A·B, the blocked product every product in numerics goes through. Blocked over k and j so a
 * panel of B stays in cache while rows of A stream past, and register-blocked two rows of A by four
 * k at a time: each loaded B entry feeds two multiply-adds and each loaded/stored C entry four, where
 * a plain i-k-j loop loads and stores C for every multiply-add (JS has no SIMD: memory operations, not
 * arithmetic, bound these loops). 2–3× the plain loop; the Penrose residuals were 60% of a pinv.
 */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const m = a.rows, n = b.cols, p = a.cols;
  const c = zeros(m, n);
  const kernel = m * n * p >= WASM_MIN_PRODUCT ? wasmKernel() : undefined;
  if (kernel) {
    wasmPackB(kernel, b.data, p, n);
    wasmMultiplyRows(kernel, a.data, c.data, 0, m);
  } else {
    multiplyInto(a.data, b.data, c.data, m, n, p);
  }
  return c;
}

/**
 * From this many multiply-adds a product goes through the WebAssembly SIMD kernel (wasmProduct.ts),
 * whose copies in and out cost O(mp + pn + mn); below it the JS kernel here (also where WebAssembly
 * SIMD is missing).
 */
export const WASM_MIN_PRODUCT = 1 << 15;


// The loops that do the O(mnp) work are small functions called O(mp) times, not loops deep inside one
// call: V8 optimises a function after a few hundred calls and keeps that code for the next product,
// where one big call runs unoptimised until on-stack replacement catches up with it — and again in the
// next one. The first product of a fresh process (the CLI's one-shot pinv) ran 1.4–1.6× its warm time;
// as leaves it is within ~1.2× (min of 8 fresh processes on a loaded machine: 102 vs 138 ms CPU for the
// four residual products of a 512×256 pinv). Warm, the optimised caller inlines them: no cost.
function multiplyInto(A: Float64Array, B: Float64Array, C: Float64Array, m: number, n: number, p: number): void {
  // Block sizes here, not module constants: the helper thread runs this function's source (PRODUCT_KERNEL).
  const KB = 128, JB = 512;
  for (let kk = 0; kk < p; kk += KB) {
    const kEnd = Math.min(kk + KB, p);
    for (let jj = 0; jj < n; jj += JB) {
      const jEnd = Math.min(jj + JB, n);
      let i = 0;
      for (; i + 1 < m; i += 2) {
        const c0 = i * n, a0 = i * p;
        let k = kk;
        for (; k + 3 < kEnd; k += 4) twoRowsFourK(A, B, C, a0 + k, a0 + p + k, c0, c0 + n, k * n, n, jj, jEnd);
        for (; k < kEnd; k++) twoRowsOneK(B, C, A[a0 + k], A[a0 + p + k], c0, c0 + n, k * n, jj, jEnd);
      }
      for (; i < m; i++) {
        const ci = i * n, ai = i * p;
        for (let k = kk; k < kEnd; k++) {
          const aik = A[ai + k];
          if (aik !== 0) oneRowOneK(B, C, aik, ci, k * n, jj, jEnd);
        }
      }
    }
  }
}

/**
 * Rows i0…i1−1 of C = A·B (A m×p, B p×n, C m×n, row-major): one block of rows of a product shared
 * between threads (computeJobs/parallelProduct).
 */
export function multiplyRowsInto(A: Float64Array, B: Float64Array, C: Float64Array, i0: number, i1: number, n: number, p: number): void {
  multiplyInto(A.subarray(i0 * p, i1 * p), B, C.subarray(i0 * n, i1 * n), i1 - i0, n, p);
}

/**
 * multiplyRowsInto and every function it calls, each self-contained (no module state): another thread
 * evaluates their source (Function.prototype.toString) to run the very same kernel.
 */
export const PRODUCT_KERNEL: readonly ((...args: never[]) => unknown)[] = [multiplyRowsInto, multiplyInto, twoRowsFourK, twoRowsOneK, oneRowOneK];

/**
 * C rows c0, c1 (columns jj…jEnd−1) += A's entries at a0…a0+3 and a1…a1+3 times B's rows b0…b0+3n:
 * two rows of A by four k at a time, so each loaded B entry feeds two multiply-adds and each loaded
 * and stored C entry four (JS has no SIMD: memory operations, not arithmetic, bound these loops).
 */
function twoRowsFourK(A: Float64Array, B: Float64Array, C: Float64Array, a0: number, a1: number, c0: number, c1: number, b0: number, n: number, jj: number, jEnd: number): void {
  const x0 = A[a0], x1 = A[a0 + 1], x2 = A[a0 + 2], x3 = A[a0 + 3];
  const y0 = A[a1], y1 = A[a1 + 1], y2 = A[a1 + 2], y3 = A[a1 + 3];
  const b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
  for (let j = jj; j < jEnd; j++) {
    const v0 = B[b0 + j], v1 = B[b1 + j], v2 = B[b2 + j], v3 = B[b3 + j];
    C[c0 + j] += x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
    C[c1 + j] += y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
  }
}

function twoRowsOneK(B: Float64Array, C: Float64Array, x: number, y: number, c0: number, c1: number, bk: number, jj: number, jEnd: number): void {
  for (let j = jj; j < jEnd; j++) {
    const v = B[bk + j];
    C[c0 + j] += x * v;
    C[c1 + j] += y * v;
  }
}

function oneRowOneK(B: Float64Array, C: Float64Array, x: number, ci: number, bk: number, jj: number, jEnd: number): void {
  for (let j = jj; j < jEnd; j++) C[ci + j] += x * B[bk + j];
}

/** Aᵀ·B without forming Aᵀ. */
export function multiplyTransposeA(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw new Error(`cannot multiply (${a.rows}×${a.cols})ᵀ by ${b.rows}×${b.cols}`);
  const m = a.cols, n = b.cols, p = a.rows;
  const c = zeros(m, n);
  const A = a.data, Bd = b.data, C = c.data;
  for (let k = 0; k < p; k++) {
    const ak = k * m, bk = k * n;
    for (let i = 0; i < m; i++) {
      const aki = A[ak + i];
      if (aki === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) C[ci + j] += aki * Bd[bk + j];
    }
  }
  return c;
}

export function matVec(a: Matrix, x: Float64Array): Float64Array {
  const y = new Float64Array(a.rows);
  const { cols, data } = a;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) s += data[o + j] * x[j];
    y[i] = s;
  }
  return y;
}

export function add(a: Matrix, b: Matrix, scaleB = 1): Matrix {
  assertSameShape(a, b);
  const c = clone(a);
  for (let i = 0; i < c.data.length; i++) c.data[i] += scaleB * b.data[i];
  return c;
}

export function subtract(a: Matrix, b: Matrix): Matrix {
  return add(a, b, -1);
}

export function scale(a: Matrix, s: number): Matrix {
  const c = clone(a);
  for (let i = 0; i < c.data.length; i++) c.data[i] *= s;
  return c;
}

export function frobeniusNorm(a: Matrix): number {
  // Scaled sum of squares: no overflow for entries near 1e200 and no underflow near 1e-200.
  // Indexed loops, not for…of: a first call runs unoptimised, where each iterator step allocates.
  const data = a.data;
  let scaleMax = 0;
  for (let i = 0; i < data.length; i++) scaleMax = Math.max(scaleMax, Math.abs(data[i]));
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  let s = 0;
  for (let i = 0; i < data.length; i++) {
    const t = data[i] / scaleMax;
    s += t * t;
  }
  return scaleMax * Math.sqrt(s);
}

/**
 * ‖A − B‖_F without forming A − B (the Penrose residuals of a 1024² pinv took four 8 MB
 * differences, a clone each, and the collections after them). Scaled as frobeniusNorm.
 */
export function frobeniusDistance(a: Matrix, b: Matrix): number {
  assertSameShape(a, b);
  const x = a.data, y = b.data;
  let scaleMax = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (d > scaleMax) scaleMax = d;
  }
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  // Divided, not multiplied by 1/scaleMax: that is ∞ for a subnormal scaleMax (a pinv near 1e-309).
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const t = (x[i] - y[i]) / scaleMax;
    s += t * t;
  }
  return scaleMax * Math.sqrt(s);
}

/** ‖Sᵀ − S‖_F of a square S without forming Sᵀ: each pair i < j counted twice. */
export function asymmetryNorm(s: Matrix): number {
  if (s.rows !== s.cols) throw new Error(`asymmetryNorm needs a square matrix, got ${s.rows}×${s.cols}`);
  const n = s.rows, data = s.data;
  let scaleMax = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.abs(data[i * n + j] - data[j * n + i]);
      if (d > scaleMax) scaleMax = d;
    }
  }
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const t = (data[i * n + j] - data[j * n + i]) / scaleMax;
      sum += t * t;
    }
  }
  return scaleMax * Math.sqrt(2 * sum);
}

/** Largest absolute column sum. */
export function norm1(a: Matrix): number {
  const sums = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) sums[j] += Math.abs(a.data[i * a.cols + j]);
  return sums.reduce((x, y) => Math.max(x, y), 0);
}

/** Largest absolute row sum. */
export function normInf(a: Matrix): number {
  let best = 0;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += Math.abs(a.data[i * a.cols + j]);
    best = Math.max(best, s);
  }
  return best;
}

export function assertSameShape(a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error(`shape mismatch: ${a.rows}×${a.cols} vs ${b.rows}×${b.cols}`);
}

export function isFiniteMatrix(a: Matrix): boolean {
  const data = a.data;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

/** Largest |entry| (0 for an empty or zero matrix). */
export function maxAbs(a: Matrix): number {
  const data = a.data;
  let best = 0;
  for (let i = 0; i < data.length; i++) {
    const x = Math.abs(data[i]);
    if (x > best) best = x;
  }
  return best;
}

/**
 * k with max|a|·2^k in [0.5, 1): scaling by it is exact (a power of two) and brings a matrix near
 * 1e308 or 1e-320 to where every product and sum of squares stays in range, as LAPACK's dlascl does.
 */
export function unitExponent(a: Matrix): number {
  const max = maxAbs(a);
  if (max === 0 || !Number.isFinite(max)) return 0;
  let k = -Math.floor(Math.log2(max)) - 1;
  // log2 rounds near powers of two; settle on the exact range.
  while (pow2Times(max, k) >= 1) k--;
  while (pow2Times(max, k) < 0.5) k++;
  return k;
}

/** `a` brought to max|a| in [0.5, 1) by an exact power of two, with the exponent k used (a itself when k = 0). */
export function toUnitScale(a: Matrix): { readonly unit: Matrix; readonly exponent: number } {
  const exponent = unitExponent(a);
  return { unit: exponent === 0 ? a : scaleByPowerOfTwo(a, exponent), exponent };
}

/** 2^k as a product of steps that are each doubles (2^k itself is 0 or ∞ for |k| > 1023). */
function pow2Steps(k: number): number[] {
  const steps: number[] = [];
  for (let left = k; left !== 0; ) {
    const step = Math.max(-1000, Math.min(1000, left));
    steps.push(2 ** step);
    left -= step;
  }
  return steps;
}

/** x·2^k for one number (may over- or underflow, as the true value does). */
export function pow2Times(x: number, k: number): number {
  let y = x;
  for (const f of pow2Steps(k)) y *= f;
  return y;
}

/** a·2^k, exact unless the result leaves the double range. */
export function scaleByPowerOfTwo(a: Matrix, k: number, into?: Float64Array): Matrix {
  if (!into) return scaleByPowerOfTwoInPlace(clone(a), k);
  copyScaledByPowerOfTwo(a.data, into, k);
  return { rows: a.rows, cols: a.cols, data: into };
}

/** to[i] = from[i]·2^k (to at least as long as from), in one pass when one factor does it: the same bits as a copy scaled in place. */
export function copyScaledByPowerOfTwo(from: Float64Array, to: Float64Array, k: number): void {
  const steps = pow2Steps(k);
  if (steps.length === 1) {
    const f = steps[0];
    for (let i = 0; i < from.length; i++) to[i] = from[i] * f;
    return;
  }
  to.set(from);
  for (const f of steps) for (let i = 0; i < from.length; i++) to[i] *= f;
}

/** a ← a·2^k (returned): for a result no one else holds, so its memory (shared, already touched) is kept. */
export function scaleByPowerOfTwoInPlace(a: Matrix, k: number): Matrix {
  for (const f of pow2Steps(k)) for (let i = 0; i < a.data.length; i++) a.data[i] *= f;
  return a;
}
