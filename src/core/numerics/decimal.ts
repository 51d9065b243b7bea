// Decimal digits → the double Number() would read, without a string: Clinger's fast path and, past
// 2^53, a quotient proved nearest by an exact remainder. The CSV readers (plainCsv.ts) gather the digits.

/** 10^0 … 10^22: every one exact in double precision. */
export const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * ±mantissa·10^scale when one IEEE operation gives it correctly rounded — the same double Number()
 * reads from the text — else undefined. Clinger's fast path: the mantissa is exact (the readers stop
 * adding digits to it before it could pass 2^53: longDecimal takes the longer ones) and 10^|scale| is
 * exact (|scale| ≤ 22), so the one product or quotient is rounded once.
 * A 1024² CSV's cells have 16–17 significant digits: about half of them take it, the rest longDecimal.
 */
export function exactDecimal(negative: boolean, mantissa: number, scale: number): number | undefined {
  if (!(mantissa < 2 ** 53) || scale < -22 || scale > 22) return undefined;
  const value = scale < 0 ? mantissa / EXACT_POWERS_OF_TEN[-scale] : mantissa * EXACT_POWERS_OF_TEN[scale];
  return negative ? -value : value;
}

/** Above this, a tenfold mantissa plus a digit could pass 2^53 (900719925474098·10 + 9 < 2^53). */
export const HIGH_DIGITS_MAX = 900719925474098;
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
 * "0.0") mostly holds — else undefined (Number() reads it). M = high·10^lowDigits + low, the
 * readers' digits, `high` filled past HIGH_DIGITS_MAX before any goes to `low` (so M ≥ 9·10^15).
 * The candidate q = fl(fl(M)/10^k) is kept only when it provably is the double nearest M/10^k: the
 * remainder r = M − q·10^k, computed from error-free products (Dekker) and sums whose rounding stays
 * below 2^−30, is below half of q's ulp times 10^k by more than that; else its neighbour towards
 * M/10^k likewise. Anything closer (a near-tie) or odd (a power of two, whose lower neighbour is
 * nearer) goes to Number(), so every value is the one Number() gives.
 */
export function longDecimal(negative: boolean, scale: number, high: number, low: number, lowDigits: number): number | undefined {
  if (scale >= 0 || scale < -22 || lowDigits === 0 || lowDigits > LOW_DIGITS_MAX) return undefined;
  const t = EXACT_POWERS_OF_TEN[lowDigits], p10 = EXACT_POWERS_OF_TEN[-scale];
  // high·t = p + pe exactly (both integers); pe + low is exact (|pe|, low < 2^15).
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
