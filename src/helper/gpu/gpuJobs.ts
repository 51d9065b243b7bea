// Jobs on the GPU: Newton–Schulz pinv in f32 (tiled matmul) refined in f64 on the CPU, and the S4
// kernel in f32 as matrix products (gpuKernel.ts). A, B, Ā, B̄ and the singular values stay f64 on
// the CPU: they are O(N³) once, and f32 would lose what the user came to see.
import { discretize } from '../../core/numerics/discretize';
import { transition } from '../../core/numerics/hippo';
import { type Matrix, frobeniusNorm, multiply, norm1, normInf, transpose } from '../../core/numerics/matrix';
import { type PenroseResiduals, penroseResiduals, pinv, relativeCutoff } from '../../core/numerics/pinv';
import { newtonSchulz } from '../../core/numerics/pinvRoutes';
import { singularValues } from '../../core/numerics/svd';
import type { HippoRequest, HippoResponse, PinvRequest, PinvResponse } from '../../core/protocol/compute';
import { checkHippo, LEGS_TIME_INVARIANT_NOTE } from '../../computeJobs/cpuJobs';
import { checkMatrix } from '../../computeJobs/checkMatrix';
import { ComputeError } from '../../computeJobs/errors';
import type { GpuHandle } from './context';
import { s4KernelProducts } from './gpuKernel';
import { GpuOps } from './gpuOps';
import { localizable } from '../../core/l10n/localizable';
import { f32Iterations, f64Steps } from './iterationWords';

const MAX_F32_ITERATIONS = 100;

export async function gpuPinv(gpu: GpuHandle, req: PinvRequest, checkpoint: () => void): Promise<PinvResponse> {
  checkMatrix(req.matrix);
  if (req.exactCells || req.routes) throw new ComputeError('unsupported', localizable('exact arithmetic and the comparison routes run on the CPU backend only: use --backend cpu'));
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
  const refined = refine(a, { rows: n, cols: m, data: Float64Array.from(best) }, checkpoint);
  const tRefine = performance.now() - t1;
  const t2 = performance.now();
  const values = singularValues(a, { checkpoint });
  const cutoff = relativeCutoff(req.tolerance, m, n) * (values[0] ?? 0);
  let rank = 0;
  while (rank < values.length && values[rank] > cutoff) rank++;
  const tValues = performance.now() - t2;
  const gpuNote = refined.cleaned
    ? localizable('Newton–Schulz on the GPU: {0}, relative residual {1}; refined on the CPU by {2}, cleaned of off-range components between them (residual {3}).', f32Iterations(iterations), bestResidual.toExponential(2), f64Steps(refined.steps), refined.residual.toExponential(2))
    : localizable('Newton–Schulz on the GPU: {0}, relative residual {1}; refined on the CPU by {2} (residual {3}).', f32Iterations(iterations), bestResidual.toExponential(2), f64Steps(refined.steps), refined.residual.toExponential(2));
  let result = refined.pinv;
  let residuals = refined.residuals;
  const notes = [gpuNote, localizable('Singular values and rank come from an f64 bidiagonal QR on the CPU; Newton–Schulz itself applies no rcond cut-off.')];
  if (!(penroseQuality(a, result, residuals) <= REFINED_ENOUGH)) {
    // The f32 start was too far from A⁺ for f64 Newton–Schulz to converge (an ill-conditioned A: its
    // error is ≈ κ·2⁻²⁴): never hand that back as A⁺. The f64 SVD gives it, at the CPU's cost.
    checkpoint();
    result = pinv(a, { tolerance: req.tolerance }).pinv;
    residuals = penroseResiduals(a, result);
    const tooFar = rank > 0
      ? localizable('That start was too far from A⁺ to refine (condition number σ₁/σ_r ≈ {0}; f32 holds about 7 digits): A⁺ here comes from the f64 SVD on the CPU, as --backend cpu computes it.', (values[0] / values[rank - 1]).toPrecision(3))
      : localizable('That start was too far from A⁺ to refine (f32 holds about 7 digits): A⁺ here comes from the f64 SVD on the CPU, as --backend cpu computes it.');
    notes.splice(1, 1, tooFar, localizable('Singular values and rank come from an f64 bidiagonal QR on the CPU.'));
  }
  return {
    type: 'pinvResult', id: req.id, backend: 'gpu', adapter: gpu.adapter,
    notes: [...notes, ...(gpu.adapter.isFallbackAdapter ? [localizable('The adapter is a software fallback (e.g. SwiftShader): correct but not fast.')] : [])],
    timings: { totalMs: performance.now() - t0, phases: { gpuNewtonSchulz: tGpu, f64Refinement: tRefine, singularValues: tValues } },
    rank, singularValues: values, cutoff, pinv: result, residuals,
  };
}

/**
 * The four Penrose equations' residuals, relative: ‖AXA − A‖/‖A‖, ‖XAX − X‖/‖X‖ and the asymmetry of
 * the projectors AX and XA over √min(m, n) (a projector's Frobenius norm is √rank). All four: the f32
 * iterate's error outside A⁺'s column space shows only in AX's asymmetry, not in AXA or XAX.
 */
function penroseQuality(a: Matrix, x: Matrix, r = penroseResiduals(a, x)): number {
  const projector = Math.sqrt(Math.min(a.rows, a.cols)) || 1;
  return Math.max(r.axa / (frobeniusNorm(a) || 1), r.xax / (frobeniusNorm(x) || 1), r.axSymmetry / projector, r.xaSymmetry / projector);
}

/** An f64 A⁺ from Newton–Schulz refinement is accepted at this quality (the SVD's is ≈ κ·1e-16). */
const REFINED_ENOUGH = 1e-9;

/**
 * f64 Newton–Schulz from the f32 iterate, then the clean-up below and Newton–Schulz again; whichever of
 * the two satisfies the Penrose equations better. Cleaning squares the components outside A⁺'s ranges
 * (what f32 leaves on a rank-deficient or non-square A; Newton–Schulz keeps them) but multiplies the
 * error inside them by up to κ², so it comes after a refinement (that error ≈ 1e-16 by then) and
 * before another (which removes what cleaning added).
 */
function refine(a: Matrix, start: Matrix, checkpoint: () => void): { pinv: Matrix; residuals: PenroseResiduals; cleaned: boolean; steps: number; residual: number } {
  const first = newtonSchulz(a, { start, maxIterations: 8, checkpoint });
  const last = (r: { residuals: number[] }) => r.residuals[r.residuals.length - 1];
  checkpoint();
  const second = newtonSchulz(a, { start: cleanRanges(a, cleanRanges(a, first.pinv)), maxIterations: 8, checkpoint });
  // The chosen one's residuals are the job's: computed once here.
  const firstResiduals = penroseResiduals(a, first.pinv), secondResiduals = penroseResiduals(a, second.pinv);
  return penroseQuality(a, second.pinv, secondResiduals) <= penroseQuality(a, first.pinv, firstResiduals)
    ? { pinv: second.pinv, residuals: secondResiduals, cleaned: true, steps: first.iterations + second.iterations, residual: last(second) }
    : { pinv: first.pinv, residuals: firstResiduals, cleaned: false, steps: first.iterations, residual: last(first) };
}

export async function gpuHippo(gpu: GpuHandle, req: HippoRequest, checkpoint: () => void): Promise<HippoResponse> {
  checkHippo(req);
  if (req.kernelLength === undefined || !req.discretization) {
    throw new ComputeError('unsupported', localizable('on the GPU only the kernel runs; ask for a kernel (--kernel L with --discretize and --dt) or use --backend cpu'));
  }
  const t0 = performance.now();
  const sys = transition(req.measure, req.n);
  const { aBar, bBar } = discretize(sys.a, sys.b, req.discretization.dt, req.discretization.method);
  const tCpu = performance.now() - t0;
  const c = req.c ?? new Float64Array(req.n).fill(1);
  if (c.length !== req.n) throw new ComputeError('invalid', localizable('C has {0} entries, expected N = {1}', c.length, req.n));
  const t1 = performance.now();
  const ops = new GpuOps(gpu.device);
  let k32: Float32Array, width: number;
  try {
    ({ kernel: k32, width } = await s4KernelProducts(ops, aBar.data, req.n, bBar, c, req.kernelLength, checkpoint));
  } finally {
    await ops.release();
  }
  const notes = [
    localizable('A, B, Ā, B̄ in f64 on the CPU; the kernel in f32 on the GPU as matrix products, K_{jc+i} = (C·Ā^{cj})·(Ā^i·B̄) with c = {0} (the Ā^i·B̄ by repeated squaring, the rows C·Ā^{cj} one after another): expect ~1e-6 relative overall; late in long kernels f32 rounding of Ā compounds (LegS N = 1024, L = 65536: up to 5e-4 of the kernel\'s size).', width),
  ];
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

