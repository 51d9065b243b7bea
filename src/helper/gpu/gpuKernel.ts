/// <reference types="@webgpu/types" />
// The S4 kernel K_l = C·Ā^l·B̄ (l < L) on the GPU as matrix products, the tiled matmul's work. A
// step-by-step recurrence (one N×N mat-vec per step in one workgroup) took 40 s for N = 1024,
// L = 65536 on an H200, ten times its CPU. Split l = j·c + i (c a power of two): then
//   K[j·c + i] = (C·Ā^{cj}) · (Ā^i·B̄),  i.e.  K = R·V  (rows × c, row-major = K in order), with
//   V = [B̄, ĀB̄, …, Ā^{c−1}B̄] (N×c), built by doubling as Vᵀ: Vᵀ ← [Vᵀ; Vᵀ·(Ā^w)ᵀ], (Ā^{2w})ᵀ = ((Ā^w)ᵀ)²;
//   R's rows C·Ā^{cj} (j < L/c), each the previous one times Ā^c (one thin dispatch per row).
// This is the CPU's blocked kernel (core/numerics/kernel.ts) with the squarings and V·R on the GPU:
// log₂c·N³ + (c + L/c)·N² multiply-adds instead of the recurrence's L·N². No power beyond Ā^c is
// ever formed; higher ones are applied to vectors, so the f32 rounding grows as in the recurrence
// (the LegS Ā is far from normal: checked per l in test/unit/helper/gpuKernel.test.ts).
import { ComputeError } from '../../computeJobs/errors';
import type { GpuMatrix, GpuOps } from './gpuOps';

/** Vᵀ's share of memory: c·N f32 ≤ 2²² (16 MiB). */
const V_ENTRIES = 1 << 22;
/** Transposing Vᵀ takes c/16 workgroups in one dimension; WebGPU guarantees 65535 (so at small N, c ≤ 2¹⁹). */
const MAX_WIDTH = 1 << 19;
/**
 * R's rows are L/c dependent dispatches (batched into one submit, gpuOps.ts rowChain), each a bind
 * group from JavaScript and a launch that waits for the one before: ~10 µs, the time a large GPU
 * takes for ~2²⁶ multiply-adds. A wider c pays for squarings to save them.
 */
const DISPATCH_COST = 2 ** 26;

/** Block width c: the power of two (at most L rounded up) minimising the work and dispatch estimate. */
export function kernelBlockWidth(n: number, length: number, maxBindingBytes: number): number {
  const cap = Math.min(MAX_WIDTH, Math.min(V_ENTRIES, Math.floor(maxBindingBytes / 4)) / n);
  let best = 1, bestCost = Infinity;
  for (let c = 1, lg = 0; ; c *= 2, lg++) {
    const rows = Math.ceil(length / c);
    const cost = lg * n ** 3 + (c + rows) * n * n + rows * DISPATCH_COST;
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
    if (c >= length || 2 * c > cap) return best;
  }
}

/**
 * K_l = C·Ā^l·B̄ for l in [0, length), Ā row-major N×N. `between` runs after each batch of work that
 * is waited for (one batch in flight at a time, so a cancel lands within one batch). `width`
 * overrides the block width (tests reach the row chain with it).
 */
export async function s4KernelProducts(
  ops: GpuOps,
  aBar: ArrayLike<number>,
  n: number,
  bBar: ArrayLike<number>,
  c: ArrayLike<number>,
  length: number,
  between: () => void,
  width?: number,
): Promise<{ kernel: Float32Array; width: number }> {
  const limits = ops.device.limits;
  const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const cols = width ?? kernelBlockWidth(n, length, maxBinding);
  const rows = Math.ceil(length / cols);
  const largest = Math.max(n * n, cols * n, rows * n, rows * cols) * 4;
  if (largest > maxBinding) {
    throw new ComputeError('unsupported', `the GPU kernel needs ${largest}-byte buffers and this device binds at most ${maxBinding}: use a smaller N or L, or --backend cpu`);
  }
  const step = async () => {
    await ops.device.queue.onSubmittedWorkDone();
    between();
  };
  const aT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) aT[j * n + i] = aBar[i * n + j];
  // power = (Ā^w)ᵀ; spare receives the next square (a product may not write what it reads).
  let power = ops.matrix(n, n, aT);
  let spare = ops.matrix(n, n);
  const vT = ops.matrix(cols, n);
  ops.copyInto(ops.upload(bBar), 0, vT.buffer, 0, n);
  const appended = ops.matrix(Math.max(1, cols / 2), n);
  for (let have = 1; have < cols; have *= 2) {
    ops.matmul(rowsOf(vT, have), power, rowsOf(appended, have));
    ops.copyInto(appended.buffer, 0, vT.buffer, have * n, have * n);
    // The last square, (Ā^c)ᵀ, is needed only when R has rows after the first.
    if (2 * have < cols || rows > 1) {
      ops.matmul(power, power, spare);
      [power, spare] = [spare, power];
    }
    await step();
  }
  const r = ops.matrix(rows, n);
  ops.copyInto(ops.upload(c), 0, r.buffer, 0, n);
  if (rows > 1) {
    const stepMatrix = spare; // Ā^c = ((Ā^c)ᵀ)ᵀ
    ops.transpose(power, stepMatrix);
    // About 2²⁸ multiply-adds between waits, so a cancel is seen within a fraction of a second.
    const perWait = Math.max(1, Math.min(64, Math.floor(2 ** 28 / (n * n))));
    for (let from = 1; from < rows; from += perWait) {
      ops.rowChain(r, stepMatrix, from, Math.min(rows, from + perWait));
      await step();
    }
  }
  const k = ops.matrix(rows, cols);
  if (rows === 1) {
    // One block: K = Vᵀ·Cᵀ, a column already in order, with no transpose of Vᵀ.
    ops.matmul(vT, ops.matrix(n, 1, c), { rows: cols, cols: 1, buffer: k.buffer });
  } else {
    const v = ops.matrix(n, cols);
    ops.transpose(vT, v);
    ops.matmul(r, v, k);
  }
  await step();
  return { kernel: await ops.read(k.buffer, length), width: cols };
}

/** The first `rows` rows of m (row-major, so a prefix of its buffer). */
function rowsOf(m: GpuMatrix, rows: number): GpuMatrix {
  return { rows, cols: m.cols, buffer: m.buffer };
}
