// Unargmaxable classes (你的语言模型有没有“无法预测的词”?): with logits W·x, class i can be the strict
// argmax for some x iff the linear program
//     maximise t  subject to  (w_i − w_j)·x ≥ t for all j ≠ i,  −1 ≤ x_k ≤ 1,  t ≤ 1
// has an optimum t* > 0 (geometrically: w_i is a vertex of the convex hull of the rows). One LP per class,
// solved by a maintained solver (HiGHS) handed in as `solve`; core only builds the LP and reads the answer.
import { type Matrix, pow2Times, toUnitScale } from './matrix';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

/**
 * A linear program in HiGHS's terms, solver-neutral: maximise colCost·z subject to
 * rowLower ≤ A·z ≤ rowUpper and colLower ≤ z ≤ colUpper, with A in compressed sparse rows.
 */
export interface SparseLp {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** What the solver returns for one LP: its status, the optimum and the primal column values. */
export interface LpSolution {
  readonly optimal: boolean;
  readonly status: string;
  readonly objective: number;
  readonly columns: Float64Array;
}

export type LpSolver = (lp: SparseLp) => LpSolution;

export interface ArgmaxClass {
  /** 0-based row of W. */
  readonly index: number;
  readonly argmaxable: boolean;
  /** t*: how far (with x in the unit box) w_i·x can beat every other class; ≤ 0 means never strictly. */
  readonly margin: number;
  /** An x that makes this class the strict argmax (argmaxable classes only). */
  readonly witness?: Float64Array;
}

/** Margins above this (relative to the largest spread of a coordinate of W) count as positive. */
export const MARGIN_TOLERANCE = 1e-9;
/** n LPs of n−1 rows and d+1 columns: refused beyond this many coefficients in all. */
export const MAX_ARGMAX_WORK = 1 << 27;
export const MAX_ARGMAX_CLASSES = 4096;

/** The LP of class i: columns x_1 … x_d, t; one row (w_i − w_j)·x − t ≥ 0 for each j ≠ i. */
export function argmaxLp(w: Matrix, i: number): SparseLp {
  const { rows: n, cols: d, data } = w;
  const numRows = n - 1, numCols = d + 1;
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(numRows * numCols);
  const values = new Float64Array(numRows * numCols);
  let row = 0, nz = 0;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    for (let k = 0; k < d; k++) {
      const c = data[i * d + k] - data[j * d + k];
      if (c === 0) continue;
      indices[nz] = k;
      values[nz++] = c;
    }
    indices[nz] = d;
    values[nz++] = -1;
    starts[++row] = nz;
  }
  const colCost = new Float64Array(numCols);
  colCost[d] = 1;
  const colLower = new Float64Array(numCols).fill(-1);
  colLower[d] = -Infinity;
  return {
    numCols, numRows, colCost, colLower, colUpper: new Float64Array(numCols).fill(1),
    rowLower: new Float64Array(numRows), rowUpper: new Float64Array(numRows).fill(Infinity),
    starts, indices: indices.subarray(0, nz), values: values.subarray(0, nz),
  };
}

export function checkArgmaxSize(n: number, d: number): void {
  if (n < 2) throw new WordedError(localizable('W needs at least 2 classes (rows), got {0}', n));
  if (n > MAX_ARGMAX_CLASSES) throw new WordedError(localizable('W has {0} classes, above the limit of {1} (one linear program per class)', n, MAX_ARGMAX_CLASSES));
  const work = n * (n - 1) * (d + 1);
  if (work > MAX_ARGMAX_WORK) throw new WordedError(localizable('{0} classes × {1} dimensions need {0} linear programs of {2}×{3} ({4} coefficients in all), above the limit of {5}: use fewer classes or dimensions', n, d, n - 1, d + 1, work, MAX_ARGMAX_WORK));
}

/**
 * Each class's LP, solved on 2^k·W with max|w| in [0.5, 1) (exact, and the same classes win: argmax of
 * W·x is argmax of 2^k·W·x): HiGHS refuses coefficients near 1e300 ("passModel failed with HiGHS status
 * -1"). The margins are given back in W's own units.
 */
export function argmaxClasses(original: Matrix, solve: LpSolver, checkpoint?: () => void): ArgmaxClass[] {
  checkArgmaxSize(original.rows, original.cols);
  const { unit: w, exponent } = toUnitScale(original);
  const { rows: n, cols: d, data } = w;
  let spread = 0;
  for (let k = 0; k < d; k++) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, data[i * d + k]);
      hi = Math.max(hi, data[i * d + k]);
    }
    spread = Math.max(spread, hi - lo);
  }
  const tolerance = MARGIN_TOLERANCE * (spread || 1);
  const out: ArgmaxClass[] = [];
  for (let i = 0; i < n; i++) {
    checkpoint?.();
    const r = solve(argmaxLp(w, i));
    if (!r.optimal) throw new WordedError(localizable('the linear program of class {0} ended with status {1}', i + 1, r.status));
    const argmaxable = r.objective > tolerance;
    const margin = pow2Times(r.objective, -exponent);
    out.push({ index: i, argmaxable, margin, ...(argmaxable ? { witness: r.columns.slice(0, d) } : {}) });
  }
  return out;
}

/** Deterministic standard-normal n×d (xorshift32 + Box–Muller), so a random run can be repeated by its seed. */
export function randomGaussianMatrix(n: number, d: number, seed: number): Matrix {
  let s = seed >>> 0 || 0x9e3779b9;
  const uniform = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { rows: n, cols: d, data };
}

/** argmax_i (W·x)_i and whether it is strict. */
export function argmaxOf(w: Matrix, x: Float64Array): { readonly index: number; readonly strict: boolean } {
  let best = -Infinity, index = -1, strict = true;
  for (let i = 0; i < w.rows; i++) {
    let s = 0;
    for (let k = 0; k < w.cols; k++) s += w.data[i * w.cols + k] * x[k];
    if (s > best) {
      strict = true;
      best = s;
      index = i;
    } else if (s === best) strict = false;
  }
  return { index, strict };
}
