// msign and the SPD square root on the GPU: Newton–Schulz iterations are chains of matrix products,
// the tiled WGSL matmul's natural work, in f32; the same iteration then finishes in f64 on the CPU.
// That finish makes the result orthogonal (or Y·Z = I) to f64 rounding, but it cannot undo what f32
// rounding did early on, when σ_min of the iterate is small: expect ≈ κ·1e-7 against the SVD, and the
// notes say the measured figure. (Refining toward M itself needs Sylvester solves or inverses — an
// eigen- or SV-decomposition in all but name — and the simplified Newton S ← ½(S + S⁻¹B) is unstable
// for κ(B) > 9, as we measured.)
import { type Matrix, frobeniusNorm, identity, toUnitScale, transpose } from '../../core/numerics/matrix';
import { coupledNewtonSchulz, matrixFunctionByEigen, newtonSchulzTarget } from '../../core/numerics/matrixFunctions';
import { iterateScalar, msign, msignBySvdOfUnit, NEWTON_SCHULZ_POLYNOMIALS, relativeError } from '../../core/numerics/msign';
import { MAX_EIGEN_COMPARISON, type MatfunRequest, type MsignRequest } from '../../core/protocol/algorithms';
import type { ComputeNote, MatfunResponse, MsignResponse } from '../../core/protocol/compute';
import { checkMatfun, checkMsign, MUON_NOTE, rankNote } from '../../computeJobs/matrixFunctionJobs';
import type { GpuHandle } from './context';
import { GpuOps } from './gpuOps';
import { localizable } from '../../core/l10n/localizable';
import { f32Iterations, f64Steps } from './iterationWords';

const F32_CUBIC_ITERATIONS = 60;
/** f32 stops improving near here: the f64 refinement takes over. */
const F32_FLOOR = 1e-6;

const fallbackNote = (gpu: GpuHandle) => (gpu.adapter.isFallbackAdapter ? [localizable('The adapter is a software fallback (e.g. SwiftShader): correct but not fast.')] : []);

export async function gpuMsign(gpu: GpuHandle, req: MsignRequest, checkpoint: () => void): Promise<MsignResponse> {
  checkMsign(req);
  const t0 = performance.now();
  // msign(2^k·M) = msign(M): scaled (exactly) so ‖M‖_F and the f32 iterate stay in range near 1e±308.
  const { unit: m, exponent } = toUnitScale(req.matrix);
  const reference = msignBySvdOfUnit(m, exponent);
  const tSvd = performance.now() - t0;
  // Iterate on the wide orientation (rows ≤ cols) so X·Xᵀ is the smaller Gram matrix.
  const wide = m.rows <= m.cols;
  const x0 = wide ? m : transpose(m);
  const ref = wide ? reference.msign : transpose(reference.msign);
  const r = x0.rows, c = x0.cols;
  const norm = frobeniusNorm(m) || 1;
  const poly = NEWTON_SCHULZ_POLYNOMIALS[req.coefficients];
  const [a, b, cc] = poly;
  const fixed = req.iterations;
  const maxIterations = fixed ?? (req.coefficients === 'cubic' ? F32_CUBIC_ITERATIONS : 5);
  const errors: number[] = [];
  const t1 = performance.now();
  const ops = new GpuOps(gpu.device);
  let x32: Float32Array;
  let iterations = 0;
  try {
    let X = ops.matrix(r, c, x0.data.map((v) => v / norm));
    let next = ops.matrix(r, c);
    const T = ops.matrix(c, r), G = ops.matrix(r, r), P = ops.matrix(r, r);
    const asMatrix = (data: Float32Array): Matrix => ({ rows: r, cols: c, data: Float64Array.from(data) });
    x32 = await ops.readMatrix(X);
    errors.push(relativeError(asMatrix(x32), ref));
    while (iterations < maxIterations) {
      checkpoint();
      ops.transpose(X, T);
      ops.matmul(X, T, G); // G = X·Xᵀ
      if (cc === 0) ops.matmul(G, X, next, b, a, X); // X' = b·G·X + a·X
      else {
        ops.matmul(G, G, P, cc, b, G); // P = c·G² + b·G
        ops.matmul(P, X, next, 1, a, X); // X' = P·X + a·X
      }
      [X, next] = [next, X];
      iterations++;
      x32 = await ops.readMatrix(X);
      errors.push(relativeError(asMatrix(x32), ref));
      const e = errors[errors.length - 1];
      if (fixed === undefined && req.coefficients === 'cubic' && (e < F32_FLOOR || !(e < errors[errors.length - 2]))) break;
    }
  } finally {
    await ops.release();
  }
  const tGpu = performance.now() - t1;
  const f32Result: Matrix = { rows: r, cols: c, data: Float64Array.from(x32) };
  const gpuResult = wide ? f32Result : transpose(f32Result);
  const notes: ComputeNote[] = [];
  let result = gpuResult;
  let finishSteps = 0;
  const t2 = performance.now();
  if (req.coefficients === 'cubic' && fixed === undefined) {
    const finished = msign(req.matrix, { coefficients: 'cubic', start: gpuResult, reference, checkpoint });
    result = finished.msign;
    finishSteps = finished.iterations;
    errors.push(...finished.errors.slice(1));
    notes.push(localizable('Newton–Schulz on the GPU: {0} to {1}; finished on the CPU by {2} to {3} against the SVD\'s U Vᵀ (the f32 phase\'s rounding stays: ≈ κ·1e-7).', f32Iterations(iterations), errors[iterations].toExponential(2), f64Steps(finishSteps), errors[errors.length - 1].toExponential(2)));
    if (reference.rank < Math.min(m.rows, m.cols)) notes.push(rankNote(reference.rank, m));
  } else if (req.coefficients === 'cubic') {
    notes.push(localizable('Exactly {0} of Newton–Schulz on the GPU, as asked; no f64 finish.', f32Iterations(iterations)));
  } else {
    const cpu = msign(req.matrix, { coefficients: 'muon', iterations, reference });
    notes.push(MUON_NOTE, localizable('f32 GPU vs the same {0} quintic steps in f64: {1} (no f64 finish: the quintic\'s answer is not U Vᵀ).', iterations, relativeError(gpuResult, cpu.msign).toExponential(2)));
  }
  const tRefine = performance.now() - t2;
  const scaled = reference.unitSingularValues.map((s) => s / norm);
  return {
    type: 'msignResult', id: req.id, backend: 'gpu', adapter: gpu.adapter, notes: [...notes, ...fallbackNote(gpu)],
    timings: { totalMs: performance.now() - t0, phases: { svdReference: tSvd, gpuNewtonSchulz: tGpu, f64Finish: tRefine } },
    coefficients: req.coefficients, msign: result, iterations, errors: Float64Array.from(errors),
    singularValues: reference.singularValues,
    finalSingularValues: scaled.map((s) => iterateScalar(s, poly, iterations + finishSteps)),
    rank: reference.rank,
    converged: finishSteps > 0,
  };
}

export async function gpuMatfun(gpu: GpuHandle, req: MatfunRequest, checkpoint: () => void): Promise<MatfunResponse> {
  checkMatfun(req);
  const t0 = performance.now();
  const a = req.matrix;
  const n = a.rows;
  // The same Y₀ = 4^j·A/c as the f64 finish (coupledNewtonSchulz), which continues from this phase's Y, Z.
  const { target } = newtonSchulzTarget(a);
  const residuals: number[] = [];
  const ops = new GpuOps(gpu.device);
  let y32: Float32Array, z32: Float32Array;
  let iterations = 0;
  try {
    const eye = ops.matrix(n, n, identity(n).data);
    let Y = ops.matrix(n, n, target.data);
    let Z = ops.matrix(n, n, identity(n).data);
    let Y2 = ops.matrix(n, n), Z2 = ops.matrix(n, n);
    const T = ops.matrix(n, n), R = ops.matrix(n, n);
    for (;;) {
      ops.matmul(Z, Y, R, -1, 1, eye); // R = I − Z·Y: each eigenvalue's z·y → 1
      const residual = Math.sqrt((await ops.sumOfSquares(R)) / n);
      residuals.push(residual);
      if (residual < F32_FLOOR || iterations >= F32_CUBIC_ITERATIONS || (residuals.length > 2 && !(residual < residuals[residuals.length - 2]))) break;
      checkpoint();
      ops.matmul(Z, Y, T, -0.5, 1.5, eye); // T = ½(3I − Z·Y)
      ops.matmul(Y, T, Y2); // Y' = Y·T
      ops.matmul(T, Z, Z2); // Z' = T·Z
      [Y, Y2] = [Y2, Y];
      [Z, Z2] = [Z2, Z];
      iterations++;
    }
    y32 = await ops.readMatrix(Y);
    z32 = await ops.readMatrix(Z);
  } finally {
    await ops.release();
  }
  const tGpu = performance.now() - t0;
  const t1 = performance.now();
  const asMatrix = (data: Float32Array): Matrix => ({ rows: n, cols: n, data: Float64Array.from(data) });
  const finished = coupledNewtonSchulz(a, { start: { y: asMatrix(y32), z: asMatrix(z32) }, checkpoint });
  const value = req.fn === 'sqrt' ? finished.sqrt : finished.invsqrt;
  const tRefine = performance.now() - t1;
  const notes = [
    localizable('Coupled Newton–Schulz on the GPU: {0} to residual {1}; finished on the CPU by {2} (the f32 phase\'s rounding stays: ≈ κ·1e-7).', f32Iterations(iterations), residuals[residuals.length - 1].toExponential(2), f64Steps(finished.iterations)),
    ...fallbackNote(gpu),
  ];
  residuals.push(...finished.residuals.slice(1));
  let eigenvalues: Float64Array | undefined, errorVsEigen: number | undefined;
  if (n <= MAX_EIGEN_COMPARISON) {
    const reference = matrixFunctionByEigen(a, req.fn, checkpoint);
    eigenvalues = reference.eigenvalues;
    errorVsEigen = relativeError(value, reference.value);
  }
  return {
    type: 'matfunResult', id: req.id, backend: 'gpu', adapter: gpu.adapter, notes,
    timings: { totalMs: performance.now() - t0, phases: { gpuNewtonSchulz: tGpu, f64Finish: tRefine } },
    fn: req.fn, value, iterations: iterations + finished.iterations, residuals: Float64Array.from(residuals), eigenvalues, errorVsEigen,
  };
}
