// HiGHS (the `highs` package: the HiGHS solver compiled to WebAssembly) as core's LpSolver. One persistent
// model per batch of LPs: passModel + run on it is ≈ 3× faster than the one-shot solve(text) per LP,
// which creates a solver and parses LP text every time. Presolve is off: these LPs are small and dense.
import type { Highs } from 'highs';
import type { LpSolver } from '../core/numerics/argmax';

let loaded: Promise<Highs> | undefined;

/** Loads (and compiles) highs.wasm once per thread. */
export function loadHighs(): Promise<Highs> {
  loaded ??= import('highs').then((module) => module.default());
  return loaded;
}

/** Runs `use` with a solver on one HiGHS model, disposed afterwards. */
export function withHighsSolver<T>(highs: Highs, use: (solve: LpSolver) => T): T {
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false, presolve: 'off' });
    const statusNames = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name])) as Record<number, string>;
    return use((lp) => {
      model.passModel({
        numCols: lp.numCols,
        numRows: lp.numRows,
        sense: highs.constants.objectiveSense.maximize,
        colCost: lp.colCost,
        colLower: lp.colLower,
        colUpper: lp.colUpper,
        rowLower: lp.rowLower,
        rowUpper: lp.rowUpper,
        matrix: { format: 'csr', numRows: lp.numRows, numCols: lp.numCols, starts: lp.starts, indices: lp.indices, values: lp.values },
      });
      model.run();
      const status = model.getModelStatus();
      const optimal = status === highs.constants.modelStatus.optimal;
      return { optimal, status: statusNames[status] ?? String(status), objective: model.getObjectiveValue(), columns: Float64Array.from(model.getSolution().colValue) };
    });
  } finally {
    model.dispose();
  }
}
