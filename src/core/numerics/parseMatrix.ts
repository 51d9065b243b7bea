// Reads a matrix from the forms people paste: LaTeX environments (as in the blog's posts, including
// html2text's `\\\` row breaks), JSON arrays, CSV and Markdown tables. Every cell is also kept as an
// exact rational when it is one (integers, decimals as written, \frac), so --exact can use it.
// Hostile input stays cheap: every pattern is linear (no nested quantifiers over the same digits),
// the shape is counted and checked against the limits before any cell is split or parsed, JSON
// nesting deeper than rows of numbers is refused before JSON.parse, exact rationals are made only
// where exact arithmetic is allowed (≤ 8×8), and a message quotes at most QUOTE_MAX characters.
import { type ComputeLimits, DEFAULT_LIMITS, EXACT_MAX, validateRequest } from './limits';
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

const LATEX_BEGIN = /\\begin\{(pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|smallmatrix|matrix|array)\}/;

/** Characters of a cell quoted in a message; the rest is elided. */
const QUOTE_MAX = 40;
/** Longest cell read: a double written out in full is ~25 characters, a \frac of two of them ~60. */
export const MAX_CELL_CHARS = 200;

/** `"text"`, cut to QUOTE_MAX characters so a 100k-digit cell does not become a 100k-character message. */
export function quoteCell(text: string): string {
  return text.length <= QUOTE_MAX ? `"${text}"` : `"${text.slice(0, QUOTE_MAX)}…" (${text.length} characters)`;
}

/**
 * Bytes a matrix file within the limits can need: MAX_CELL_CHARS per cell would be 800 MB at 2048², so
 * a generous 48 bytes a cell (a full double with separator and padding is ≤ 27) plus 64 KiB of LaTeX
 * around it. Readers stop at this many bytes, before parsing.
 */
export function maxMatrixBytes(limits: ComputeLimits = DEFAULT_LIMITS): number {
  return limits.maxRows * limits.maxCols * 48 + (1 << 16);
}

export interface ParseMatrixOptions {
  /** The caller wants exact rationals: the exact size limit is checked with the shape, before any cell is read. */
  readonly exact?: boolean;
}

export function parseMatrix(text: string, limits: ComputeLimits = DEFAULT_LIMITS, options: ParseMatrixOptions = {}): ParsedMatrix {
  const trimmed = text.trim();
  if (trimmed === '') throw new MatrixParseError('no matrix given (the text is empty)');
  let format: MatrixFormat;
  let cells: string[][];
  const shape = (rows: number, cols: number) => validateRequest({ kind: 'pinv', rows, cols, exact: options.exact }, limits);
  const latex = latexBody(trimmed);
  if (latex !== undefined) {
    format = 'latex';
    cells = splitLatex(latex, shape);
  } else if (trimmed.startsWith('[')) {
    format = 'json';
    cells = splitJson(trimmed, shape);
  } else if (/^\|/m.test(trimmed) && trimmed.includes('\n')) {
    format = 'markdown';
    cells = splitMarkdown(trimmed, shape);
  } else if (trimmed.startsWith('\\')) {
    throw new MatrixParseError('LaTeX input must be a pmatrix, bmatrix, vmatrix, matrix or array environment (\\begin{pmatrix} … \\end{pmatrix})');
  } else {
    format = 'csv';
    const sep = csvSeparator(trimmed);
    const firstEnd = trimmed.indexOf('\n');
    const lineCount = nonBlankLines(trimmed);
    const firstCols = (firstEnd < 0 ? trimmed : trimmed.slice(0, firstEnd)).trim().split(sep).length;
    shape(lineCount, firstCols);
    const fast = readPlainCsv(trimmed, typeof sep === 'string' ? sep.charCodeAt(0) : WHITESPACE, lineCount, firstCols);
    if (fast) return { matrix: fast, format };
    cells = splitCsv(trimmed, sep);
  }
  const rows = cells.length;
  const cols = rows === 0 ? 0 : cells[0].length;
  cells.forEach((row, i) => {
    if (row.length !== cols) throw new MatrixParseError(`row ${i + 1} has ${row.length} entries but row 1 has ${cols}: every row needs the same number of columns`);
  });
  shape(rows, cols);
  const data = new Float64Array(rows * cols);
  // Exact rationals only where exact arithmetic is allowed: a 2048² matrix of fractions is never used.
  let exactRows: Rational[][] | undefined = rows <= EXACT_MAX && cols <= EXACT_MAX ? [] : undefined;
  if (exactRows === undefined) {
    // Large: numbers only, no object per cell (a 1024² CSV is a million cells).
    for (let i = 0; i < rows; i++) readRowValues(cells[i], i, data, i * cols);
    return { matrix: { rows, cols, data }, format };
  }
  for (let i = 0; i < rows; i++) {
    const exactRow: Rational[] = [];
    for (let j = 0; j < cols; j++) {
      const cell = parseCell(cells[i][j], i, j, exactRows !== undefined);
      data[i * cols + j] = cell.value;
      if (cell.exact && exactRows) exactRow.push(cell.exact);
      else exactRows = undefined;
    }
    exactRows?.push(exactRow);
  }
  return { matrix: { rows, cols, data }, format, rational: exactRows };
}

/** The body of the first matrix environment, found by indexOf (a lazy regex was quadratic on many unclosed \begin). */
function latexBody(text: string): string | undefined {
  const begin = LATEX_BEGIN.exec(text);
  if (!begin) return undefined;
  const name = begin[1];
  let from = begin.index + begin[0].length;
  // array's column spec {cc|c}
  if (text[from] === '{') {
    const close = text.indexOf('}', from);
    if (close >= 0) from = close + 1;
  }
  const end = text.indexOf(`\\end{${name}}`, from);
  if (end < 0) throw new MatrixParseError(`\\begin{${name}} has no \\end{${name}}`);
  return text.slice(from, end);
}

/** Lines holding anything but whitespace, counted without splitting. */
function nonBlankLines(text: string): number {
  let count = 0, content = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) {
      if (content) count++;
      content = false;
    } else if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0d) content = true;
  }
  return content ? count + 1 : count;
}

/** How many times `needle` occurs in `text` (no allocation). */
function countOf(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

type ShapeCheck = (rows: number, cols: number) => void;

function splitLatex(body: string, shape: ShapeCheck): string[][] {
  // Rows are at least the `\\` breaks (a trailing one ends the last row); columns of row 1 its `&` + 1.
  const firstBreak = body.indexOf('\\\\');
  shape(Math.max(1, countOf(body, '\\\\')), countOf(firstBreak < 0 ? body : body.slice(0, firstBreak), '&') + 1);
  // Row breaks are `\\` (or html2text's `\\\`); `\hline` and spacing commands carry no cells.
  const rows = body
    .split(/\\{2,}(?:\[[^\]]*\])?/)
    .map((r) => r.replace(/\\hline/g, ' ').replace(/\\[,;:! ]/g, ' ').replace(/\\(left|right)\b/g, '').trim());
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  if (rows.length === 0) throw new MatrixParseError('the LaTeX matrix has no rows');
  return rows.map((r) => r.split('&').map((c) => c.trim()));
}

/**
 * Depth, rows and row 1's columns by one scan, before JSON.parse: 10⁵ nested `[` overflowed the stack
 * when the message quoted the cell, and a 2049-row array was parsed whole before it was refused.
 */
function scanJson(text: string, shape: ShapeCheck): void {
  let depth = 0, maxDepth = 0, outerItems = 0, firstRowCommas = 0, rowsSeen = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash escape
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      // `{` counts too: JSON.stringify of a deeply nested object in the message would overflow the stack.
      depth++;
      if (depth > 2) throw new MatrixParseError('JSON input is nested more than two levels deep: a matrix is an array of rows of numbers, e.g. [[1,2],[3,4]]');
      maxDepth = Math.max(maxDepth, depth);
      if (depth === 2) rowsSeen++;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
    else if (ch === 0x2c) {
      if (depth === 1) outerItems++;
      else if (depth === 2 && rowsSeen === 1) firstRowCommas++;
    }
  }
  // [[…],[…]]: rows = commas at depth 1 + 1; [1,2,3]: one row of outerItems + 1 numbers.
  if (maxDepth === 2) shape(outerItems + 1, firstRowCommas + 1);
  else shape(1, outerItems + 1);
}

function splitJson(text: string, shape: ShapeCheck): string[][] {
  scanJson(text, shape);
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
      const shown = JSON.stringify(cell) ?? String(cell);
      throw new MatrixParseError(`row ${i + 1}, column ${j + 1}: ${shown.length <= 40 ? shown : `${shown.slice(0, 40)}…`} is not a number`);
    });
  });
}

function splitMarkdown(text: string, shape: ShapeCheck): string[][] {
  // At most 2 of the table's lines are not rows (the header and the |---| rule).
  shape(Math.max(1, nonBlankLines(text) - 2), 1);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('|'));
  const rows = lines
    .filter((l) => !(/^[\s|:-]+$/.test(l) && l.includes('-'))) // the |---|:-:| alignment row
    .map((l) => l.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim()));
  // A Markdown table always has a header row; keep it only when it is numeric too.
  if (rows.length > 1 && !rows[0].every((c) => tryCell(c) !== undefined)) rows.shift();
  return rows;
}

function csvSeparator(text: string): string | RegExp {
  return text.includes(',') ? ',' : text.includes(';') ? ';' : text.includes('\t') ? '\t' : /\s+/;
}

/** Cells by line and separator (the shape was checked by the caller). */
function splitCsv(text: string, sep: string | RegExp): string[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.map((l) => l.trim().split(sep).map((c) => c.trim()));
}

/** readPlainCsv's separator code for runs of spaces and tabs (the CSV has no ',', ';' or tab). */
const WHITESPACE = -1;

// Character codes readPlainCsv compares with.
const TAB = 0x09, NEWLINE = 0x0a, RETURN = 0x0d, SPACE = 0x20, PLUS = 0x2b, MINUS = 0x2d, DOT = 0x2e;
const ZERO = 0x30, NINE = 0x39, UPPER_E = 0x45, LOWER_E = 0x65;

/**
 * The common large CSV — plain decimals between one-character separators, spaces around them, blank
 * lines — read in one pass over the text into the matrix, without a string per line or per cell
 * split off and trimmed (a 1024² file: 640 ms → ~100 ms). Anything else (another character, an empty
 * or malformed cell, a ragged row, a value beyond the doubles, a matrix small enough for exact
 * rationals) returns undefined and the general path reads it and words the error, as before.
 */
function readPlainCsv(text: string, sep: number, lineCount: number, firstCols: number): Matrix | undefined {
  // Every line of a CSV read here is a row, and row 1 has as many cells as the caller counted.
  if (lineCount <= EXACT_MAX && firstCols <= EXACT_MAX) return undefined;
  const data = new Float64Array(lineCount * firstCols);
  let count = 0, cols = -1, rows = 0, inRow = 0;
  const length = text.length;
  let i = 0;
  while (i <= length) {
    // One cell (or the end of a line): skip spaces, read [+-]?digits[.digits][e[+-]digits], skip spaces.
    let ch = i < length ? text.charCodeAt(i) : NEWLINE;
    while (ch === SPACE || ch === RETURN || (ch === TAB && sep !== TAB)) ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
    if (ch === NEWLINE && inRow === 0) {
      i++; // a blank line
      continue;
    }
    const start = i;
    const negative = ch === MINUS;
    if (ch === PLUS || ch === MINUS) ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
    // The digits as an integer (exact while below 2^53) and the power of ten that scales it.
    let digits = 0, mantissa = 0, scale = 0;
    while (ch >= ZERO && ch <= NINE) {
      digits++;
      mantissa = mantissa * 10 + (ch - ZERO);
      ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
    }
    if (ch === DOT) {
      ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
      while (ch >= ZERO && ch <= NINE) {
        digits++;
        mantissa = mantissa * 10 + (ch - ZERO);
        scale--;
        ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
      }
    }
    if (digits === 0) return undefined;
    if (ch === LOWER_E || ch === UPPER_E) {
      ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
      const expNegative = ch === MINUS;
      if (ch === PLUS || ch === MINUS) ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
      let expDigits = 0, exponent = 0;
      while (ch >= ZERO && ch <= NINE) {
        expDigits++;
        exponent = exponent * 10 + (ch - ZERO);
        ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
      }
      if (expDigits === 0) return undefined;
      // A long exponent makes the fast path below fail its range test (never a wrong value).
      scale += expNegative ? -exponent : exponent;
    }
    if (i - start > MAX_CELL_CHARS) return undefined;
    const value = exactDecimal(negative, mantissa, scale) ?? Number(text.slice(start, i));
    if (!Number.isFinite(value) || count === data.length) return undefined;
    data[count++] = value;
    inRow++;
    while (ch === SPACE || ch === RETURN || (ch === TAB && sep !== TAB)) ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
    if (ch === sep) {
      i++;
      continue;
    }
    // Separated by whitespace: the next cell starts right here.
    if (sep === WHITESPACE && ch !== NEWLINE) continue;
    if (ch !== NEWLINE) return undefined;
    i++;
    if (cols < 0) cols = inRow;
    else if (inRow !== cols) return undefined;
    rows++;
    inRow = 0;
  }
  if (rows !== lineCount || cols !== firstCols) return undefined;
  return { rows, cols, data };
}

/** 10^0 … 10^22: every one exact in double precision. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * ±mantissa·10^scale when one IEEE operation gives it correctly rounded — the same double Number()
 * reads from the text — else undefined. Clinger's fast path: the mantissa was summed exactly (every
 * partial sum below 2^53: the computed sum is below 2^53 only if the true one is, rounding being
 * monotonic) and 10^|scale| is exact (|scale| ≤ 22), so the one product or quotient is rounded once.
 * A 1024² CSV's cells have 16–17 significant digits: about half of them take it and skip the string
 * slice and Number() (most of readPlainCsv's time).
 */
function exactDecimal(negative: boolean, mantissa: number, scale: number): number | undefined {
  if (!(mantissa < 2 ** 53) || scale < -22 || scale > 22) return undefined;
  const value = scale < 0 ? mantissa / EXACT_POWERS_OF_TEN[-scale] : mantissa * EXACT_POWERS_OF_TEN[scale];
  return negative ? -value : value;
}

function tryCell(text: string, wantExact = true): Cell | undefined {
  // Web pages paste U+2212 for minus; LaTeX writes 10^k as \times or \cdot.
  let t = text.replace(/\s+/g, '').replace(/\u2212/g, '-').replace(/\\cdot10\^/g, '\\times10^').replace(/^\{(.*)\}$/, '$1');
  let sign = 1;
  while (t.startsWith('+') || t.startsWith('-')) {
    if (t[0] === '-') sign = -sign;
    t = t.slice(1);
  }
  const frac = /^\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}$/.exec(t) ?? /^\\[dt]?frac(\d)(\d)$/.exec(t) ?? /^([^/\\{}]+)\/([^/\\{}]+)$/.exec(t);
  if (frac) {
    const num = tryCell(frac[1], wantExact), den = tryCell(frac[2], wantExact);
    if (!num || !den || den.value === 0) return undefined;
    const value = (sign * num.value) / den.value;
    const exact = num.exact && den.exact ? mulR(rational(BigInt(sign)), divR(num.exact, den.exact)) : undefined;
    return { value, exact };
  }
  // (\d+(\.\d*)?|\.\d+): one way to split the digits, so a 100k-digit cell is read in linear time
  // (\d+\.?\d* backtracked quadratically: 18.8 s).
  const plain = /^(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.exec(t) ?? /^(\d+(?:\.\d*)?|\.\d+)\\times10\^\{?([+-]?\d+)\}?$/.exec(t);
  if (!plain) return undefined;
  const literal = plain[2] === undefined ? plain[1] : `${plain[1]}e${plain[2].replace(/^[eE]/, '')}`;
  const value = sign * Number(literal);
  const exact = wantExact ? parseDecimalRational((sign < 0 ? '-' : '') + literal) : undefined;
  return { value, exact };
}

/** A plain decimal as Number() reads it (no hex, no Infinity, no inner spaces): the common cell, read without the general path. */
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Row `row`'s cells as numbers into data[at…]: plain decimals read directly, anything else by parseCell. */
function readRowValues(cells: readonly string[], row: number, data: Float64Array, at: number): void {
  for (let j = 0; j < cells.length; j++) {
    const text = cells[j];
    const value = text.length <= MAX_CELL_CHARS && PLAIN_DECIMAL.test(text) ? Number(text) : NaN;
    data[at + j] = Number.isFinite(value) ? value : parseCell(text, row, j, false).value;
  }
}

function parseCell(text: string, row: number, col: number, wantExact: boolean): Cell {
  // Fast path for large matrices (no exact rationals wanted): a 512×256 CSV spent 300 ms here.
  if (!wantExact && text.length <= MAX_CELL_CHARS && PLAIN_DECIMAL.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return { value };
  }
  const where = `row ${row + 1}, column ${col + 1}`;
  if (text === '') throw new MatrixParseError(`${where}: the cell is empty`);
  if (text.length > MAX_CELL_CHARS) throw new MatrixParseError(`${where}: ${quoteCell(text)} is too long for a number (at most ${MAX_CELL_CHARS} characters)`);
  const cell = tryCell(text, wantExact);
  if (!cell) {
    if (/^[+-]?(nan|inf|infinity|\\infty)$/i.test(text.replace(/\s+/g, ''))) throw new MatrixParseError(`${where}: ${quoteCell(text)} is not a finite number (NaN and ∞ are refused)`);
    throw new MatrixParseError(`${where}: cannot read ${quoteCell(text)} as a number (use integers, decimals, 1e-3, a/b or \\frac{a}{b})`);
  }
  if (!Number.isFinite(cell.value)) throw new MatrixParseError(`${where}: ${quoteCell(text)} is not a finite number in double precision`);
  return cell;
}
