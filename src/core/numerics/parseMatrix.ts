// Reads a matrix from the forms people paste: LaTeX environments (as in the blog's posts, including
// html2text's `\\\` row breaks), JSON arrays, CSV and Markdown tables. Every cell is also kept as an
// exact rational when it is one (integers, decimals as written, \frac), so --exact can use it.
import { type ComputeLimits, DEFAULT_LIMITS, validateRequest } from './limits';
import type { Matrix } from './matrix';
import { type Rational, divR, mulR, parseDecimalRational, rational } from './rational';

export type MatrixFormat = 'latex' | 'json' | 'csv' | 'markdown';

export interface ParsedMatrix {
  readonly matrix: Matrix;
  readonly format: MatrixFormat;
  /** Present when every cell is an exact rational. */
  readonly rational?: Rational[][];
}

export class MatrixParseError extends Error {
  override readonly name = 'MatrixParseError';
}

interface Cell {
  readonly value: number;
  readonly exact?: Rational;
}

const LATEX_ENV = /\\begin\{(pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|smallmatrix|matrix|array)\}(\{[^}]*\})?([\s\S]*?)\\end\{\1\}/;

export function parseMatrix(text: string, limits: ComputeLimits = DEFAULT_LIMITS): ParsedMatrix {
  const trimmed = text.trim();
  if (trimmed === '') throw new MatrixParseError('no matrix given (the text is empty)');
  let format: MatrixFormat;
  let cells: string[][];
  const latex = LATEX_ENV.exec(trimmed);
  if (latex) {
    format = 'latex';
    cells = splitLatex(latex[3]);
  } else if (trimmed.startsWith('[')) {
    format = 'json';
    cells = splitJson(trimmed);
  } else if (/^\|/m.test(trimmed) && trimmed.includes('\n')) {
    format = 'markdown';
    cells = splitMarkdown(trimmed);
  } else if (trimmed.startsWith('\\')) {
    throw new MatrixParseError('LaTeX input must be a pmatrix, bmatrix, vmatrix, matrix or array environment (\\begin{pmatrix} … \\end{pmatrix})');
  } else {
    format = 'csv';
    cells = splitCsv(trimmed);
  }
  const rows = cells.length;
  const cols = rows === 0 ? 0 : cells[0].length;
  cells.forEach((row, i) => {
    if (row.length !== cols) throw new MatrixParseError(`row ${i + 1} has ${row.length} entries but row 1 has ${cols}: every row needs the same number of columns`);
  });
  // Shape is known: refuse oversize before allocating anything proportional to it.
  validateRequest({ kind: 'pinv', rows, cols }, limits);
  const data = new Float64Array(rows * cols);
  let exactRows: Rational[][] | undefined = [];
  for (let i = 0; i < rows; i++) {
    const exactRow: Rational[] = [];
    for (let j = 0; j < cols; j++) {
      const cell = parseCell(cells[i][j], i, j);
      data[i * cols + j] = cell.value;
      if (cell.exact && exactRows) exactRow.push(cell.exact);
      else exactRows = undefined;
    }
    exactRows?.push(exactRow);
  }
  return { matrix: { rows, cols, data }, format, rational: exactRows };
}

function splitLatex(body: string): string[][] {
  // Row breaks are `\\` (or html2text's `\\\`); `\hline` and spacing commands carry no cells.
  const rows = body
    .split(/\\{2,}(?:\[[^\]]*\])?/)
    .map((r) => r.replace(/\\hline/g, ' ').replace(/\\[,;:! ]/g, ' ').replace(/\\(left|right)\b/g, '').trim());
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  if (rows.length === 0) throw new MatrixParseError('the LaTeX matrix has no rows');
  return rows.map((r) => r.split('&').map((c) => c.trim()));
}

function splitJson(text: string): string[][] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new MatrixParseError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value) || value.length === 0) throw new MatrixParseError('JSON input must be a non-empty array of rows, e.g. [[1,2],[3,4]]');
  const rows: unknown[] = value.every((r) => !Array.isArray(r)) ? [value] : value;
  return rows.map((row, i) => {
    if (!Array.isArray(row)) throw new MatrixParseError(`row ${i + 1} is not an array`);
    return row.map((cell, j) => {
      if (typeof cell === 'number' || typeof cell === 'string') return String(cell);
      throw new MatrixParseError(`row ${i + 1}, column ${j + 1}: ${JSON.stringify(cell)} is not a number`);
    });
  });
}

function splitMarkdown(text: string): string[][] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('|'));
  const rows = lines
    .filter((l) => !(/^[\s|:-]+$/.test(l) && l.includes('-'))) // the |---|:-:| alignment row
    .map((l) => l.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim()));
  // A Markdown table always has a header row; keep it only when it is numeric too.
  if (rows.length > 1 && !rows[0].every((c) => tryCell(c) !== undefined)) rows.shift();
  return rows;
}

function splitCsv(text: string): string[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = text.includes(',') ? ',' : text.includes(';') ? ';' : text.includes('\t') ? '\t' : /\s+/;
  return lines.map((l) => l.trim().split(sep).map((c) => c.trim()));
}

function tryCell(text: string): Cell | undefined {
  // Web pages paste U+2212 for minus; LaTeX writes 10^k as \times or \cdot.
  let t = text.replace(/\s+/g, '').replace(/\u2212/g, '-').replace(/\\cdot10\^/g, '\\times10^').replace(/^\{(.*)\}$/, '$1');
  let sign = 1;
  while (t.startsWith('+') || t.startsWith('-')) {
    if (t[0] === '-') sign = -sign;
    t = t.slice(1);
  }
  const frac = /^\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}$/.exec(t) ?? /^\\[dt]?frac(\d)(\d)$/.exec(t) ?? /^([^/\\{}]+)\/([^/\\{}]+)$/.exec(t);
  if (frac) {
    const num = tryCell(frac[1]), den = tryCell(frac[2]);
    if (!num || !den || den.value === 0) return undefined;
    const value = (sign * num.value) / den.value;
    const exact = num.exact && den.exact ? mulR(rational(BigInt(sign)), divR(num.exact, den.exact)) : undefined;
    return { value, exact };
  }
  const plain = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.exec(t) ?? /^(\d+\.?\d*|\.\d+)\\times10\^\{?([+-]?\d+)\}?$/.exec(t);
  if (!plain) return undefined;
  const literal = plain[2] === undefined ? plain[1] : `${plain[1]}e${plain[2].replace(/^[eE]/, '')}`;
  const value = sign * Number(literal);
  const exact = parseDecimalRational((sign < 0 ? '-' : '') + literal);
  return { value, exact };
}

function parseCell(text: string, row: number, col: number): Cell {
  const where = `row ${row + 1}, column ${col + 1}`;
  if (text === '') throw new MatrixParseError(`${where}: the cell is empty`);
  const cell = tryCell(text);
  if (!cell) {
    if (/^[+-]?(nan|inf|infinity|\\infty)$/i.test(text.replace(/\s+/g, ''))) throw new MatrixParseError(`${where}: "${text}" is not a finite number (NaN and ∞ are refused)`);
    throw new MatrixParseError(`${where}: cannot read "${text}" as a number (use integers, decimals, 1e-3, a/b or \\frac{a}{b})`);
  }
  if (!Number.isFinite(cell.value)) throw new MatrixParseError(`${where}: "${text}" is not a finite number in double precision`);
  return cell;
}
