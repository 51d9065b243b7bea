// Many Householder reflectors applied at once (compact WY, LAPACK's dlarft + dlarfb): k reflectors
// become H_0·…·H_{k−1} = I − V·T·Vᵀ, so applying them to a row is two small matrix products instead
// of k dot-product/axpy passes. Rows go four at a time against two reflectors at a time: each loaded
// row entry then feeds two multiply-adds and each loaded reflector entry four (JS has no SIMD, so
// loads, not arithmetic, bound these loops), with 8 accumulators + 6 loads fitting in 16 registers.
import { type Reflector } from './householder';
import { type WasmKernel, wasmKernel, wasmMultiplyRows, wasmPackB } from './wasmProduct';

/** H_0·…·H_{k−1} = I − V·T·Vᵀ over the indices start … start+length−1. */
export interface CompactWY {
  readonly start: number;
  readonly length: number;
  readonly k: number;
  /** k × length, row b = reflector b's v, zero before its own offset. */
  readonly vt: Float64Array;
  /** Where row b of vt stops being zero. */
  readonly firstNonzero: Int32Array;
  /** k × k upper triangular, row-major. */
  readonly t: Float64Array;
  /** vtᵀ (length × k), where compactWY had the WebAssembly kernel make T. */
  vtT?: Float64Array;
  /** What the WebAssembly route needs, made on its first use by each thread (applyCompactWYWasm). */
  wasm?: { readonly vtT: Float64Array; readonly minusP: Float64Array };
}

/**
 * The block of `reflectors`. With `kernel`, the Gram matrix vt·vtᵀ that T needs is one product through
 * it (a fresh 1024² pinv spent ~150 ms of CPU in these dot products as JS): the same bits, as the
 * kernel sums each entry in k order and the entries before firstNonzero add exact zeros.
 */
export function compactWY(reflectors: readonly Reflector[], kernel?: WasmKernel): CompactWY {
  const k = reflectors.length;
  const start = Math.min(...reflectors.map((h) => h.offset));
  const length = Math.max(...reflectors.map((h) => h.offset + h.v.length)) - start;
  const vt = new Float64Array(k * length);
  const firstNonzero = new Int32Array(k);
  reflectors.forEach((h, b) => {
    firstNonzero[b] = h.offset - start;
    vt.set(h.v, b * length + firstNonzero[b]);
  });
  // dlarft, forward and columnwise: T[0:i, i] = −τ_i · T[0:i, 0:i] · (V[:, 0:i]ᵀ · v_i).
  const t = new Float64Array(k * k);
  const z = new Float64Array(k);
  let vtT: Float64Array | undefined, gram: Float64Array | undefined;
  if (kernel && k > 1) {
    vtT = new Float64Array(length * k);
    for (let b = 0; b < k; b++) for (let c = 0; c < length; c++) vtT[c * k + b] = vt[b * length + c];
    gram = new Float64Array(k * k);
    wasmPackB(kernel, vtT, length, k);
    wasmMultiplyRows(kernel, vt, gram, 0, k);
  }
  for (let i = 0; i < k; i++) {
    const tau = reflectors[i].tau;
    t[i * k + i] = tau;
    if (tau === 0) continue;
    const vi = i * length, from = firstNonzero[i];
    for (let j = 0; j < i; j++) {
      if (gram) {
        z[j] = gram[j * k + i];
        continue;
      }
      const vj = j * length;
      let s = 0;
      for (let c = from; c < length; c++) s += vt[vj + c] * vt[vi + c];
      z[j] = s;
    }
    for (let a = 0; a < i; a++) {
      let s = 0;
      for (let j = a; j < i; j++) s += t[a * k + j] * z[j];
      t[a * k + i] = -tau * s;
    }
  }
  return { start, length, k, vt, firstNonzero, t, vtT };
}

/**
 * Replaces every row x of a row-major block by H_first·…·H_last·x (the reflectors applied to the rows
 * in reverse order), `blockSize` reflectors per compact-WY block.
 */
export function applyProductToRows(reflectors: readonly Reflector[], data: Float64Array, rowCount: number, rowLength: number, blockSize = blockSizeFor(rowCount, rowLength, reflectors.length), rows?: RowParallel): void {
  const kernel = reflectorKernel(rowCount, rowLength, reflectors.length);
  if (rows && reflectors.length > 0 && rows.applyBlocks(blocksOf(reflectors, blockSize, kernel), data, rowCount, rowLength, false)) return;
  for (let q1 = reflectors.length; q1 > 0; q1 -= blockSize) {
    const block = compactWY(reflectors.slice(Math.max(0, q1 - blockSize), q1), kernel);
    applyCompactWY(block, data, 0, rowCount, rowLength, kernel);
  }
}

/**
 * The WebAssembly kernel for a job of `rows` rows of `rowLength` through `reflectors` reflectors when it
 * is large, else undefined (the JS loops). Its copies in and out of the kernel's memory, run cold in a
 * fresh process, cost more than they save on a 512×256 pinv's Q₁ᵀ (256·512·256: 47 → 63 ms of CPU) and
 * less on a 1024² inverse's U_Bᵀ and V_B·Z (1024³ each: 910 → 650 ms).
 */
export function reflectorKernel(rows: number, rowLength: number, reflectors: number): WasmKernel | undefined {
  return rows * rowLength * reflectors >= 1 << 28 ? wasmKernel() : undefined;
}

/**
 * Another thread to share rows with (a worker thread, computeJobs/parallelProduct): every row is transformed
 * on its own, so the rows can be split. applyBlocks applies the blocks in order to every row of data
 * (from row block.start on when `fromStart`, the rows before it being e_i as in
 * productOfReflectorsTransposed) and returns true, or returns false having done nothing.
 */
export interface RowParallel {
  applyBlocks(blocks: readonly CompactWY[], data: Float64Array, rowCount: number, rowLength: number, fromStart: boolean): boolean;
  /** A zeroed array of `length` that applyBlocks can share without copying it (shared memory). */
  allocate?(length: number): Float64Array;
  /**
   * Starts productOfReflectorsByRows of n reflectors, n long, on the other thread while this one goes
   * on making them (push each as it is made); undefined when there is no other thread for it.
   */
  startRowProduct?(n: number): RowProductInProgress | undefined;
}

/** A productOfReflectorsByRows being formed on another thread. */
export interface RowProductInProgress {
  /** The next reflector, in order; blocks go to the other thread as they fill. */
  push(reflector: Reflector): void;
  /** After the last push: waits for the other thread and returns the rows (the same bits productOfReflectorsByRows gives). */
  finish(): Float64Array;
  /** Not needed after all: the other thread skips the blocks it has not begun. */
  abandon(): void;
}

/** The compact-WY blocks, in the order they are applied (the last reflectors first). */
export function blocksOf(reflectors: readonly Reflector[], blockSize: number, kernel?: WasmKernel): CompactWY[] {
  const blocks: CompactWY[] = [];
  for (let q1 = reflectors.length; q1 > 0; q1 -= blockSize) blocks.push(compactWY(reflectors.slice(Math.max(0, q1 - blockSize), q1), kernel));
  return blocks;
}

/**
 * Rows lo…hi−1 of data through every block in order: one share of a RowParallel job. Self-contained
 * (no module state), like the functions it calls: the helper thread runs their source (ROW_KERNEL).
 */
export function applyBlocksToRowRange(blocks: readonly CompactWY[], data: Float64Array, lo: number, hi: number, rowLength: number, fromStart: boolean, kernel: WasmKernel | undefined): void {
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    const first = fromStart ? Math.max(lo, Math.min(block.start, hi)) : lo;
    if (first < hi) applyCompactWY(block, data, first, hi, rowLength, kernel);
  }
}

/**
 * Every row x of data ← H_last·…·H_first·x, the reflectors applied in their order (H_first first): one
 * compact-WY block of them reversed, whose product H_last·…·H_first is I − V·T·Vᵀ as well. Self-contained
 * like applyBlocksToRowRange: the helper thread runs it on the blocks the bidiagonalisation hands over.
 */
export function applyReflectorsForward(reflectors: readonly Reflector[], data: Float64Array, rowCount: number, rowLength: number, kernel: WasmKernel | undefined): void {
  const block = compactWY([...reflectors].reverse(), kernel);
  applyCompactWY(block, data, 0, rowCount, rowLength, kernel);
}

/**
 * The n×n product H_first·…·H_last of n-long reflectors, by rows: row i is e_iᵀ·H_first·…·H_last, i.e.
 * e_i taken through the reflectors in their order — so a block can be applied as soon as the
 * reflectors in it are made (a square pinv's U_B, formed on the helper thread while the bidiagonalisation
 * goes on: RowParallel.startRowProduct). 2n³ flops where the transposed product's skipping
 * (productOfReflectorsTransposed) needs 4/3·n³, but that one needs the last reflector first.
 */
export function productOfReflectorsByRows(reflectors: readonly Reflector[], n: number, data: Float64Array = new Float64Array(n * n)): Float64Array {
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  const kernel = reflectorKernel(n, n, reflectors.length);
  const size = rowProductBlockSize(n, reflectors.length);
  for (let q0 = 0; q0 < reflectors.length; q0 += size) applyReflectorsForward(reflectors.slice(q0, q0 + size), data, n, n, kernel);
  return data;
}

/** Reflectors per block of productOfReflectorsByRows: whoever forms it (either thread) cuts the same blocks, so gets the same bits. */
export function rowProductBlockSize(n: number, reflectors: number): number {
  return blockSizeFor(n, n, reflectors);
}

/** applyBlocksToRowRange, applyReflectorsForward and every function they call, for the helper thread (Function.prototype.toString; with WASM_PRODUCT_KERNEL). */
export const ROW_KERNEL: readonly ((...args: never[]) => unknown)[] = [applyBlocksToRowRange, applyReflectorsForward, compactWY, applyCompactWY, applyCompactWYWasm, rowDotsFour, rowDotsOne, dot, rowUpdateFour, rowUpdateOne, axpy];

/**
 * The first `rows` rows of H_last·…·H_first (each `rowLength` long), explicitly: row i starts as e_i.
 * Row i is still e_i when a block starting after i reaches it, and e_i is orthogonal to that block's
 * vectors, so those rows are skipped — 4/3·n³ instead of 2n³ when square (LAPACK's dorgbr/dorgqr).
 */
export function productOfReflectorsTransposed(reflectors: readonly Reflector[], rows: number, rowLength = rows, blockSize = blockSizeFor(rows, rowLength, reflectors.length), parallel?: RowParallel): Float64Array {
  const data = parallel?.allocate?.(rows * rowLength) ?? new Float64Array(rows * rowLength);
  for (let i = 0; i < rows; i++) data[i * rowLength + i] = 1;
  const kernel = reflectorKernel(rows, rowLength, reflectors.length);
  if (parallel && reflectors.length > 0 && parallel.applyBlocks(blocksOf(reflectors, blockSize, kernel), data, rows, rowLength, true)) return data;
  for (let q1 = reflectors.length; q1 > 0; q1 -= blockSize) {
    const block = compactWY(reflectors.slice(Math.max(0, q1 - blockSize), q1), kernel);
    applyCompactWY(block, data, Math.min(block.start, rows), rows, rowLength, kernel);
  }
  return data;
}

/**
 * Reflectors per compact-WY block. Measured 512×256 and 1024²: 8–16 beat 32 (T costs k² per row and
 * k·L to build), and the QR, whose panels are reduced column by column, is fastest with 8.
 */
const BLOCK_SIZE = 16;
/**
 * Reflectors per block on the WebAssembly route: each block is two passes over the rows, and its T is
 * folded into P once (applyCompactWYWasm), so wider blocks are fewer passes (1024²: 32, 64 and 128
 * alike, all ~25% below 16).
 */
const WASM_BLOCK_SIZE = 64;

function blockSizeFor(rows: number, rowLength: number, reflectors: number): number {
  return reflectorKernel(rows, rowLength, reflectors) ? WASM_BLOCK_SIZE : BLOCK_SIZE;
}

/** x ← (I − V·T·Vᵀ)·x for rows firstRow…rowCount−1: w = Vᵀx, u = T·w, x −= V·u. */
function applyCompactWY(block: CompactWY, data: Float64Array, firstRow: number, rowCount: number, rowLength: number, kernel: WasmKernel | undefined): void {
  // Through the WebAssembly SIMD product when the caller passes the kernel (large jobs: reflectorKernel)
  // and the rows are long: decided by the job and the block, never by the rows a call is given, so that
  // two threads splitting the rows get the same bits.
  if (kernel && block.length >= 64) {
    applyCompactWYWasm(block, data, firstRow, rowCount, rowLength, kernel);
    return;
  }
  const { k, t } = block;
  const w = new Float64Array(4 * k), u = new Float64Array(4 * k);
  for (let r = firstRow; r < rowCount; r += 4) {
    const rows = Math.min(4, rowCount - r);
    const base = r * rowLength + block.start;
    if (rows === 4) rowDotsFour(block, data, base, rowLength, w);
    else for (let q = 0; q < rows; q++) rowDotsOne(block, data, base + q * rowLength, w, q * k);
    // u = T·w per row (T upper triangular).
    for (let q = 0; q < rows; q++) {
      const o = q * k;
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let j = a; j < k; j++) s += t[a * k + j] * w[o + j];
        u[o + a] = s;
      }
    }
    if (rows === 4) rowUpdateFour(block, data, base, rowLength, u);
    else for (let q = 0; q < rows; q++) rowUpdateOne(block, data, base + q * rowLength, u, q * k);
  }
}

/**
 * applyCompactWY as two matrix products through the WebAssembly kernel, 256 rows at a time:
 * W = X·vtᵀ (X the rows' segments, R×L; vtᵀ L×k), then X ← X + W·(−P) with P = Tᵀ·vt (k×L), made once
 * per block: x −= V·T·Vᵀx is x −= (xᵀ·V)·Tᵀ·Vᵀ. (The u = T·w of the JS route, row by row in JS here,
 * was a third of a fresh 1024² pinv's reflector time.) Each row's numbers depend on that row alone
 * (sums in a fixed order), whatever rows a call is given.
 */
function applyCompactWYWasm(block: CompactWY, data: Float64Array, firstRow: number, rowCount: number, rowLength: number, kernel: WasmKernel): void {
  const ROWS = 256;
  const { k, t, vt, start } = block;
  const L = block.length;
  let operands = block.wasm;
  if (!operands) {
    let vtT = block.vtT;
    if (!vtT) {
      vtT = new Float64Array(L * k);
      for (let b = 0; b < k; b++) for (let c = 0; c < L; c++) vtT[c * k + b] = vt[b * L + c];
    }
    // −P = (−Tᵀ)·vt through the kernel too.
    const minusTT = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let j = 0; j <= a; j++) minusTT[a * k + j] = -t[j * k + a];
    const minusP = new Float64Array(k * L);
    wasmPackB(kernel, vt, k, L);
    wasmMultiplyRows(kernel, minusTT, minusP, 0, k);
    operands = block.wasm = { vtT, minusP };
  }
  // The rows' segments and their products with vtᵀ, in the kernel's own scratch: a fresh 1–2 MB array per
  // call (hundreds in a 1024² pinv) was ~100 MB of new pages to fault in, ~2.5 ms per MB on our VMs.
  const need = ROWS * (L + k);
  if (!kernel.scratch || kernel.scratch.length < need) kernel.scratch = new Float64Array(Math.max(need, ROWS * (rowLength + k)));
  const x = kernel.scratch.subarray(0, ROWS * L), w = kernel.scratch.subarray(ROWS * L, need);
  for (let r0 = firstRow; r0 < rowCount; r0 += ROWS) {
    const rows = Math.min(ROWS, rowCount - r0);
    for (let q = 0; q < rows; q++) {
      const from = (r0 + q) * rowLength + start;
      x.set(data.subarray(from, from + L), q * L);
    }
    wasmPackB(kernel, operands.vtT, L, k);
    wasmMultiplyRows(kernel, x, w, 0, rows);
    wasmPackB(kernel, operands.minusP, k, L);
    wasmMultiplyRows(kernel, w, x, 0, rows, true);
    for (let q = 0; q < rows; q++) data.set(x.subarray(q * L, (q + 1) * L), (r0 + q) * rowLength + start);
  }
}

/** w[q·k + b] = Σ_c x_q[c]·vt[b][c] for the four rows at base, base + stride, … */
function rowDotsFour(block: CompactWY, x: Float64Array, base: number, stride: number, w: Float64Array): void {
  const { k, vt, length, firstNonzero } = block;
  const r0 = base, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
  let b = 0;
  for (; b + 1 < k; b += 2) {
    const va = b * length, vb = va + length;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    // From the earlier start of the pair: a block in reverse order (applyReflectorsForward) has them decreasing.
    for (let c = Math.min(firstNonzero[b], firstNonzero[b + 1]); c < length; c++) {
      const p = vt[va + c], q = vt[vb + c];
      const x0 = x[r0 + c], x1 = x[r1 + c], x2 = x[r2 + c], x3 = x[r3 + c];
      a0 += x0 * p;
      a1 += x1 * p;
      a2 += x2 * p;
      a3 += x3 * p;
      b0 += x0 * q;
      b1 += x1 * q;
      b2 += x2 * q;
      b3 += x3 * q;
    }
    w[b] = a0;
    w[k + b] = a1;
    w[2 * k + b] = a2;
    w[3 * k + b] = a3;
    w[b + 1] = b0;
    w[k + b + 1] = b1;
    w[2 * k + b + 1] = b2;
    w[3 * k + b + 1] = b3;
  }
  if (b < k) for (let q = 0; q < 4; q++) w[q * k + b] = dot(vt, b * length, x, base + q * stride, firstNonzero[b], length);
}

function rowDotsOne(block: CompactWY, x: Float64Array, base: number, w: Float64Array, offset: number): void {
  const { k, vt, length, firstNonzero } = block;
  for (let b = 0; b < k; b++) w[offset + b] = dot(vt, b * length, x, base, firstNonzero[b], length);
}

function dot(vt: Float64Array, vBase: number, x: Float64Array, xBase: number, from: number, to: number): number {
  let s = 0;
  for (let c = from; c < to; c++) s += vt[vBase + c] * x[xBase + c];
  return s;
}

/** x_q[c] −= Σ_b u[q·k + b]·vt[b][c] for the four rows at base, base + stride, … */
function rowUpdateFour(block: CompactWY, x: Float64Array, base: number, stride: number, u: Float64Array): void {
  const { k, vt, length, firstNonzero } = block;
  const r0 = base, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
  let b = 0;
  for (; b + 1 < k; b += 2) {
    const va = b * length, vb = va + length;
    const a0 = u[b], a1 = u[k + b], a2 = u[2 * k + b], a3 = u[3 * k + b];
    const b0 = u[b + 1], b1 = u[k + b + 1], b2 = u[2 * k + b + 1], b3 = u[3 * k + b + 1];
    for (let c = Math.min(firstNonzero[b], firstNonzero[b + 1]); c < length; c++) {
      const p = vt[va + c], q = vt[vb + c];
      x[r0 + c] -= a0 * p + b0 * q;
      x[r1 + c] -= a1 * p + b1 * q;
      x[r2 + c] -= a2 * p + b2 * q;
      x[r3 + c] -= a3 * p + b3 * q;
    }
  }
  if (b < k) for (let q = 0; q < 4; q++) axpy(-u[q * k + b], vt, b * length, x, base + q * stride, firstNonzero[b], length);
}

function rowUpdateOne(block: CompactWY, x: Float64Array, base: number, u: Float64Array, offset: number): void {
  const { k, vt, length, firstNonzero } = block;
  for (let b = 0; b < k; b++) axpy(-u[offset + b], vt, b * length, x, base, firstNonzero[b], length);
}

/** y[yBase + c] += f·x[xBase + c] for c in from…to−1. */
export function axpy(f: number, x: Float64Array, xBase: number, y: Float64Array, yBase: number, from: number, to: number): void {
  if (f === 0) return;
  for (let c = from; c < to; c++) y[yBase + c] += f * x[xBase + c];
}
