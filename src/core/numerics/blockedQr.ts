// The blocked Householder QR (dgeqrf), apart from blockReflector.ts, whose compact-WY blocks it builds
// for its trailing updates: the QR has its own loops (W ← (I − V·T·Vᵀ)ᵀ·W, by columns) and WebAssembly route.
import { axpy, compactWY, type CompactWY } from './blockReflector';
import { applyLeft, makeReflector, type Reflector } from './householder';
import { type WasmKernel, wasmKernel } from './wasmProduct';

/** Reflectors per QR panel: the QR, whose panels are reduced column by column, is fastest with 8 (blockReflector's BLOCK_SIZE). */
const QR_PANEL = 8;

/**
 * Householder QR of a tall row-major m×n matrix in place, LAPACK's dgeqrf: each panel of
 * `blockSize` columns is reduced one reflector at a time (touching the panel only), then the
 * trailing columns take the whole panel at once as W ← (I − V·T·Vᵀ)ᵀ·W. Returns the reflectors;
 * R is left in the upper triangle (the diagonal holds β) and the entries below are garbage.
 */
export function householderQr(w: Float64Array, m: number, n: number, checkpoint?: () => void, blockSize = QR_PANEL, wasm = true): Reflector[] {
  const kernel = wasm && m * n * n >= WASM_MIN_QR ? wasmKernel() : undefined;
  if (!kernel) return householderQrIn(w, m, n, checkpoint, blockSize, undefined);
  // The matrix in the kernel's memory for the whole factorisation (the panels' JS work reads it there),
  // then a panel's reflectors (k × m) and its Z (k × n).
  const panel = Math.min(blockSize, n);
  const VT = m * n, Z = VT + panel * m;
  const bytes = (Z + panel * n) * 8;
  const have = kernel.memory.buffer.byteLength;
  if (bytes > have) kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  const memory = new Float64Array(kernel.memory.buffer);
  const a = memory.subarray(0, m * n);
  a.set(w.subarray(0, m * n));
  const reflectors = householderQrIn(a, m, n, checkpoint, blockSize, { kernel, memory, VT, Z });
  w.set(a);
  return reflectors;
}

/** From this many m·n² multiply-adds a QR's trailing updates run in the WebAssembly kernel (panelRows). */
export const WASM_MIN_QR = 1 << 18;

interface QrInKernel {
  readonly kernel: WasmKernel;
  /** The kernel's memory; the matrix at 0, vt at VT, Z at Z (in doubles). */
  readonly memory: Float64Array;
  readonly VT: number;
  readonly Z: number;
}

function householderQrIn(w: Float64Array, m: number, n: number, checkpoint: (() => void) | undefined, blockSize: number, inKernel: QrInKernel | undefined): Reflector[] {
  const reflectors: Reflector[] = [];
  const col = new Float64Array(m);
  const work = new Float64Array(n);
  for (let j0 = 0; j0 < n; j0 += blockSize) {
    const j1 = Math.min(j0 + blockSize, n);
    for (let j = j0; j < j1; j++) {
      const len = m - j;
      for (let i = 0; i < len; i++) col[i] = w[(j + i) * n + j];
      const { reflector, beta } = makeReflector(col.subarray(0, len), j);
      applyLeft(reflector, w, n, j + 1, j1, work);
      w[j * n + j] = beta;
      reflectors.push(reflector);
    }
    if (j1 < n) {
      const block = compactWY(reflectors.slice(j0, j1));
      if (inKernel) applyTransposedFromLeftInKernel(block, n, j1, n, inKernel);
      else applyTransposedFromLeft(block, w, n, j1, n);
    }
    checkpoint?.();
  }
  return reflectors;
}

/**
 * applyTransposedFromLeft on the matrix in the kernel's memory: Z = Vᵀ·W and W −= V·Z there (SIMD, each
 * row of W read once per pass), Z ← Tᵀ·Z here (k²·width, small). A fresh 512×256 QR ran its JS loops
 * interpreted first: ~75 ms of CPU.
 */
function applyTransposedFromLeftInKernel(block: CompactWY, cols: number, c0: number, c1: number, { kernel, memory, VT, Z }: QrInKernel): void {
  const { k, vt, length, start, t } = block;
  const width = c1 - c0;
  memory.set(vt, VT);
  const z = memory.subarray(Z, Z + k * width);
  z.fill(0);
  kernel.panelRows(0, cols, c0, width, start, length, VT * 8, k, Z * 8, 1);
  for (let a = k - 1; a >= 0; a--) {
    const za = a * width;
    const taa = t[a * k + a];
    for (let c = 0; c < width; c++) z[za + c] *= taa;
    for (let j = 0; j < a; j++) axpy(t[j * k + a], z, j * width, z, za, 0, width);
  }
  kernel.panelRows(0, cols, c0, width, start, length, VT * 8, k, Z * 8, 0);
}

/**
 * W ← (I − V·T·Vᵀ)ᵀ·W on columns c0…c1−1 of the block's rows: Z = Vᵀ·W, Z ← Tᵀ·Z, W −= V·Z.
 * Four rows of W against two reflectors when forming Z, two rows against four when updating W.
 */
function applyTransposedFromLeft(block: CompactWY, data: Float64Array, cols: number, c0: number, c1: number): void {
  const { k, vt, length, start, t } = block;
  const width = c1 - c0;
  const z = new Float64Array(k * width);
  let r = 0;
  for (; r + 3 < length; r += 4) {
    const w0 = (start + r) * cols + c0;
    let b = 0;
    for (; b + 1 < k; b += 2) zFromFourRows(z, b * width, vt, b * length + r, length, data, w0, cols, width);
    for (; b < k; b++) for (let q = 0; q < 4; q++) axpy(vt[b * length + r + q], data, w0 + q * cols, z, b * width, 0, width);
  }
  for (; r < length; r++) for (let b = 0; b < k; b++) axpy(vt[b * length + r], data, (start + r) * cols + c0, z, b * width, 0, width);
  // Z ← Tᵀ·Z from the last row up (row a needs the old rows j ≤ a).
  for (let a = k - 1; a >= 0; a--) {
    const za = a * width;
    const taa = t[a * k + a];
    for (let c = 0; c < width; c++) z[za + c] *= taa;
    for (let j = 0; j < a; j++) axpy(t[j * k + a], z, j * width, z, za, 0, width);
  }
  r = 0;
  for (; r + 1 < length; r += 2) {
    const w0 = (start + r) * cols + c0;
    let b = 0;
    for (; b + 3 < k; b += 4) twoRowsMinusFourZ(data, w0, w0 + cols, vt, b * length + r, length, z, b * width, width);
    for (; b < k; b++) for (let q = 0; q < 2; q++) axpy(-vt[b * length + r + q], z, b * width, data, w0 + q * cols, 0, width);
  }
  for (; r < length; r++) for (let b = 0; b < k; b++) axpy(-vt[b * length + r], z, b * width, data, (start + r) * cols + c0, 0, width);
}

// The two loops of applyTransposedFromLeft that do its O(k·rows·width) work, as leaves: called
// thousands of times per QR, they are optimised early and stay so (see multiplyInto in matrix.ts).

/** z rows za, za+width += the two reflectors' entries at v, v+1…v+3 (and the next row of vt) times data's four rows at w0. */
function zFromFourRows(z: Float64Array, za: number, vt: Float64Array, va: number, length: number, data: Float64Array, w0: number, cols: number, width: number): void {
  const vb = va + length, zb = za + width;
  const a0 = vt[va], a1 = vt[va + 1], a2 = vt[va + 2], a3 = vt[va + 3];
  const b0 = vt[vb], b1 = vt[vb + 1], b2 = vt[vb + 2], b3 = vt[vb + 3];
  const w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
  for (let c = 0; c < width; c++) {
    const x0 = data[w0 + c], x1 = data[w1 + c], x2 = data[w2 + c], x3 = data[w3 + c];
    z[za + c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
    z[zb + c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
  }
}

/** data rows w0, w1 −= four reflectors' entries (rows v0… of vt, at this row and the next) times z's four rows from z0. */
function twoRowsMinusFourZ(data: Float64Array, w0: number, w1: number, vt: Float64Array, v0: number, length: number, z: Float64Array, z0: number, width: number): void {
  const v1 = v0 + length, v2 = v1 + length, v3 = v2 + length;
  const a0 = vt[v0], a1 = vt[v1], a2 = vt[v2], a3 = vt[v3];
  const b0 = vt[v0 + 1], b1 = vt[v1 + 1], b2 = vt[v2 + 1], b3 = vt[v3 + 1];
  const z1 = z0 + width, z2 = z1 + width, z3 = z2 + width;
  for (let c = 0; c < width; c++) {
    const p = z[z0 + c], q = z[z1 + c], s = z[z2 + c], u = z[z3 + c];
    data[w0 + c] -= a0 * p + a1 * q + a2 * s + a3 * u;
    data[w1 + c] -= b0 * p + b1 * q + b2 * s + b3 * u;
  }
}
