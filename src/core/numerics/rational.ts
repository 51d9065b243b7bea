// Exact rationals over BigInt, always in lowest terms with a positive denominator.

export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new Error('division by zero in a rational');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export const addR = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const subR = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mulR = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const divR = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const negR = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export const isZeroR = (a: Rational): boolean => a.num === 0n;

export function formatRational(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** Nearest double (exact for small numerators and denominators). */
export function rationalToNumber(a: Rational): number {
  const n = Number(a.num), d = Number(a.den);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  // Huge parts: scale both down to keep ~17 significant digits.
  const shift = BigInt(Math.max(a.num.toString().length, a.den.toString().length) - 300);
  const f = 10n ** (shift > 0n ? shift : 0n);
  return Number(a.num / f) / Number(a.den / f);
}

/** Parses a decimal literal such as "-12.5e-3" exactly (the value as written, not its double). */
export function parseDecimalRational(text: string): Rational | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  const digits = (m[2] || '0') + (m[3] ?? '');
  const exponent = -(m[3]?.length ?? 0) + (m[4] ? Number(m[4]) : 0);
  // Exponents this large would make enormous BigInts; such cells are not "small rationals" anyway.
  if (Math.abs(exponent) > 400) return undefined;
  let num = BigInt(digits);
  let den = 1n;
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den = 10n ** BigInt(-exponent);
  if (m[1] === '-') num = -num;
  return rational(num, den);
}
