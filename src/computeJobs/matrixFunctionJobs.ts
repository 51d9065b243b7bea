// msign and the SPD matrix functions on the CPU in f64 (synchronous; runs in the helper's CPU
// worker or the CLI's own process).
import { validateRequest } from '../core/numerics/limits';
import { checkSymmetricPositiveDefinite, coupledNewtonSchulz, matrixFunctionByEigen, NotPositiveDefiniteError } from '../core/numerics/matrixFunctions';
import { MAX_MSIGN_ITERATIONS, msign, relativeError } from '../core/numerics/msign';
import { MAX_EIGEN_COMPARISON, type MatfunRequest, type MsignRequest } from '../core/protocol/algorithms';
import type { ComputeNote, MatfunResponse, MsignResponse } from '../core/protocol/compute';
import { checkMatrix } from './checkMatrix';
import { ComputeError } from './errors';
import { localizable } from '../core/l10n/localizable';

/** What no backend can compute, refused before anything is allocated. */
export function checkMsign(req: MsignRequest): void {
  validateRequest({ kind: 'pinv', rows: req.matrix.rows, cols: req.matrix.cols });
  const k = req.iterations;
  if (k !== undefined && (!Number.isInteger(k) || k < 0 || k > MAX_MSIGN_ITERATIONS)) {
    throw new ComputeError('limit', localizable('the number of iterations must be a whole number from 0 to {0}, got {1}', MAX_MSIGN_ITERATIONS, k));
  }
  checkMatrix(req.matrix);
}

export function checkMatfun(req: MatfunRequest): void {
  validateRequest({ kind: 'pinv', rows: req.matrix.rows, cols: req.matrix.cols });
  checkMatrix(req.matrix);
  try {
    checkSymmetricPositiveDefinite(req.matrix);
  } catch (error) {
    if (error instanceof NotPositiveDefiniteError) throw new ComputeError('invalid', localizable('{0} (the matrix square root takes a symmetric positive definite matrix)', error.words));
    throw error;
  }
}

export function cpuMsign(req: MsignRequest, checkpoint: () => void): MsignResponse {
  checkMsign(req);
  const t0 = performance.now();
  const r = msign(req.matrix, { coefficients: req.coefficients, iterations: req.iterations, checkpoint });
  const notes = req.coefficients === 'muon' ? [MUON_NOTE] : [];
  if (r.reference.rank < Math.min(req.matrix.rows, req.matrix.cols)) notes.push(rankNote(r.reference.rank, req.matrix));
  return {
    type: 'msignResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases: {} },
    coefficients: req.coefficients, msign: r.msign, iterations: r.iterations, errors: Float64Array.from(r.errors),
    singularValues: r.reference.singularValues, finalSingularValues: r.finalSingularValues, rank: r.reference.rank, converged: r.stop === 'converged',
  };
}

export const MUON_NOTE = localizable('Muon\'s quintic (3.4445, −4.7750, 2.0315) trades convergence for speed: its singular values end in about [0.7, 1.2], not at 1, so its error against U Vᵀ stays large by design. Use the cubic for U Vᵀ itself.');

export function rankNote(rank: number, m: { readonly rows: number; readonly cols: number }): ComputeNote {
  return rank === 1
    ? localizable('M has rank 1 < {0}: msign keeps the one nonzero singular value (U_r V_rᵀ); rounding in the null space grows ×1.5 per cubic step, so long runs drift there.', Math.min(m.rows, m.cols))
    : localizable('M has rank {0} < {1}: msign keeps the {0} nonzero singular values (U_r V_rᵀ); rounding in the null space grows ×1.5 per cubic step, so long runs drift there.', rank, Math.min(m.rows, m.cols));
}

export function cpuMatfun(req: MatfunRequest, checkpoint: () => void): MatfunResponse {
  checkMatfun(req);
  const t0 = performance.now();
  const r = coupledNewtonSchulz(req.matrix, { checkpoint });
  const phases: Record<string, number> = { newtonSchulz: performance.now() - t0 };
  const value = req.fn === 'sqrt' ? r.sqrt : r.invsqrt;
  const notes: ComputeNote[] = [];
  let eigenvalues: Float64Array | undefined, errorVsEigen: number | undefined;
  if (req.matrix.rows <= MAX_EIGEN_COMPARISON) {
    const t1 = performance.now();
    const reference = matrixFunctionByEigen(req.matrix, req.fn, checkpoint);
    phases.eigen = performance.now() - t1;
    eigenvalues = reference.eigenvalues;
    errorVsEigen = relativeError(value, reference.value);
  } else {
    notes.push(localizable('Compared with an eigendecomposition only up to {0}×{0} (Jacobi is O(n³) per sweep).', MAX_EIGEN_COMPARISON));
  }
  return {
    type: 'matfunResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases },
    fn: req.fn, value, iterations: r.iterations, residuals: Float64Array.from(r.residuals), eigenvalues, errorVsEigen,
  };
}
