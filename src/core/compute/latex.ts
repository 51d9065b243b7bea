// Numbers, vectors and matrices as LaTeX, the way the posts write them (pmatrix, \frac for exact values).
// Large matrices are elided with \cdots / \vdots / \ddots so a formula stays readable and renderable.
import type { Matrix } from '../numerics/matrix';

/** Four significant digits; scientific notation as a×10^{k} outside [1e-3, 1e5). */
export function latexNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e5) return trimZeros(x.toPrecision(digits));
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  return `${trimZeros(mantissa)}\\times 10^{${Number(exponent)}}`;
}

/** The same rule in plain text, for headlines and tables. */
export function plainNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e5) return trimZeros(x.toPrecision(digits));
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  return `${trimZeros(mantissa)}e${Number(exponent)}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** "-3/7" → "-\frac{3}{7}", "5" → "5" (what formatRational writes). */
export function latexRational(text: string): string {
  const m = /^(-?)(\d+)\/(\d+)$/.exec(text.trim());
  return m ? `${m[1]}\\frac{${m[2]}}{${m[3]}}` : text.trim();
}

export interface ElideOptions {
  /** Rows and columns shown before eliding (the first max−1 and the last). */
  readonly max?: number;
}

const DEFAULT_MAX = 10;

/** Indices to show out of `count`: all of them, or the first max−2, a gap (-1), and the last. */
function shownIndices(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  return [...Array.from({ length: max - 2 }, (_, i) => i), -1, count - 1];
}

export function latexMatrixCells(cells: readonly (readonly string[])[], options: ElideOptions = {}): string {
  const max = options.max ?? DEFAULT_MAX;
  const rows = cells.length, cols = rows === 0 ? 0 : cells[0].length;
  const rowIdx = shownIndices(rows, max), colIdx = shownIndices(cols, max);
  const lines = rowIdx.map((i) =>
    colIdx.map((j) => (i < 0 && j < 0 ? '\\ddots' : i < 0 ? '\\vdots' : j < 0 ? '\\cdots' : cells[i][j])).join(' & '),
  );
  return `\\begin{pmatrix}${lines.join(' \\\\ ')}\\end{pmatrix}`;
}

export function latexMatrix(m: Matrix, options: ElideOptions = {}): string {
  const cells = Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => latexNumber(m.data[i * m.cols + j])));
  return latexMatrixCells(cells, options);
}

export function latexExactMatrix(cells: readonly (readonly string[])[], options: ElideOptions = {}): string {
  return latexMatrixCells(cells.map((row) => row.map(latexRational)), options);
}

/** A column vector. */
export function latexColumn(values: ArrayLike<number>, options: ElideOptions = {}): string {
  return latexMatrixCells(Array.from(values, (v) => [latexNumber(v)]), options);
}
