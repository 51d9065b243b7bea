// Reads a matrix from the forms people paste: LaTeX environments (as in the blog's posts, including
// html2text's `\\\` row breaks), JSON arrays, CSV and Markdown tables. Every cell is also kept as an
// exact rational when it is one (integers, decimals as written, \frac), so --exact can use it.
// Hostile input stays cheap: every pattern is linear (no nested quantifiers over the same digits),
// the shape is counted and checked against the limits before any cell is split or parsed, JSON
// nesting deeper than rows of numbers is refused before JSON.parse, exact rationals are made only
// where exact arithmetic is allowed (≤ 8×8), and a message quotes at most QUOTE_MAX characters.
import { type ComputeLimits, DEFAULT_LIMITS, EXACT_MAX, validateRequest } from './limits';
import type { Matrix } from './matrix';
import { MAX_CELL_CHARS, nonBlankLines, readPlainCsv, WHITESPACE } from './plainCsv';
import { type ReadAt, readAtBytes, readPlainCsvFile } from './plainCsvBytes';
import { type Rational, divR, mulR, parseDecimalRational, rational } from './rational';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export type MatrixFormat = 'latex' | 'json' | 'csv' | 'markdown';

export interface ParsedMatrix {
  readonly matrix: Matrix;
  readonly format: MatrixFormat;
  /** Present when every cell is an exact rational. */
  readonly rational?: Rational[][];
}

/** A matrix that cannot be read, said in words the host translates (`words`); `message` is them in English. */
export class MatrixParseError extends WordedError {
  override readonly name = 'MatrixParseError';
}

interface Cell {
  readonly value: number;
  readonly exact?: Rational;
}

const LATEX_BEGIN = /\\begin\{(pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|smallmatrix|matrix|array)\}/;

/** Characters of a cell quoted in a message; the rest is elided. */
const QUOTE_MAX = 40;
export { MAX_CELL_CHARS } from './plainCsv';

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
  if (trimmed === '') throw new MatrixParseError(localizable('no matrix given (the text is empty)'));
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
    throw new MatrixParseError(localizable('LaTeX input must be a pmatrix, bmatrix, vmatrix, matrix or array environment (\\begin{pmatrix} … \\end{pmatrix})'));
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
    if (row.length !== cols) throw new MatrixParseError(
        row.length === 1
          ? localizable('row {0} has 1 entry but row 1 has {1}: every row needs the same number of columns', i + 1, cols)
          : localizable('row {0} has {1} entries but row 1 has {2}: every row needs the same number of columns', i + 1, row.length, cols),
      );
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

/**
 * parseMatrix of the text these bytes hold, when it is a plain CSV that parseMatrix reads in one pass:
 * read from the bytes without making the text (plainCsvBytes; a 1024² CSV is 21 MB of it), `chunkBytes`
 * at a time (the tests cut lines with small ones). Else
 * undefined: the caller decodes the bytes and calls parseMatrix, which reads them or words the error.
 */
export function parsePlainCsvBytes(bytes: Uint8Array, limits: ComputeLimits = DEFAULT_LIMITS, chunkBytes?: number): ParsedMatrix | undefined {
  return parsePlainCsvFile(readAtBytes(bytes), bytes.length, limits, chunkBytes);
}

/** parsePlainCsvBytes of a file of `size` bytes, read through one small buffer (plainCsvBytes' readPlainCsvFile), the values in `allocate`'s array. */
export function parsePlainCsvFile(readAt: ReadAt, size: number, limits: ComputeLimits = DEFAULT_LIMITS, chunkBytes?: number, allocate?: (length: number) => Float64Array): ParsedMatrix | undefined {
  const matrix = readPlainCsvFile(readAt, size, (rows, cols) => validateRequest({ kind: 'pinv', rows, cols, exact: false }, limits), chunkBytes, allocate);
  return matrix && { matrix, format: 'csv' };
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
  if (end < 0) throw new MatrixParseError(localizable('{0} has no {1}', `\\begin{${name}}`, `\\end{${name}}`));
  return text.slice(from, end);
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
  if (rows.length === 0) throw new MatrixParseError(localizable('the LaTeX matrix has no rows'));
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
      if (depth > 2) throw new MatrixParseError(localizable('JSON input is nested more than two levels deep: a matrix is an array of rows of numbers, e.g. [[1,2],[3,4]]'));
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
    throw new MatrixParseError(localizable('not valid JSON: {0}', (e as Error).message));
  }
  if (!Array.isArray(value) || value.length === 0) throw new MatrixParseError(localizable('JSON input must be a non-empty array of rows, e.g. [[1,2],[3,4]]'));
  const rows: unknown[] = value.every((r) => !Array.isArray(r)) ? [value] : value;
  // Each number as written, not as the double JSON.parse made of it: `1e-400` is a rational, not 0.
  const literals = numberLiterals(text);
  let next = 0;
  return rows.map((row, i) => {
    if (!Array.isArray(row)) throw new MatrixParseError(localizable('row {0} is not an array', i + 1));
    return row.map((cell, j) => {
      if (typeof cell === 'number') return literals[next++] ?? String(cell);
      if (typeof cell === 'string') return cell;
      const shown = JSON.stringify(cell) ?? String(cell);
      throw new MatrixParseError(localizable('row {0}, column {1}: {2} is not a number', i + 1, j + 1, shown.length <= 40 ? shown : `${shown.slice(0, 40)}…`));
    });
  });
}

/** The number literals of JSON text as written, in order (strings skipped). */
function numberLiterals(text: string): string[] {
  const literals: string[] = [];
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      // Past the string, its escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      continue;
    }
    if (ch === 0x2d || (ch >= 0x30 && ch <= 0x39)) {
      number.lastIndex = i;
      const match = number.exec(text);
      if (match) {
        literals.push(match[0]);
        i += match[0].length - 1;
      }
    }
  }
  return literals;
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
  const [r, c] = [row + 1, col + 1];
  if (text === '') throw new MatrixParseError(localizable('row {0}, column {1}: the cell is empty', r, c));
  if (text.length > MAX_CELL_CHARS) throw new MatrixParseError(localizable('row {0}, column {1}: {2} is too long for a number (at most {3} characters)', r, c, quoteCell(text), MAX_CELL_CHARS));
  const cell = tryCell(text, wantExact);
  if (!cell) {
    if (/^[+-]?(nan|inf|infinity|\\infty)$/i.test(text.replace(/\s+/g, ''))) throw new MatrixParseError(localizable('row {0}, column {1}: {2} is not a finite number (NaN and ∞ are refused)', r, c, quoteCell(text)));
    throw new MatrixParseError(localizable('row {0}, column {1}: cannot read {2} as a number (use integers, decimals, 1e-3, a/b or \\frac{a}{b})', r, c, quoteCell(text)));
  }
  if (!Number.isFinite(cell.value)) throw new MatrixParseError(localizable('row {0}, column {1}: {2} is not a finite number in double precision', r, c, quoteCell(text)));
  return cell;
}
