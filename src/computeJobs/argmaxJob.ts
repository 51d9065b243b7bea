// Unargmaxable classes: one LP per class through HiGHS (WebAssembly, the `highs` package, kept outside
// the bundle so it finds its highs.wasm). Runs in the helper's CPU worker (the CLI
// hands argmax to the helper: inProcessJob.ts).
import { argmaxClasses, argmaxOf, checkArgmaxSize } from '../core/numerics/argmax';
import { isFiniteMatrix } from '../core/numerics/matrix';
import type { ArgmaxRequest } from '../core/protocol/algorithms';
import type { ArgmaxResponse } from '../core/protocol/compute';
import { ComputeError, wordsOf } from './errors';
import { loadHighs, withHighsSolver } from './highsSolver';
import { localizable } from '../core/l10n/localizable';

export function checkArgmax(req: ArgmaxRequest): void {
  try {
    checkArgmaxSize(req.matrix.rows, req.matrix.cols);
  } catch (error) {
    throw new ComputeError('limit', wordsOf(error));
  }
  if (req.matrix.data.length !== req.matrix.rows * req.matrix.cols) throw new ComputeError('invalid', localizable('matrix data has {0} entries, expected {1}×{2}', req.matrix.data.length, req.matrix.rows, req.matrix.cols));
  if (!isFiniteMatrix(req.matrix)) throw new ComputeError('invalid', localizable('the matrix contains NaN or ∞'));
}

export async function cpuArgmax(req: ArgmaxRequest, checkpoint: () => void): Promise<ArgmaxResponse> {
  checkArgmax(req);
  const t0 = performance.now();
  const highs = await loadHighs();
  const tLoad = performance.now() - t0;
  const t1 = performance.now();
  const classes = withHighsSolver(highs, (solve) => argmaxClasses(req.matrix, solve, checkpoint));
  const tSolve = performance.now() - t1;
  // Each witness is an independent check of the LP's answer: W·x must make its class the strict argmax.
  const witnessFailures = classes.filter((c) => c.witness && !isStrictArgmax(req, c.index, c.witness)).map((c) => c.index);
  const unargmaxable = classes.filter((c) => !c.argmaxable).map((c) => c.index);
  const notes = [
    req.matrix.rows === 2
      ? localizable('2 linear programs (one per class, 1 constraint × {0} variables) solved by HiGHS; a class is argmaxable iff its margin t* > 0.', req.matrix.cols + 1)
      : localizable('{0} linear programs (one per class, {1} constraints × {2} variables) solved by HiGHS; a class is argmaxable iff its margin t* > 0.', classes.length, req.matrix.rows - 1, req.matrix.cols + 1),
  ];
  if (witnessFailures.length) notes.push(localizable('The witness x of {0} class(es) did not make it the strict argmax (margins near the tolerance): {1}.', witnessFailures.length, witnessFailures.slice(0, 10).map((i) => i + 1).join(', ')));
  return {
    type: 'argmaxResult', id: req.id, backend: 'cpu', adapter: null, notes,
    timings: { totalMs: performance.now() - t0, phases: { loadHighs: tLoad, linearPrograms: tSolve } },
    classes: req.matrix.rows, dim: req.matrix.cols, unargmaxable, margins: Float64Array.from(classes, (c) => c.margin),
    witnessesChecked: classes.filter((c) => c.witness).length, witnessFailures,
    points: req.matrix.cols <= 2 ? req.matrix : undefined,
    solver: 'HiGHS (highs-js, WebAssembly)',
  };
}

function isStrictArgmax(req: ArgmaxRequest, index: number, x: Float64Array): boolean {
  const r = argmaxOf(req.matrix, x);
  return r.index === index && r.strict;
}
