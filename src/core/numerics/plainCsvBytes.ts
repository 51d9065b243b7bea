// readPlainCsv for a file's bytes, before any text is made of them: the CLI's `--matrix-file` of a
// large CSV. Decoding it first made a string as long as the file (21 MB for a 1024² CSV of doubles
// written in full: ~60 ms of copying into fresh, page-faulting memory on our VMs) that only this reader
// then looked at. It takes exactly the files parseMatrix's one-pass CSV path takes, and gives the same
// matrix; anything else (another format, another character — any non-ASCII byte —, a malformed cell,
// a shape beyond the limits) returns undefined, and the caller decodes the text for parseMatrix, which
// reads it or words the error as before.
import { exactDecimal, HIGH_DIGITS_MAX, LOW_DIGITS_MAX, longDecimal } from './decimal';
import { EXACT_MAX } from './limits';
import type { Matrix } from './matrix';
import { MAX_CELL_CHARS } from './plainCsv';

// Byte codes compared with (ASCII).
const TAB = 0x09, NEWLINE = 0x0a, RETURN = 0x0d, SPACE = 0x20, PLUS = 0x2b, COMMA = 0x2c, MINUS = 0x2d, DOT = 0x2e;
const ZERO = 0x30, NINE = 0x39, SEMICOLON = 0x3b, UPPER_E = 0x45, LEFT_BRACKET = 0x5b, BACKSLASH = 0x5c, LOWER_E = 0x65, BAR = 0x7c;
/** The separator code for runs of whitespace (as plainCsv's WHITESPACE). */
const WHITESPACE = -1;

/** What String.prototype.trim and /\s/ take among ASCII bytes: tab, LF, VT, FF, CR, space. */
const isSpace = (b: number) => b === SPACE || (b >= TAB && b <= RETURN);

/**
 * The matrix parseMatrix would read from these bytes (decoded) through its one-pass CSV path, or
 * undefined. `shape` is parseMatrix's check of the counted shape (it throws beyond the limits: then
 * undefined too, and parseMatrix throws the same).
 */
export function readPlainCsvBytes(bytes: Uint8Array, shape: (rows: number, cols: number) => void): Matrix | undefined {
  // text.trim(): on ASCII text, the same bytes; a non-ASCII one is never trimmed here, and the
  // reader below refuses it.
  let start = 0, end = bytes.length;
  while (start < end && isSpace(bytes[start])) start++;
  while (end > start && isSpace(bytes[end - 1])) end--;
  if (start === end) return undefined;
  const body = bytes.subarray(start, end);
  // LaTeX, JSON and Markdown tables each need '\', '[' or '|', which no plain CSV holds.
  if (body[0] === LEFT_BRACKET || body.includes(BACKSLASH) || body.includes(BAR)) return undefined;
  // parseMatrix's csvSeparator, first line's cell count and line count, on the same characters.
  const sep = body.includes(COMMA) ? COMMA : body.includes(SEMICOLON) ? SEMICOLON : body.includes(TAB) ? TAB : WHITESPACE;
  const firstEnd = body.indexOf(NEWLINE);
  const firstCols = cellsOfFirstLine(body, firstEnd < 0 ? body.length : firstEnd, sep);
  const lineCount = nonBlankLinesOfBytes(body);
  try {
    shape(lineCount, firstCols);
  } catch {
    return undefined;
  }
  if (lineCount <= EXACT_MAX && firstCols <= EXACT_MAX) return undefined;
  return readRows(body, sep, lineCount, firstCols);
}

/** `line.trim().split(sep).length` of body[0…stop) (it starts with a non-space: body is trimmed). */
function cellsOfFirstLine(body: Uint8Array, stop: number, sep: number): number {
  let last = stop;
  while (last > 0 && isSpace(body[last - 1])) last--;
  let cells = 1;
  for (let i = 0; i < last; i++) {
    const b = body[i];
    if (sep !== WHITESPACE) {
      if (b === sep) cells++;
    } else if (isSpace(b) && !isSpace(body[i + 1])) {
      cells++; // the end of a run of whitespace (never the line's last byte: trimmed)
    }
  }
  return cells;
}

/** plainCsv's nonBlankLines on bytes: lines holding anything but space, tab and CR. */
function nonBlankLinesOfBytes(body: Uint8Array): number {
  let count = 0;
  for (let start = 0; ; ) {
    const end = body.indexOf(NEWLINE, start);
    const stop = end < 0 ? body.length : end;
    for (let i = start; i < stop; i++) {
      const b = body[i];
      if (b !== SPACE && b !== TAB && b !== RETURN) {
        count++;
        break;
      }
    }
    if (end < 0) return count;
    start = end + 1;
  }
}

/** readPlainCsv's loop, over bytes: the same cells accepted, the same values, the same refusals. */
function readRows(bytes: Uint8Array, sep: number, lineCount: number, firstCols: number): Matrix | undefined {
  const data = new Float64Array(lineCount * firstCols);
  let count = 0, cols = -1, rows = 0, inRow = 0;
  const length = bytes.length;
  let i = 0;
  while (i <= length) {
    let ch = i < length ? bytes[i] : NEWLINE;
    while (ch === SPACE || ch === RETURN || (ch === TAB && sep !== TAB)) ch = ++i < length ? bytes[i] : NEWLINE;
    if (ch === NEWLINE && inRow === 0) {
      i++; // a blank line
      continue;
    }
    const start = i;
    const negative = ch === MINUS;
    if (ch === PLUS || ch === MINUS) ch = ++i < length ? bytes[i] : NEWLINE;
    let digits = 0, mantissa = 0, scale = 0;
    while (ch >= ZERO && ch <= NINE) {
      digits++;
      mantissa = mantissa * 10 + (ch - ZERO);
      ch = ++i < length ? bytes[i] : NEWLINE;
    }
    if (ch === DOT) {
      ch = ++i < length ? bytes[i] : NEWLINE;
      while (ch >= ZERO && ch <= NINE) {
        digits++;
        mantissa = mantissa * 10 + (ch - ZERO);
        scale--;
        ch = ++i < length ? bytes[i] : NEWLINE;
      }
    }
    if (digits === 0) return undefined;
    if (ch === LOWER_E || ch === UPPER_E) {
      ch = ++i < length ? bytes[i] : NEWLINE;
      const expNegative = ch === MINUS;
      if (ch === PLUS || ch === MINUS) ch = ++i < length ? bytes[i] : NEWLINE;
      let expDigits = 0, exponent = 0;
      while (ch >= ZERO && ch <= NINE) {
        expDigits++;
        exponent = exponent * 10 + (ch - ZERO);
        ch = ++i < length ? bytes[i] : NEWLINE;
      }
      if (expDigits === 0) return undefined;
      scale += expNegative ? -exponent : exponent;
    }
    if (i - start > MAX_CELL_CHARS) return undefined;
    // The rare cell neither path takes (over 19 digits, a far exponent) as text, for Number().
    const value = exactDecimal(negative, mantissa, scale) ?? longDecimalOfBytes(bytes, start, i, negative, scale) ?? Number(String.fromCharCode(...bytes.subarray(start, i)));
    if (!Number.isFinite(value) || count === data.length) return undefined;
    data[count++] = value;
    inRow++;
    while (ch === SPACE || ch === RETURN || (ch === TAB && sep !== TAB)) ch = ++i < length ? bytes[i] : NEWLINE;
    if (ch === sep) {
      i++;
      continue;
    }
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

/** plainCsv's longDecimalOfText on bytes. */
function longDecimalOfBytes(bytes: Uint8Array, start: number, end: number, negative: boolean, scale: number): number | undefined {
  let high = 0, low = 0, lowDigits = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b === LOWER_E || b === UPPER_E) break;
    if (b < ZERO || b > NINE) continue; // the sign, the point
    if (high <= HIGH_DIGITS_MAX) high = high * 10 + (b - ZERO);
    else if (++lowDigits > LOW_DIGITS_MAX) return undefined;
    else low = low * 10 + (b - ZERO);
  }
  return longDecimal(negative, scale, high, low, lowDigits);
}
