// Which backend `auto` runs a job on. Pure: the helper asks it (with the adapter it found) and the CLI
// asks it first (without one) to run CPU-only work in its own process instead of starting the helper.
import { gbtAlpha } from '../numerics/approximate';
import type { AdapterSummary, JobRequest } from '../protocol/compute';

/**
 * One matrix product of at least this many multiply-adds (rows·cols·min(rows, cols) of the iterate;
 * 128×128×128 = 2²¹) before auto sends a Newton–Schulz chain (msign's cubic to convergence, the
 * coupled square root) to a hardware GPU. The chain costs the CPU 2–3 such products per iteration,
 * ~20–40 iterations, ≈ 2 ms per product at 128³ in f64; on the GPU each iteration is one dispatch chain
 * plus one read-back (≈ 1 ms of latency), and the f64 finish on the CPU takes 2–3 iterations. Below
 * 128³ the read-backs cost more than the products saved. An estimate from those counts: no hardware
 * GPU has timed it yet (README, "GPU figures").
 */
export const GPU_CHAIN_MIN_WORK = 128 * 128 * 128;

/** Multiply-adds of one product X·Xᵀ·… on the iterate (the smaller Gram side). */
export function chainProductWork(rows: number, cols: number): number {
  return rows * cols * Math.min(rows, cols);
}

/**
 * Whether auto would use a hardware GPU for this job (before looking for one): the S4 kernel and the
 * LegT approximation with N²·L ≥ 1e9 (on the GPU both are a few large matrix products), LegS over many
 * channels (O(L·N) per channel, one GPU thread each), and the Newton–Schulz chains of msign (cubic, to
 * convergence) and matfun from GPU_CHAIN_MIN_WORK. Never pinv: its f32 result needs O(mn²) f64 work on
 * the CPU (refinement, clean-up, σ, residuals), more than the CPU's own pinv, so `--backend gpu` is there
 * to verify the GPU path, not to win time. Never Muon's quintic or a fixed step count: the GPU path runs
 * the same steps in f64 on the CPU beside it (quintic) or returns f32 unfinished (fixed count), so it
 * only adds work. These thresholds are estimates from operation counts: the one GPU timing so far (an
 * H200, 2026-12-04) was of the S4 kernel's former step-by-step recurrence, 40 s against 4.1 s on that
 * machine's CPU at N = 1024, L = 65536 — which is why the kernel and LegT are now products
 * (gpuKernel.ts: ≈ 28 GFLOP there, milliseconds at the 21.7 TFLOPS our matmul measured on it).
 */
export function worthGpu(req: JobRequest): boolean {
  switch (req.type) {
    case 'pinv':
      return false;
    case 'msign':
      return req.coefficients === 'cubic' && req.iterations === undefined && chainProductWork(req.matrix.rows, req.matrix.cols) >= GPU_CHAIN_MIN_WORK;
    case 'matfun':
      return chainProductWork(req.matrix.rows, req.matrix.cols) >= GPU_CHAIN_MIN_WORK;
    case 'schedule':
    case 'rope':
    case 'argmax':
      return false;
    case 'hippo':
      return req.kernelLength !== undefined && req.discretization !== undefined && req.n * req.n * req.kernelLength >= 1e9;
    case 'approximate': {
      // LegT: the signal's blocks times [B̄ … Ā^{c−1}B̄], an O(L·N²) product per channel. LegS: O(N) per
      // sample, one GPU thread per channel, so it needs many channels to fill the device; zoh has no
      // GPU kernel. `signal` holds every channel's samples, so its length is the work's L × channels.
      if (req.measure === 'legt') return req.n * req.n * req.signal.length >= 1e9;
      return gbtAlpha(req.method ?? 'bilinear') !== undefined && (req.channels ?? 1) >= 64 && req.n * req.signal.length >= 1e9;
    }
  }
}

/**
 * auto's choice once the adapter is known: the GPU only for a job worth it on a hardware adapter
 * (a software fallback such as SwiftShader is correct but slower than the CPU), the CPU otherwise.
 */
export function autoBackend(req: JobRequest, adapter: AdapterSummary | null): 'cpu' | 'gpu' {
  return worthGpu(req) && adapter !== null && !adapter.isFallbackAdapter ? 'gpu' : 'cpu';
}
