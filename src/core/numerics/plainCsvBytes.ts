// readPlainCsv for a file's bytes, before any text is made of them: the CLI's `--matrix-file` of a
// large CSV. Decoding it first made a string as long as the file (21 MB for a 1024² CSV of doubles
// written in full: ~60 ms of copying into fresh, page-faulting memory on our VMs) that only this reader
// then looked at. It takes exactly the files parseMatrix's one-pass CSV path takes, and gives the same
// matrix; anything else (another format, another character — any non-ASCII byte —, a malformed cell,
// a shape beyond the limits) returns undefined, and the caller decodes the text for parseMatrix, which
// reads it or words the error as before.
// The cell loop below is plainCsv.ts's, written again over bytes instead of char codes: it is the inner
// loop of a 21 MB read, and one loop over either source through an accessor (a callback or a union
// type) is what V8 does not inline into the same machine code. A change to one is a change to both:
// test/unit/numerics/parseMatrix.test.ts checks them against each other on random edits.
import { exactDecimal, HIGH_DIGITS_MAX, longDecimal } from './decimal';
import { EXACT_MAX } from './limits';
import type { Matrix } from './matrix';
import { MAX_CELL_CHARS } from './plainCsv';

// Byte codes compared with (ASCII).
const TAB = 0x09, NEWLINE = 0x0a, RETURN = 0x0d, SPACE = 0x20, PLUS = 0x2b, COMMA = 0x2c, MINUS = 0x2d, DOT = 0x2e;
const VT = 0x0b, FF = 0x0c, ZERO = 0x30, NINE = 0x39, SEMICOLON = 0x3b, UPPER_E = 0x45, LEFT_BRACKET = 0x5b, BACKSLASH = 0x5c, LOWER_E = 0x65, BAR = 0x7c;
/** The separator code for runs of whitespace (as plainCsv's WHITESPACE). */
const WHITESPACE = -1;

/** What String.prototype.trim and /\s/ take among ASCII bytes: tab, LF, VT, FF, CR, space. */
const isSpace = (b: number) => b === SPACE || (b >= TAB && b <= RETURN);

/** Reads up to `length` bytes at `position` of a file into buffer[offset…]; returns how many (0: its end). */
export type ReadAt = (buffer: Uint8Array, offset: number, length: number, position: number) => number;

/**
 * Bytes read at a time: far more than any line within the limits (2048 cells of ≤ 25 bytes), and a
 * 512×256 CSV (2.6 MB) in one piece: on a fresh process the rows' loop entered again for each piece
 * cost more (~15 ms in 1 MB pieces) than the page faults of a buffer this size. A 1024² CSV: 6 pieces.
 */
const CHUNK_BYTES = 1 << 22;

/** A ReadAt over bytes already in memory (parseMatrix's parsePlainCsvBytes: the tests read through it). */
export function readAtBytes(bytes: Uint8Array): ReadAt {
  return (buffer, offset, length, position) => {
    const n = Math.max(0, Math.min(length, bytes.length - position));
    buffer.set(bytes.subarray(position, position + n), offset);
    return n;
  };
}

/**
 * The matrix parseMatrix would read from the text of a file of `size` bytes through its one-pass CSV
 * path, or undefined; `shape` is parseMatrix's check of the counted shape (it throws beyond the limits:
 * then undefined too, and parseMatrix throws the same). Read twice through one buffer of `chunkBytes` (first
 * what parseMatrix decides from the whole text — its trimmed ends, separator, line count and first
 * line —, then its rows) instead of whole into new memory: a 1024² CSV's 21 MB cost ~80 ms of page
 * faults on our VMs, read whole. A line longer than the buffer, a file that is not `size` bytes long
 * or holds NUL, VT or FF bytes: undefined (the caller reads it whole, as text). The values go into
 * `allocate`'s array (the CLI's: shared memory, when a second thread will multiply with it).
 */
export function readPlainCsvFile(readAt: ReadAt, size: number, shape: (rows: number, cols: number) => void, chunkBytes = CHUNK_BYTES, allocate: (length: number) => Float64Array = (length) => new Float64Array(length)): Matrix | undefined {
  const buffer = new Uint8Array(chunkBytes);
  // Pass 1. text.trim() on ASCII bytes: `start` is the first byte that is not a space, `end` one after
  // the last (a non-ASCII byte is never trimmed here, and the rows' reader refuses it).
  let start = -1, end = -1, comma = false, semicolon = false, tabAfterStart = -1, lines = 0, lineHasContent = false;
  let firstLine: Uint8Array | undefined;
  for (let position = 0; position < size; ) {
    const n = readAt(buffer, 0, Math.min(chunkBytes, size - position), position);
    if (n <= 0) return undefined;
    const view = searchable(buffer.subarray(0, n));
    // NUL (a binary file, which the whole-file reader refuses), VT and FF (which trim and the line
    // count treat apart), and the '\' or '|' that LaTeX and Markdown tables need: not for this reader.
    if (view.includes(0) || view.includes(VT) || view.includes(FF) || view.includes(BACKSLASH) || view.includes(BAR)) return undefined;
    comma ||= view.includes(COMMA);
    semicolon ||= view.includes(SEMICOLON);
    if (start < 0) {
      let k = 0;
      while (k < n && isSpace(view[k])) k++;
      if (k < n) {
        start = position + k;
        // JSON (or a stray '[') is not a CSV.
        if (view[k] === LEFT_BRACKET) return undefined;
        // The first line, whole in this chunk (else undefined).
        const newline = view.indexOf(NEWLINE, k);
        if (newline < 0 && position + n < size) return undefined;
        // A copy (Uint8Array's slice: a Buffer's would be a view, which the next chunk overwrites).
        firstLine = buffer.slice(k, newline < 0 ? n : newline);
      }
    }
    if (start >= 0) {
      let k = n;
      while (k > 0 && isSpace(view[k - 1])) k--;
      if (k > 0 && position + k > start) end = position + k;
      if (tabAfterStart < 0) {
        const tab = view.indexOf(TAB, Math.max(0, start - position));
        if (tab >= 0) tabAfterStart = position + tab;
      }
    }
    // plainCsv's nonBlankLines across chunks: lines holding anything but space, tab and CR.
    for (let p = 0; p < n; ) {
      const newline = view.indexOf(NEWLINE, p);
      const stop = newline < 0 ? n : newline;
      for (let i = p; i < stop && !lineHasContent; i++) {
        const b = view[i];
        if (b !== SPACE && b !== TAB && b !== RETURN) {
          lineHasContent = true;
          lines++;
        }
      }
      if (newline < 0) break;
      lineHasContent = false;
      p = newline + 1;
    }
    position += n;
  }
  if (start < 0 || firstLine === undefined) return undefined;
  // parseMatrix's csvSeparator and first line's cell count, on the same characters.
  const sep = comma ? COMMA : semicolon ? SEMICOLON : tabAfterStart >= 0 && tabAfterStart < end ? TAB : WHITESPACE;
  const firstCols = cellsOfFirstLine(firstLine, firstLine.length, sep);
  try {
    shape(lines, firstCols);
  } catch {
    return undefined;
  }
  if (lines <= EXACT_MAX && firstCols <= EXACT_MAX) return undefined;
  // Pass 2: the rows of start…end−1, whole lines at a time; a line the buffer's end cuts is carried over.
  const read: RowsRead = { data: allocate(lines * firstCols), count: 0, cols: -1, rows: 0 };
  let carry = 0;
  for (let position = start; ; ) {
    const want = Math.min(chunkBytes - carry, end - position);
    const n = want > 0 ? readAt(buffer, carry, want, position) : 0;
    if (want > 0 && n <= 0) return undefined;
    position += n;
    const filled = carry + n, last = position >= end;
    const stop = last ? filled : buffer.subarray(0, filled).lastIndexOf(NEWLINE) + 1;
    if (stop === 0) return undefined; // a line longer than the buffer
    if (!readRows(buffer.subarray(0, stop), sep, read)) return undefined;
    if (last) break;
    buffer.copyWithin(0, stop, filled);
    carry = filled - stop;
  }
  return read.rows === lines && read.cols === firstCols ? { rows: lines, cols: firstCols, data: read.data } : undefined;
}

/**
 * The same bytes, searchable fast: a Uint8Array's includes and indexOf look at one byte after another
 * (~0.6 GB/s here), Node's Buffer searches with memchr (~8 GB/s): pass 1's seven scans of a 1024² CSV
 * for bytes it may not hold took 37–67 ms, 3 ms through a Buffer. A view, not a copy; where there is no
 * Buffer (outside Node) the bytes themselves.
 */
function searchable(view: Uint8Array): Uint8Array {
  const NodeBuffer = (globalThis as { Buffer?: { from(memory: ArrayBufferLike, offset: number, length: number): Uint8Array } }).Buffer;
  return NodeBuffer ? NodeBuffer.from(view.buffer, view.byteOffset, view.length) : view;
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

/** The rows read so far: the values, how many, the columns of row 1 (−1 before it ends), the rows. */
interface RowsRead {
  readonly data: Float64Array;
  count: number;
  cols: number;
  rows: number;
}

/**
 * readPlainCsv's loop, over bytes that end where a line does (or the text): the same cells accepted,
 * the same values, the same refusals (false). Adds to `read`.
 */
function readRows(bytes: Uint8Array, sep: number, read: RowsRead): boolean {
  const data = read.data;
  let count = read.count, cols = read.cols, rows = read.rows, inRow = 0;
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
      ch = ++i < length ? bytes[i] : NEWLINE;
    }
    if (digits === 0) return false;
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
      if (expDigits === 0) return false;
      scale += expNegative ? -exponent : exponent;
    }
    if (i - start > MAX_CELL_CHARS) return false;
    // The rare cell neither path takes (over 19 digits, a far exponent) as text, for Number().
    const value = (lowDigits === 0 ? exactDecimal(negative, high, scale) : longDecimal(negative, scale, high, low, lowDigits)) ?? Number(String.fromCharCode(...bytes.subarray(start, i)));
    if (!Number.isFinite(value) || count === data.length) return false;
    data[count++] = value;
    inRow++;
    while (ch === SPACE || ch === RETURN || (ch === TAB && sep !== TAB)) ch = ++i < length ? bytes[i] : NEWLINE;
    if (ch === sep) {
      i++;
      continue;
    }
    if (sep === WHITESPACE && ch !== NEWLINE) continue;
    if (ch !== NEWLINE) return false;
    i++;
    if (cols < 0) cols = inRow;
    else if (inRow !== cols) return false;
    rows++;
    inRow = 0;
  }
  read.count = count;
  read.cols = cols;
  read.rows = rows;
  return true;
}
