/// <reference types="@webgpu/types" />
// The S4 kernel K_l = C·Ā^l·B̄ (l < L) on the GPU as matrix products, the tiled matmul's work (and
// LegT's driven state the same way: drivenStateProducts below). A step-by-step recurrence (one N×N
// mat-vec per step in one workgroup) took 40 s for N = 1024, L = 65536 on an H200, ten times its CPU.
// Split l = j·c + i (c a power of two): then
//   K[j·c + i] = (C·Ā^{cj}) · (Ā^i·B̄),  i.e.  K = R·V  (rows × c, row-major = K in order), with
//   V = [B̄, ĀB̄, …, Ā^{c−1}B̄] (N×c), built by doubling as Vᵀ: Vᵀ ← [Vᵀ; Vᵀ·(Ā^w)ᵀ], (Ā^{2w})ᵀ = ((Ā^w)ᵀ)²;
//   R's rows C·Ā^{cj} (j < L/c), each the previous one times Ā^c (one thin dispatch per row).
// This is the CPU's blocked kernel (core/numerics/kernel.ts) with the squarings and V·R on the GPU:
// log₂c·N³ + (c + L/c)·N² multiply-adds instead of the recurrence's L·N². No power beyond Ā^c is
// ever formed; higher ones are applied to vectors, so the f32 rounding grows as in the recurrence
// (the LegS Ā is far from normal: checked per l in test/unit/helper/gpuKernel.test.ts), and the
// powers start as Ā^w − I so that squaring keeps what f32 would round away (krylovRows).
import { ComputeError } from '../../computeJobs/errors';
import { localizable } from '../../core/l10n/localizable';
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

/**
 * Block width c: the power of two (at most L rounded up) minimising the work and dispatch estimate.
 * Each of the L/c sequential steps multiplies `channels` rows by an N×N matrix.
 */
export function kernelBlockWidth(n: number, length: number, maxBindingBytes: number, channels = 1): number {
  const entries = Math.floor(maxBindingBytes / 4);
  const cap = Math.min(MAX_WIDTH, Math.min(V_ENTRIES, entries) / n);
  let best = 1, bestCost = Infinity;
  for (let c = 1, lg = 0; ; c *= 2, lg++) {
    const rows = Math.ceil(length / c);
    const cost = lg * n ** 3 + c * n * n + rows * (channels * n * n + DISPATCH_COST);
    // The block results (rows·channels × N) and the blocks of samples (rows·channels × c) must bind.
    if (cost < bestCost && rows * channels * Math.max(n, c) <= entries) {
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
    throw new ComputeError('unsupported', localizable('the GPU kernel needs {0}-byte buffers and this device binds at most {1}: use a smaller N or L, or --backend cpu', largest, maxBinding));
  }
  const step = waiter(ops, between);
  const { vT, power, spare } = await krylovRows(ops, aBar, n, bBar, cols, rows > 1, step);
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

/**
 * LegT's final state x_L = Σ_m Ā^m·B̄·f_{L−1−m} (x_{k+1} = Ā·x_k + B̄·f_k from x_0 = 0) for each of
 * `channels` signals of `length` samples (channel after channel in `signal`), by the same split
 * m = j·c + i: x_L = Σ_j Ā^{cj}·y_j with y_j = V·g_j, g_j the j-th block of c samples counted back from
 * the end. All y_j at once are one product G·Vᵀ (G's row j·channels + ch holds channel ch's block j);
 * then Horner, S ← S·(Ā^c)ᵀ + Y_j, channels×N at a time. Returns S's buffer: channel after channel, N each.
 * `width` overrides the block width (tests reach the Horner steps with it).
 */
export async function drivenStateProducts(
  ops: GpuOps,
  aBar: ArrayLike<number>,
  n: number,
  bBar: ArrayLike<number>,
  signal: ArrayLike<number>,
  length: number,
  channels: number,
  between: () => void,
  width?: number,
): Promise<GPUBuffer> {
  const limits = ops.device.limits;
  const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const cols = width ?? kernelBlockWidth(n, length, maxBinding, channels);
  const rows = Math.ceil(length / cols);
  const largest = Math.max(n * n, cols * n, rows * channels * cols, rows * channels * n) * 4;
  if (largest > maxBinding) {
    throw new ComputeError('unsupported', localizable('the GPU recurrence needs {0}-byte buffers and this device binds at most {1}: use fewer channels or samples, or --backend cpu', largest, maxBinding));
  }
  const step = waiter(ops, between);
  // Samples counted back from the last, in blocks; zeros before the first sample.
  const g = new Float32Array(rows * channels * cols);
  for (let ch = 0; ch < channels; ch++) {
    const last = ch * length + length - 1;
    for (let m = 0; m < length; m++) g[(Math.floor(m / cols) * channels + ch) * cols + (m % cols)] = signal[last - m];
  }
  const blocks = ops.matrix(rows * channels, cols, g);
  const { vT, power } = await krylovRows(ops, aBar, n, bBar, cols, rows > 1, step);
  const y = ops.matrix(rows * channels, n);
  ops.matmul(blocks, vT, y);
  await step();
  const size = channels * n;
  let state = ops.matrix(channels, n), next = ops.matrix(channels, n);
  const yj = ops.matrix(channels, n);
  ops.copyInto(y.buffer, (rows - 1) * size, state.buffer, 0, size);
  const perWait = Math.max(1, Math.min(64, Math.floor(2 ** 28 / (size * n))));
  for (let j = rows - 2; j >= 0; j--) {
    ops.copyInto(y.buffer, j * size, yj.buffer, 0, size);
    ops.matmul(state, power, next, 1, 1, yj);
    [state, next] = [next, state];
    if ((rows - 1 - j) % perWait === 0) await step();
  }
  await step();
  return state.buffer;
}

/** Waits for the queued work, then runs `between` (one batch in flight, so a cancel lands within one). */
function waiter(ops: GpuOps, between: () => void): () => Promise<void> {
  return async () => {
    await ops.device.queue.onSubmittedWorkDone();
    between();
  };
}

/**
 * Vᵀ = [B̄, ĀB̄, …, Ā^{cols−1}B̄]ᵀ (cols×N) by doubling, and in `power` (Ā^cols)ᵀ when `withPower`
 * (for cols = 1, Āᵀ); `spare` is an N×N buffer free for the caller.
 *
 * While Ā^w is close to I the dynamics live in Ā^w − I, and squaring Ā^w itself in f32 loses them a
 * little more with every square (measured: LegT's state, N = 128 over 16384 samples, 4e-4 against 6e-5
 * for the f32 recurrence; LagT's kernel 2e-5). So the powers start as E_w = Ā^w − I, kept to f32's
 * relative precision: E_{2w} = E_w² + 2E_w, and Vᵀ·(Ā^w)ᵀ = Vᵀ + Vᵀ·E_wᵀ (LegT 1e-6, LagT 3e-7). Once
 * the rows have decayed over w steps (to under half), that sum cancels and its rounding is no longer
 * small beside the result (LegS's kernel at dt = 0.01: 2e-2 of the envelope late in it): the powers
 * then turn into Ā^w = E_w + I and are squared as they are, which is accurate for decayed powers.
 */
async function krylovRows(ops: GpuOps, aBar: ArrayLike<number>, n: number, bBar: ArrayLike<number>, cols: number, withPower: boolean, step: () => Promise<void>) {
  const aT = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) aT[j * n + i] = aBar[i * n + j] - (i === j ? 1 : 0);
  // power = (Ā^w − I)ᵀ while nearIdentity, then (Ā^w)ᵀ; spare receives the next square (a product
  // may not write what it reads).
  let power = ops.matrix(n, n, aT);
  let spare = ops.matrix(n, n);
  let nearIdentity = true;
  const vT = ops.matrix(cols, n);
  ops.copyInto(ops.upload(bBar), 0, vT.buffer, 0, n);
  const appended = ops.matrix(Math.max(1, cols / 2), n);
  for (let have = 1; have < cols; have *= 2) {
    const done = rowsOf(vT, have), added = rowsOf(appended, have);
    if (nearIdentity) {
      ops.matmul(done, power, added, 1, 1, done);
      if ((await ops.sumOfSquares(added)) < 0.25 * (await ops.sumOfSquares(done))) {
        ops.addIdentity(power);
        nearIdentity = false;
      }
    } else ops.matmul(done, power, added);
    ops.copyInto(appended.buffer, 0, vT.buffer, have * n, have * n);
    if (2 * have < cols || withPower) {
      if (nearIdentity) ops.matmul(power, power, spare, 1, 2, power);
      else ops.matmul(power, power, spare);
      [power, spare] = [spare, power];
    }
    await step();
  }
  if (nearIdentity) ops.addIdentity(power);
  return { vT, power, spare };
}

/** The first `rows` rows of m (row-major, so a prefix of its buffer). */
function rowsOf(m: GpuMatrix, rows: number): GpuMatrix {
  return { rows, cols: m.cols, buffer: m.buffer };
}
