// Every job on the CPU in f64. Synchronous: it runs inside the helper's worker thread (or the CLI's own
// process, inProcessJob.ts) and polls `checkpoint`.
import { approximateChannels, checkApproximationParameters, samplesPerChannel } from '../core/numerics/approximate';
import { discretize, discretizeAt } from '../core/numerics/discretize';
import { exactPenroseHolds, exactPinv, formatRationalMatrix } from '../core/numerics/exactPinv';
import { transition } from '../core/numerics/hippo';
import { s4Kernel } from '../core/numerics/kernel';
import { validateRequest } from '../core/numerics/limits';
import { type Matrix, frobeniusNorm, subtract } from '../core/numerics/matrix';
import { penroseResiduals, pinv } from '../core/numerics/pinv';
import { newtonSchulz, pinvByEigen, pinvEpsilonLimit } from '../core/numerics/pinvRoutes';
import { type Rational, parseDecimalRational, rational } from '../core/numerics/rational';
import type { ApproximateRequest, ApproximateResponse, ComputeNote, HippoRequest, HippoResponse, JobRequest, JobResponse, PinvRequest, PinvResponse, RouteReport } from '../core/protocol/compute';
import { ComputeError, wordsOf } from './errors';
import { assertNever } from '../core/protocol/assertNever';
import { cpuArgmax } from './argmaxJob';
import { cpuRope, cpuSchedule } from './formulaJobs';
import { cpuMatfun, cpuMsign } from './matrixFunctionJobs';
import { checkMatrix } from './checkMatrix';
import { inSharedMemory, parallelMultiply, parallelRows, prepareParallelProducts } from './parallelProduct';
import { localizable } from '../core/l10n/localizable';
import { measureName } from '../core/compute/measureNames';

/** Synchronous except the argmax job, whose LP solver (WebAssembly) loads asynchronously. */
export function runCpuJob(request: JobRequest, checkpoint: () => void): JobResponse | Promise<JobResponse> {
  switch (request.type) {
    case 'pinv':
      return cpuPinv(request, checkpoint);
    case 'hippo':
      return cpuHippo(request, checkpoint);
    case 'approximate':
      return cpuApproximate(request, checkpoint);
    case 'msign':
      return cpuMsign(request, checkpoint);
    case 'matfun':
      return cpuMatfun(request, checkpoint);
    case 'schedule':
      return cpuSchedule(request);
    case 'rope':
      return cpuRope(request);
    case 'argmax':
      return cpuArgmax(request, checkpoint);
    default:
      return assertNever(request, 'CPU job');
  }
}


function cpuPinv(req: PinvRequest, checkpoint: () => void): PinvResponse {
  checkMatrix(req.matrix);
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  // Large jobs share the reflectors' rows and the residuals' products (m·n·max(m, n) multiply-adds and
  // more) with a second thread: start it now.
  prepareParallelProducts(req.matrix.rows * req.matrix.cols * Math.max(req.matrix.rows, req.matrix.cols));
  const result = pinv(req.matrix, { tolerance: req.tolerance, checkpoint, rows: parallelRows });
  phases.svd = performance.now() - t0;
  const t1 = performance.now();
  // A and A⁺ each copied into shared memory once (when the second thread takes part), not per product.
  const residuals = penroseResiduals(inSharedMemory(req.matrix), inSharedMemory(result.pinv), checkpoint, parallelMultiply);
  phases.residuals = performance.now() - t1;
  let exact: PinvResponse['exact'];
  if (req.exactCells) {
    const t2 = performance.now();
    const cells = parseRationalCells(req.exactCells);
    const e = exactPinv(cells);
    const holds = exactPenroseHolds(cells, e.pinv);
    // Exact: each residual is exactly 0 when its condition holds (it always should; 1 would flag a bug).
    const exactResiduals = { axa: holds.axa ? 0 : 1, xax: holds.xax ? 0 : 1, axSymmetry: holds.axSymmetry ? 0 : 1, xaSymmetry: holds.xaSymmetry ? 0 : 1 };
    exact = { rank: e.rank, pinv: formatRationalMatrix(e.pinv), residuals: exactResiduals };
    phases.exact = performance.now() - t2;
  }
  const routes = req.routes?.map((route) => runRoute(route, req.matrix, result.pinv, checkpoint));
  const notes = result.singularValueExponent === undefined ? [] : [singularValueScaleNote(result.singularValueExponent)];
  return {
    type: 'pinvResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases },
    rank: result.rank, singularValues: result.singularValues, cutoff: result.cutoff, pinv: result.pinv, residuals, exact, routes,
    ...(result.singularValueExponent !== undefined ? { singularValueExponent: result.singularValueExponent } : {}),
  };
}

export function singularValueScaleNote(exponent: number): ComputeNote {
  return localizable('The largest singular value is beyond double precision: singular values and the cut-off are given ÷ 2^{0}.', exponent);
}

function runRoute(route: RouteReport['route'], a: Matrix, reference: Matrix, checkpoint: () => void): RouteReport {
  const rel = (x: Matrix) => frobeniusNorm(subtract(x, reference)) / (frobeniusNorm(reference) || 1);
  switch (route) {
    case 'eigen': {
      const r = pinvByEigen(a, checkpoint);
      return { route, relativeError: rel(r.pinv), detail: `AᵀA = UΛUᵀ (Jacobi), rank ${r.rank}`, rank: r.rank };
    }
    case 'epsilon': {
      const steps = pinvEpsilonLimit(a);
      const best = steps.reduce((x, y) => (y.relativeError < x.relativeError ? y : x));
      return { route, relativeError: best.relativeError, detail: `(AᵀA + εI)⁻¹Aᵀ, best at ε = ${best.epsilon}`, epsilonSteps: steps };
    }
    case 'newtonSchulz': {
      const r = newtonSchulz(a, { checkpoint });
      return { route, relativeError: rel(r.pinv), detail: `${r.iterations} iterations, stopped: ${r.stop}`, residualHistory: r.residuals, iterations: r.iterations, stop: r.stop };
    }
  }
}

export function parseRationalCells(cells: readonly (readonly string[])[]): Rational[][] {
  return cells.map((row, i) =>
    row.map((cell, j) => {
      const m = /^\s*([+-]?\d+)\s*\/\s*(\d+)\s*$/.exec(cell);
      const value = m ? (BigInt(m[2]) === 0n ? undefined : rational(BigInt(m[1]), BigInt(m[2]))) : parseDecimalRational(cell.trim());
      if (!value) throw new ComputeError('invalid', localizable('row {0}, column {1}: "{2}" is not an exact rational', i + 1, j + 1, cell));
      return value;
    }),
  );
}

/** What no backend can compute, refused with what to change. */
export function checkHippo(req: HippoRequest): void {
  validateRequest({ kind: 'hippo', n: req.n, kernelLength: req.kernelLength });
  const step = req.discretization?.step;
  if (step === undefined) return;
  if (req.measure !== 'legs') throw new ComputeError('invalid', localizable('a time-varying step k is for LegS, whose system (A/t, B/t) changes with t; {0} is time-invariant: drop the step', measureName(req.measure)));
  if (!Number.isInteger(step) || step < 1) throw new ComputeError('invalid', localizable('the time-varying step k must be a whole number ≥ 1, got {0}', step));
  if (req.kernelLength !== undefined) throw new ComputeError('invalid', localizable('a time-varying LegS has no convolution kernel (Ā changes every step): drop the kernel length or the step'));
}

function cpuHippo(req: HippoRequest, checkpoint: () => void): HippoResponse {
  checkHippo(req);
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const sys = transition(req.measure, req.n);
  phases.transition = performance.now() - t0;
  const notes: ComputeNote[] = [];
  let aBar: Matrix | undefined, bBar: Float64Array | undefined, kernel: Float64Array | undefined;
  const step = req.discretization?.step;
  if (req.discretization) {
    const { dt, method } = req.discretization;
    const t1 = performance.now();
    ({ aBar, bBar } = step === undefined ? discretize(sys.a, sys.b, dt, method) : discretizeAt(sys.a, sys.b, step * dt, dt, method));
    phases.discretize = performance.now() - t1;
    if (step !== undefined) notes.push(legsStepNote(step));
    else if (req.measure === 'legs') notes.push(LEGS_TIME_INVARIANT_NOTE);
  }
  if (req.kernelLength !== undefined) {
    if (!aBar || !bBar) throw new ComputeError('invalid', localizable('the kernel needs a discretization (method and Δ)'));
    const t2 = performance.now();
    kernel = s4Kernel(aBar, bBar, req.kernelLength, { c: req.c, checkpoint });
    phases.kernel = performance.now() - t2;
  }
  return {
    type: 'hippoResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases },
    convention: sys.convention, a: sys.a, b: sys.b, aBar, bBar, step, kernel,
  };
}

export const LEGS_TIME_INVARIANT_NOTE = localizable('LegS is time-varying (A/t, B/t); Ā, B̄ here discretise the time-invariant (A, B) with step Δ, as S4 does (ask for a step k for the time-varying Ā_k, B̄_k).');

function legsStepNote(step: number): ComputeNote {
  return localizable('Time-varying LegS: Ā_k, B̄_k discretise (A/t, B/t) at t = kΔ with k = {0}; Δ cancels (A/t·Δ = A/k), so they depend on k alone. The recurrence is x_k = Ā_k·x_{k−1} + B̄_k·u_k; the online approximation takes each step\'s t at its midpoint, (k − ½)Δ, which errs about 10× less.', step);
}

/** Channels that split the signal evenly, within the limits: what can be checked without reading the samples. */
export function checkApproximationShape(req: ApproximateRequest): void {
  let length: number;
  try {
    length = samplesPerChannel(req.signal.length, req.channels ?? 1);
  } catch (error) {
    throw new ComputeError('invalid', wordsOf(error));
  }
  validateRequest({ kind: 'approximate', n: req.n, length, channels: req.channels ?? 1 });
  checkApproximationParameters(req, length);
}

export function checkApproximation(req: ApproximateRequest): void {
  checkApproximationShape(req);
  if (!req.signal.every(Number.isFinite)) throw new ComputeError('invalid', localizable('the signal contains NaN or ∞'));
}

function cpuApproximate(req: ApproximateRequest, checkpoint: () => void): ApproximateResponse {
  checkApproximation(req);
  const t0 = performance.now();
  const r = approximateChannels({ measure: req.measure, n: req.n, signal: req.signal, channels: req.channels ?? 1, dt: req.dt, window: req.window, method: req.method, checkpoint });
  return {
    type: 'approximateResult', id: req.id, backend: 'cpu', adapter: null, notes: [],
    timings: { totalMs: performance.now() - t0, phases: {} },
    ...r,
  };
}
