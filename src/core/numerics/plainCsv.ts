// The one-pass reader of large CSVs of plain decimals (parseMatrix's fast path) and the line count the
// shape check needs before anything is allocated. Apart from parseMatrix.ts, which words every error,
// so that each file stays one concern (and under 400 lines).
import { EXACT_MAX } from './limits';
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
    const value = exactDecimal(negative, mantissa, scale) ?? longDecimal(text, start, i, negative, scale) ?? Number(text.slice(start, i));
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

/** Above this, a tenfold mantissa plus a digit could pass 2^53 (900719925474098·10 + 9 < 2^53). */
const HIGH_DIGITS_MAX = 900719925474098;
/** Digits kept below the high part: 10^4 keeps every term of the check below 2^15. */
const LOW_DIGITS_MAX = 4;
/** More than the rounding of the remainder's last sums (each below 2^−35: terms below 2^17). */
const REMAINDER_SLACK = 2 ** -30;
/** 2^27 + 1: Dekker's splitter for doubles. */
const SPLITTER = 134217729;
// Reads q's exponent and mantissa bits, and writes a power of two (little- or big-endian alike: the
// word order is found once).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = (bits[0] = 1, words[1] === 0x3ff00000 ? 1 : 0);

/**
 * ±M·10^scale correctly rounded for a cell of 16–19 significant digits (M beyond 2^53, where Clinger's
 * fast path stops) and −22 ≤ scale < 0 — what a CSV of doubles written out in full (17 digits after
 * "0.0") mostly holds — else undefined (Number() reads it). The candidate q = fl(fl(M)/10^k) is kept
 * only when it provably is the double nearest M/10^k: the remainder r = M − q·10^k, computed from
 * error-free products (Dekker) and sums whose rounding stays below 2^−30, is below half of q's ulp
 * times 10^k by more than that. Anything closer (a near-tie, a double-rounding miss, q a power of two
 * whose lower neighbour is nearer) goes to Number(), so every value is the one Number() gives.
 */
function longDecimal(text: string, start: number, end: number, negative: boolean, scale: number): number | undefined {
  if (scale >= 0 || scale < -22) return undefined;
  // M = high·10^lowDigits + low, each part exact.
  let high = 0, low = 0, lowDigits = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === LOWER_E || ch === UPPER_E) break;
    if (ch < ZERO || ch > NINE) continue; // sign, point
    if (high <= HIGH_DIGITS_MAX) high = high * 10 + (ch - ZERO);
    else if (++lowDigits > LOW_DIGITS_MAX) return undefined;
    else low = low * 10 + (ch - ZERO);
  }
  if (lowDigits === 0) return undefined;
  const t = EXACT_POWERS_OF_TEN[lowDigits], p10 = EXACT_POWERS_OF_TEN[-scale];
  // high·t = p + pe exactly (both integers: p ≥ 2^53); pe + low is exact (|pe|, low < 2^15).
  const p = high * t;
  const pe = twoProductError(high, t, p);
  const q = (p + (pe + low)) / p10;
  // q·10^k = x + xe exactly; p − x is exact (Sterbenz: both ≈ M); the rest are < 2^16 in size.
  const x = q * p10;
  const xe = twoProductError(q, p10, x);
  const r = (p - x) + (pe + low - xe);
  bits[0] = q;
  let high32 = words[HIGH_WORD], low32 = words[1 - HIGH_WORD];
  if ((high32 & 0xfffff) === 0 && low32 === 0) return undefined;
  // Half an ulp of q, times 10^k: 2^(e − 1076)·10^k for q's biased exponent e (q ≥ 10^15/10^22: e − 53 ≥ 1).
  words[HIGH_WORD] = (((high32 >>> 20) & 0x7ff) - 53) << 20;
  words[1 - HIGH_WORD] = 0;
  const halfGap = bits[0] * p10;
  if (Math.abs(r) < halfGap - REMAINDER_SLACK) return negative ? -q : q;
  // fl(M) rounded once before the division: q is often one ulp off. Its neighbour towards M/10^k,
  // within the same binade (not a power of two), has the remainder r ∓ ulp·10^k.
  const up = r > 0;
  if (up) {
    low32 = (low32 + 1) >>> 0;
    if (low32 === 0) high32++;
  } else {
    if (low32 === 0) high32--;
    low32 = (low32 - 1) >>> 0;
  }
  if ((high32 & 0xfffff) === 0 && low32 === 0) return undefined;
  const r2 = up ? r - 2 * halfGap : r + 2 * halfGap;
  if (!(Math.abs(r2) < halfGap - REMAINDER_SLACK)) return undefined;
  words[HIGH_WORD] = high32;
  words[1 - HIGH_WORD] = low32;
  return negative ? -bits[0] : bits[0];
}

/** a·b − fl(a·b), exactly (Dekker's two-product without a fused multiply-add). */
function twoProductError(a: number, b: number, product: number): number {
  const ca = SPLITTER * a, cb = SPLITTER * b;
  const aHigh = ca - (ca - a), aLow = a - aHigh;
  const bHigh = cb - (cb - b), bLow = b - bHigh;
  return aLow * bLow - (((product - aHigh * bHigh) - aLow * bHigh) - aHigh * bLow);
}
