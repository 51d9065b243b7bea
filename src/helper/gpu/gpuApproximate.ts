// The online function approximation on the GPU: LegT's fixed (Ā, B̄) in f64 on the CPU, the
// recurrence over the signal in f32 on the GPU, the reconstruction from the final state in f64 on the CPU.
import { legtSystem, legtWindow, reconstruct } from '../../core/numerics/approximate';
import { validateRequest } from '../../core/numerics/limits';
import type { ApproximateRequest, ApproximateResponse } from '../../core/protocol/compute';
import { ComputeError } from '../errors';
import type { GpuHandle } from './context';
import { GpuOps } from './gpuOps';

/**
 * Refused before any device work: LegS's triangular structure makes each sample two running sums,
 * O(N) on the CPU (core/numerics/approximate.ts), so a GPU dispatch per sample could only be slower.
 */
export function checkGpuApproximation(req: ApproximateRequest): void {
  if (req.measure !== 'legt') {
    throw new ComputeError(
      'unsupported',
      'on the GPU the online approximation runs LegT only: a LegS step is two running sums over the state (O(N) per sample), ' +
        'which the CPU finishes before a GPU dispatch could start. Use --measure legt or --backend cpu',
    );
  }
}

export async function gpuApproximate(gpu: GpuHandle, req: ApproximateRequest, checkpoint: () => void): Promise<ApproximateResponse> {
  validateRequest({ kind: 'approximate', n: req.n, length: req.signal.length });
  checkGpuApproximation(req);
  const t0 = performance.now();
  const { aBar, bBar } = legtSystem(req.n, req.dt, legtWindow(req), req.method ?? 'bilinear');
  const tSystem = performance.now() - t0;
  const t1 = performance.now();
  const ops = new GpuOps(gpu.device);
  let state: Float32Array;
  try {
    state = await ops.drivenState(aBar.data, req.n, bBar, req.signal, checkpoint);
  } finally {
    await ops.release();
  }
  const tGpu = performance.now() - t1;
  const t2 = performance.now();
  const result = reconstruct(req, Float64Array.from(state));
  return {
    type: 'approximateResult', id: req.id, backend: 'gpu', adapter: gpu.adapter,
    notes: [
      'Ā, B̄ in f64 on the CPU; the recurrence over the signal in f32 on the GPU (expect ~1e-5 relative in the coefficients); the reconstruction in f64 on the CPU.',
      ...(gpu.adapter.isFallbackAdapter ? ['The adapter is a software fallback (e.g. SwiftShader): correct but not fast.'] : []),
    ],
    timings: { totalMs: performance.now() - t0, phases: { discretize: tSystem, gpuRecurrence: tGpu, reconstruct: performance.now() - t2 } },
    ...result,
  };
}
