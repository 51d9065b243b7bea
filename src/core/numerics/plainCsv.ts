// The one-pass reader of large CSVs of plain decimals (parseMatrix's fast path) and the line count the
// shape check needs before anything is allocated. Apart from parseMatrix.ts, which words every error,
// so that each file stays one concern (and under 400 lines).
import { EXACT_MAX } from './limits';
import { exactDecimal, HIGH_DIGITS_MAX, longDecimal } from './decimal';
import type { Matrix } from './matrix';

/** Longest cell read: a double written out in full is ~25 characters, a \frac of two of them ~60. */
export const MAX_CELL_CHARS = 200;

/**
 * Lines holding anything but whitespace (space, tab, CR), counted without splitting: the line ends found
 * by indexOf (native), each line looked at only up to its first other character — a 1024² CSV's 21 MB
 * were a ~30 ms loop over every character on a fresh process.
 */
export function nonBlankLines(text: string): number {
  let count = 0;
  for (let start = 0; ; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    for (let i = start; i < stop; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0d) {
        count++;
        break;
      }
    }
    if (end < 0) return count;
    start = end + 1;
  }
}

/** readPlainCsv's separator code for runs of spaces and tabs (the CSV has no ',', ';' or tab). */
export const WHITESPACE = -1;

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
export function readPlainCsv(text: string, sep: number, lineCount: number, firstCols: number): Matrix | undefined {
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
    // The digits as high·10^lowDigits + low (decimal.ts; `high` alone, exact below 2^53, for most cells)
    // and the power of ten that scales them.
    let digits = 0, high = 0, low = 0, lowDigits = 0, scale = 0;
    // Digits, then at most one dot, then digits: each digit after the dot scales the value by 1/10.
    let fraction = 0;
    for (;;) {
      if (ch >= ZERO && ch <= NINE) {
        digits++;
        if (high <= HIGH_DIGITS_MAX) high = high * 10 + (ch - ZERO);
        else {
          low = low * 10 + (ch - ZERO);
          lowDigits++;
        }
        scale -= fraction;
      } else if (ch === DOT && fraction === 0) fraction = 1;
      else break;
      ch = ++i < length ? text.charCodeAt(i) : NEWLINE;
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
    const value = (lowDigits === 0 ? exactDecimal(negative, high, scale) : longDecimal(negative, scale, high, low, lowDigits)) ?? Number(text.slice(start, i));
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
