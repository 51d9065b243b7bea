// Jobs on the GPU: Newton–Schulz pinv in f32 (tiled matmul) refined in f64 on the CPU, and the S4
// kernel recurrence in f32. A, B, Ā, B̄ and the singular values stay f64 on the CPU: they are O(N³)
// once, and f32 would lose what the user came to see.
import { discretize } from '../../core/numerics/discretize';
import { transition } from '../../core/numerics/hippo';
import { type Matrix, frobeniusNorm, multiply, norm1, normInf, transpose } from '../../core/numerics/matrix';
import { penroseResiduals, relativeCutoff } from '../../core/numerics/pinv';
import { newtonSchulz } from '../../core/numerics/pinvRoutes';
import { singularValues } from '../../core/numerics/svd';
import type { HippoRequest, HippoResponse, PinvRequest, PinvResponse } from '../../core/protocol/compute';
import { checkHippo, LEGS_TIME_INVARIANT_NOTE } from '../../computeJobs/cpuJobs';
import { checkMatrix } from '../../computeJobs/checkMatrix';
import { ComputeError } from '../../computeJobs/errors';
import type { GpuHandle } from './context';
import { GpuOps } from './gpuOps';

const MAX_F32_ITERATIONS = 100;

export async function gpuPinv(gpu: GpuHandle, req: PinvRequest, checkpoint: () => void): Promise<PinvResponse> {
  checkMatrix(req.matrix);
  if (req.exactCells || req.routes) throw new ComputeError('unsupported', 'exact arithmetic and the comparison routes run on the CPU backend only: use --backend cpu');
  const a = req.matrix;
  const m = a.rows, n = a.cols;
  const t0 = performance.now();
  const ops = new GpuOps(gpu.device);
  let iterations = 0;
  let best: Float32Array;
  let bestResidual = Infinity;
  try {
    const alpha = norm1(a) * normInf(a) || 1;
    const x0 = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) x0[j * m + i] = a.data[i * n + j] / alpha;
    const A = ops.matrix(m, n, a.data);
    let X = ops.matrix(n, m, x0);
    let next = ops.matrix(n, m);
    const T = ops.matrix(n, n), R = ops.matrix(m, n);
    const aNorm = frobeniusNorm(a) || 1;
    let bestMatrix = X;
    for (;;) {
      checkpoint();
      ops.matmul(X, A, T); // T = X·A
      ops.matmul(A, T, R, 1, -1, A); // R = A·X·A − A
      const residual = Math.sqrt(await ops.sumOfSquares(R)) / aNorm;
      // Stop once the residual stops decreasing: f32 has converged, or (rank-deficient A) the
      // iteration has started to diverge in the null space. `next` then holds the previous iterate.
      if (!(residual < bestResidual)) {
        bestMatrix = next;
        break;
      }
      bestResidual = residual;
      bestMatrix = X;
      if (residual < 1e-7 || iterations >= MAX_F32_ITERATIONS) break;
      ops.matmul(T, X, next, -1, 2, X); // X' = 2X − (X·A)·X
      [X, next] = [next, X];
      iterations++;
    }
    best = await ops.readMatrix(bestMatrix);
  } finally {
    await ops.release();
  }
  const tGpu = performance.now() - t0;
  const t1 = performance.now();
  const start = cleanRanges(a, cleanRanges(a, { rows: n, cols: m, data: Float64Array.from(best) }));
  const refined = newtonSchulz(a, { start, maxIterations: 8, checkpoint });
  const tRefine = performance.now() - t1;
  const t2 = performance.now();
  const values = singularValues(a, { checkpoint });
  const cutoff = relativeCutoff(req.tolerance, m, n) * (values[0] ?? 0);
  let rank = 0;
  while (rank < values.length && values[rank] > cutoff) rank++;
  const tValues = performance.now() - t2;
  const residuals = penroseResiduals(a, refined.pinv);
  return {
    type: 'pinvResult', id: req.id, backend: 'gpu', adapter: gpu.adapter,
    notes: [
      `Newton–Schulz in f32 on the GPU: ${iterations} iterations, relative residual ${bestResidual.toExponential(2)}; ` +
        `cleaned of off-range components and refined by ${refined.iterations} f64 Newton–Schulz steps on the CPU (residual ${refined.residuals[refined.residuals.length - 1].toExponential(2)}).`,
      'Singular values and rank come from an f64 bidiagonal QR on the CPU; Newton–Schulz itself applies no rcond cut-off.',
      ...(gpu.adapter.isFallbackAdapter ? ['The adapter is a software fallback (e.g. SwiftShader): correct but not fast.'] : []),
    ],
    timings: { totalMs: performance.now() - t0, phases: { gpuNewtonSchulz: tGpu, f64Refinement: tRefine, singularValues: tValues } },
    rank, singularValues: values, cutoff, pinv: refined.pinv, residuals,
  };
}

export async function gpuHippo(gpu: GpuHandle, req: HippoRequest, checkpoint: () => void): Promise<HippoResponse> {
  checkHippo(req);
  if (req.kernelLength === undefined || !req.discretization) {
    throw new ComputeError('unsupported', 'on the GPU only the kernel runs; ask for a kernel (--kernel L with --discretize and --dt) or use --backend cpu');
  }
  const t0 = performance.now();
  const sys = transition(req.measure, req.n);
  const { aBar, bBar } = discretize(sys.a, sys.b, req.discretization.dt, req.discretization.method);
  const tCpu = performance.now() - t0;
  const c = req.c ?? new Float64Array(req.n).fill(1);
  if (c.length !== req.n) throw new ComputeError('invalid', `C has ${c.length} entries, expected N = ${req.n}`);
  const t1 = performance.now();
  const ops = new GpuOps(gpu.device);
  let k32: Float32Array;
  try {
    k32 = await ops.kernel(aBar.data, req.n, bBar, c, req.kernelLength, checkpoint);
  } finally {
    await ops.release();
  }
  const notes = ['A, B, Ā, B̄ in f64 on the CPU; the kernel recurrence in f32 on the GPU (expect ~1e-6 relative).'];
  if (req.measure === 'legs') notes.push(LEGS_TIME_INVARIANT_NOTE);
  return {
    type: 'hippoResult', id: req.id, backend: 'gpu', adapter: gpu.adapter, notes,
    timings: { totalMs: performance.now() - t0, phases: { transitionAndDiscretize: tCpu, gpuKernel: performance.now() - t1 } },
    convention: sys.convention, a: sys.a, b: sys.b, aBar, bBar, kernel: Float64Array.from(k32),
  };
}

/**
 * f32 rounding leaves X with small components outside A⁺'s row and column spaces, and Newton–Schulz
 * cannot remove them (with WA = 0, X(2I − AX) keeps W). (AᵀXᵀ)(XXᵀ)Aᵀ equals A⁺ at X = A⁺ and
 * cancels those components to first order, so each pass squares their size.
 */
export function cleanRanges(a: Matrix, x: Matrix): Matrix {
  const at = transpose(a), xt = transpose(x);
  return multiply(multiply(multiply(at, xt), multiply(x, xt)), at);
}

