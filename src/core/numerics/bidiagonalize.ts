// Householder reduction to upper bidiagonal form, A = Q_qr · U_B · B · V_Bᵀ (m ≥ n), in f64.
// Tall input is first reduced by blocked QR; the square part one column at a time (dgebd2), with the
// left and right reflector updates fused into one pass over the trailing rows per column. LAPACK's
// panelled dlabrd was tried here and bought nothing at 1024×1024: half its work is matrix–vector
// products that stream the trailing matrix from memory twice per column.
import { householderQr } from './blockedQr';
import { makeReflector, type Reflector } from './householder';
import { copyScaledByPowerOfTwo, type Matrix } from './matrix';
import { type WasmKernel, wasmKernel } from './wasmProduct';

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
  /** false: the JS loops even where the WebAssembly kernel would run (tests compare the two). */
  readonly wasm?: boolean;
  /**
   * The matrix reduced is A·2^inputExponent (exact but at the ends of the double range): pinv's scaling,
   * done in the copy the reduction makes anyway instead of in one more (8 MB to fault in at 1024²).
   */
  readonly inputExponent?: number;
  /** Square input: each left reflector of U_B as soon as it is made (a pinv forms U_B meanwhile, on another thread). */
  readonly onLeftReflector?: (reflector: Reflector) => void;
}

/**
 * From this order on the square part is reduced by the WebAssembly kernel (gemm.wat, reduceRows): the
 * JS loops run interpreted, then half-optimised, for most of a fresh process's reduction (1024²: 1.2 s
 * of a 4 s one-shot pinv), and without SIMD. Below it the copies in and the instance cost more.
 */
export const WASM_MIN_REDUCTION = 48;

/** m ≥ n: A = Q_qr · U_B · B · V_Bᵀ with B upper bidiagonal (d, e). */
export function bidiagonalize(a: Matrix, options: ReductionOptions = {}): Bidiagonal {
  if (a.rows < a.cols) throw new Error('bidiagonalize needs rows ≥ columns (transpose first)');
  const m = a.rows, n = a.cols;
  // 1. QR when tall: the bidiagonalisation then runs on n×n instead of m×n.
  let square: Float64Array;
  let r: Float64Array | undefined;
  let qrReflectors: Reflector[] = [];
  const exponent = options.inputExponent ?? 0;
  if (m > n) {
    const w = new Float64Array(a.data.length);
    copyScaledByPowerOfTwo(a.data, w, exponent);
    qrReflectors = householderQr(w, m, n, options.checkpoint, undefined, options.wasm !== false);
    square = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) square[i * n + j] = w[i * n + j];
    r = square.slice();
  } else {
    square = a.data;
  }
  // Scaled in the copy below (square input); the tall one's R is scaled already.
  const squareExponent = m > n ? 0 : exponent;
  // 2. Bidiagonalise the square part (a copy: `square` itself is left as it is).
  const out: SquareReduction = { d: new Float64Array(n), e: new Float64Array(n), left: [], right: [], onLeft: m === n ? options.onLeftReflector : undefined };
  const kernel = options.wasm !== false && n >= WASM_MIN_REDUCTION ? wasmKernel() : undefined;
  if (kernel) reduceColumnsWasm(square, squareExponent, n, out, kernel, options.checkpoint);
  else if (m > n) reduceColumns(square, n, out, options.checkpoint);
  else {
    const copy = new Float64Array(square.length);
    copyScaledByPowerOfTwo(square, copy, squareExponent);
    reduceColumns(copy, n, out, options.checkpoint);
  }
  return { m, n, d: out.d, e: out.e, qrReflectors, left: out.left, right: out.right, r };
}

interface SquareReduction {
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly left: Reflector[];
  readonly right: Reflector[];
  readonly onLeft?: (reflector: Reflector) => void;
}

/**
 * dgebd2 with the updates fused ("BLAS 2.5"): one pass over the trailing rows per column applies the
 * left reflector j and the right reflector j to each row while it is in cache, and gathers what the
 * next left reflector needs — its column, and S = Σ_{r>j+1} x_r·A[r,:] so that w = vᵀ·A is
 * A[j+1,:] + S/(α−β) without a pass of its own. The plain version streamed the trailing matrix
 * three times per column (1024×1024: 1.0 s of the 1.9 s pinv).
 */
function reduceColumns(square: Float64Array, n: number, out: SquareReduction, checkpoint?: () => void): void {
  const col = new Float64Array(n);
  const w = new Float64Array(n);
  const s = new Float64Array(n);
  let left = firstLeftReflector(square, n, col, w);
  for (let j = 0; ; j++) {
    const right = rowStep(square, n, j, left, w, out);
    if (!right) break;
    const { tau: tauL, v: vL } = left.reflector;
    const c0 = j + 1;
    const { tau: tauR, v: vR } = right.reflector;
    s.fill(0, c0 + 1, n);
    // Row c0 (the next pivot row) alone, then four rows at a time so each load of w, v_R and S
    // serves four rows (JS has no SIMD: loads are the bottleneck).
    updateRow(square, n, c0, c0, tauL * vL[c0 - j], w, tauR, vR, col, undefined);
    let r = c0 + 1;
    for (; r + 3 < n; r += 4) updateFourRows(square, n, r, c0, tauL, vL, j, w, tauR, vR, col, s);
    for (; r < n; r++) updateRow(square, n, r, c0, tauL * vL[r - j], w, tauR, vR, col, s);
    left = nextLeftReflector(square, n, c0, col, s, w);
    checkpoint?.();
  }
}

/** The first column's left reflector (`col` gets the column), and w = vᵀ·A[:, 1:] for it (w must come zeroed). */
function firstLeftReflector(square: Float64Array, n: number, col: Float64Array, w: Float64Array): ReturnType<typeof makeReflector> {
  for (let i = 0; i < n; i++) col[i] = square[i * n];
  const left = makeReflector(col, 0);
  for (let r = 0; r < n; r++) {
    const vr = left.reflector.v[r], base = r * n;
    if (vr !== 0) for (let c = 1; c < n; c++) w[c] += vr * square[base + c];
  }
  return left;
}

/**
 * Column j's left reflector recorded; row j's left update (v[0] = 1), then the right reflector from
 * what is right of its diagonal, recorded and returned — none after the last column.
 */
function rowStep(square: Float64Array, n: number, j: number, left: ReturnType<typeof makeReflector>, w: Float64Array, out: SquareReduction): ReturnType<typeof makeReflector> | undefined {
  out.d[j] = left.beta;
  out.left.push(left.reflector);
  out.onLeft?.(left.reflector);
  if (j === n - 1) return undefined;
  const tauL = left.reflector.tau;
  const c0 = j + 1;
  const rowJ = j * n;
  if (tauL !== 0) for (let c = c0; c < n; c++) square[rowJ + c] -= tauL * w[c];
  const right = makeReflector(square.slice(rowJ + c0, rowJ + n), c0);
  out.e[j] = right.beta;
  out.right.push(right.reflector);
  return right;
}

/** The next column's left reflector from `col` (filled by the row updates), and its w from S. */
function nextLeftReflector(square: Float64Array, n: number, c0: number, col: Float64Array, s: Float64Array, w: Float64Array): ReturnType<typeof makeReflector> {
  const left = makeReflector(col.subarray(0, n - c0), c0);
  if (left.reflector.tau !== 0) {
    // The same 1/(α−β) makeReflector scaled v by.
    const inv = 1 / (col[0] - left.beta);
    const pivot = c0 * n;
    for (let c = c0 + 1; c < n; c++) w[c] = square[pivot + c] + inv * s[c];
  }
  return left;
}

/**
 * reduceColumns with the O(n³) row updates in the WebAssembly kernel: the matrix and the vectors the
 * updates read live in the kernel's memory, the O(n) work per column (the reflectors) stays here.
 */
function reduceColumnsWasm(input: Float64Array, exponent: number, n: number, out: SquareReduction, kernel: WasmKernel, checkpoint?: () => void): void {
  // Doubles: the matrix, then w, s, v_R, col and the left reflector's factors fl, n each.
  const W = n * n, S = W + n, VR = S + n, COL = VR + n, FL = COL + n;
  const bytes = (FL + n) * 8;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  const memory = new Float64Array(kernel.memory.buffer);
  const square = memory.subarray(0, W);
  copyScaledByPowerOfTwo(input.subarray(0, W), square, exponent);
  const w = memory.subarray(W, W + n), s = memory.subarray(S, S + n), vR = memory.subarray(VR, VR + n);
  const col = memory.subarray(COL, COL + n), fl = memory.subarray(FL, FL + n);
  w.fill(0);
  let left = firstLeftReflector(square, n, col, w);
  for (let j = 0; ; j++) {
    const right = rowStep(square, n, j, left, w, out);
    if (!right) break;
    const { tau: tauL, v: vL } = left.reflector;
    const c0 = j + 1;
    vR.set(right.reflector.v);
    s.fill(0, c0 + 1, n);
    for (let r = c0; r < n; r++) fl[r] = tauL * vL[r - j];
    // The pivot row c0 adds nothing to S; the rows below it do.
    kernel.reduceRows(0, n, c0, c0, c0 + 1, FL * 8, W * 8, VR * 8, right.reflector.tau, COL * 8, S * 8, 0);
    kernel.reduceRows(0, n, c0, c0 + 1, n, FL * 8, W * 8, VR * 8, right.reflector.tau, COL * 8, S * 8, 1);
    left = nextLeftReflector(square, n, c0, col, s, w);
    checkpoint?.();
  }
}

/** Row r ← H_L·row (factor fl = τ_L·v_L[r]), then ·H_R; records its column-c0 entry and adds it·row to S. */
function updateRow(
  a: Float64Array, n: number, r: number, c0: number, fl: number, w: Float64Array,
  tauR: number, vR: Float64Array, col: Float64Array, s: Float64Array | undefined,
): void {
  const base = r * n;
  let dot = 0;
  for (let c = c0, t = 0; c < n; c++, t++) {
    const value = a[base + c] - fl * w[c];
    a[base + c] = value;
    dot += value * vR[t];
  }
  const fr = tauR * dot;
  const x = a[base + c0] - fr; // v_R[0] = 1
  a[base + c0] = x;
  col[r - c0] = x;
  for (let c = c0 + 1, t = 1; c < n; c++, t++) {
    const value = a[base + c] - fr * vR[t];
    a[base + c] = value;
    if (s) s[c] += x * value;
  }
}

/** updateRow for rows r…r+3 in two sweeps. */
function updateFourRows(
  a: Float64Array, n: number, r: number, c0: number, tauL: number, vL: Float64Array, j: number, w: Float64Array,
  tauR: number, vR: Float64Array, col: Float64Array, s: Float64Array,
): void {
  const b0 = r * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
  const f0 = tauL * vL[r - j], f1 = tauL * vL[r + 1 - j], f2 = tauL * vL[r + 2 - j], f3 = tauL * vL[r + 3 - j];
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  for (let c = c0, t = 0; c < n; c++, t++) {
    const wc = w[c], vt = vR[t];
    const x0 = a[b0 + c] - f0 * wc, x1 = a[b1 + c] - f1 * wc, x2 = a[b2 + c] - f2 * wc, x3 = a[b3 + c] - f3 * wc;
    a[b0 + c] = x0;
    a[b1 + c] = x1;
    a[b2 + c] = x2;
    a[b3 + c] = x3;
    d0 += x0 * vt;
    d1 += x1 * vt;
    d2 += x2 * vt;
    d3 += x3 * vt;
  }
  const g0 = tauR * d0, g1 = tauR * d1, g2 = tauR * d2, g3 = tauR * d3;
  const x0 = a[b0 + c0] - g0, x1 = a[b1 + c0] - g1, x2 = a[b2 + c0] - g2, x3 = a[b3 + c0] - g3;
  a[b0 + c0] = x0;
  a[b1 + c0] = x1;
  a[b2 + c0] = x2;
  a[b3 + c0] = x3;
  const at = r - c0;
  col[at] = x0;
  col[at + 1] = x1;
  col[at + 2] = x2;
  col[at + 3] = x3;
  for (let c = c0 + 1, t = 1; c < n; c++, t++) {
    const vt = vR[t];
    const y0 = a[b0 + c] - g0 * vt, y1 = a[b1 + c] - g1 * vt, y2 = a[b2 + c] - g2 * vt, y3 = a[b3 + c] - g3 * vt;
    a[b0 + c] = y0;
    a[b1 + c] = y1;
    a[b2 + c] = y2;
    a[b3 + c] = y3;
    s[c] += x0 * y0 + x1 * y1 + x2 * y2 + x3 * y3;
  }
}
