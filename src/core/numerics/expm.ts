// Matrix exponential by scaling and squaring with the [13/13] Padé approximant (Higham 2005).
// Every loop is bounded: the number of squarings follows from ‖tA‖ (at most ≈ 1100 for any finite
// t and A, computed in logarithms so t·‖A‖ itself never has to be a double), squaring stops as soon as
// the result has decayed to zero (a stable system after a long step), and a result that overflows or
// has not settled after MAX_UNSETTLED_SQUARINGS is refused with an ExpmRangeError instead of looping.
import { luFactor, luSolve } from './linearSolve';
import { type Matrix, add, identity, multiply, norm1, scale } from './matrix';
import { localizable, type Localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

const PADE13 = [
  64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000, 10559470521600,
  670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
];
const THETA13 = 5.371920351148152;

/**
 * Squarings allowed while the result has not decayed to zero. Rounding perturbs the scaled matrix's
 * eigenvalues by about ε·θ₁₃ ≈ 1e-15; after j squarings that is 2^j·1e-15, so within 40 (≤ 6e-4) a mode
 * that decays to 0 truly decays, while past it a mode with Re λ = 0 (FouT's singular A, a rotation)
 * would decay or blow up by rounding alone. Also bounds the work: each squaring is N³.
 */
export const MAX_UNSETTLED_SQUARINGS = 40;

/** e^{tA} cannot be given in double precision (it overflows) or not within a bounded amount of work. */
export class ExpmRangeError extends WordedError {
  override readonly name = 'ExpmRangeError';
}

export interface ExpmOptions {
  /** Called between squarings; throw from it to cancel. */
  readonly checkpoint?: () => void;
}

/** s with ‖t·A‖₁/2^s ≤ θ₁₃, from logarithms (t·‖A‖ may exceed the double range). */
function squaringsFor(norm: number, t: number): number {
  if (norm === 0 || t === 0) return 0;
  const log2 = Math.log2(norm) + Math.log2(t) - Math.log2(THETA13);
  return log2 > 0 ? Math.ceil(log2) : 0;
}

/**
 * A·(t·2^−s) without forming t·A (which may overflow): 2^−s is applied to t in steps of at most 2^−1000
 * (2^−s alone may be 0). Every partial product lies between t and t·2^−s ≈ θ₁₃/‖A‖ > 1e-308, so none
 * over- or underflows.
 */
function scaledDown(a: Matrix, t: number, s: number): Matrix {
  let factor = t;
  for (let left = s; left > 0; left -= 1000) factor *= 2 ** -Math.min(left, 1000);
  return scale(a, factor);
}

function pade13(x: Matrix): Matrix {
  const n = x.rows;
  const b = PADE13;
  const I = identity(n);
  const x2 = multiply(x, x), x4 = multiply(x2, x2), x6 = multiply(x4, x2);
  const combo = (c6: number, c4: number, c2: number, c0: number) => add(add(add(scale(x6, c6), x4, c4), x2, c2), I, c0);
  const inner = (c6: number, c4: number, c2: number) => add(add(scale(x6, c6), x4, c4), x2, c2);
  const u = multiply(x, add(multiply(x6, inner(b[13], b[11], b[9])), combo(b[7], b[5], b[3], b[1])));
  const v = add(multiply(x6, inner(b[12], b[10], b[8])), combo(b[6], b[4], b[2], b[0]));
  return luSolve(luFactor(add(v, u, -1)), add(v, u));
}

const isZero = (m: Matrix) => m.data.every((v) => v === 0);
const allFinite = (m: Matrix) => m.data.every(Number.isFinite);

function overflowMessage(t: number, norm: number): Localizable {
  return localizable('e^(ΔA) overflows double precision (Δ = {0}, ‖A‖₁ = {1}): the system grows too much over one step; choose a smaller Δ', t, norm.toPrecision(4));
}

function unsettledMessage(t: number, norm: number): Localizable {
  return localizable(
    'e^(ΔA) with Δ·‖A‖₁ ≈ {0} has not decayed within {1} squarings: A has eigenvalues on or near the imaginary axis (or 0), whose e^(Δλ) over so long a step is decided by rounding, not by A; choose a smaller Δ',
    (t * norm).toPrecision(3),
    MAX_UNSETTLED_SQUARINGS,
  );
}

/** e^{tA}, t ≥ 0 (default 1). */
export function expm(a: Matrix, t = 1, options: ExpmOptions = {}): Matrix {
  const norm = norm1(a);
  if (!Number.isFinite(norm) || !(t >= 0) || !Number.isFinite(t)) throw new ExpmRangeError(localizable('e^(tA) needs a finite t ≥ 0 and a finite A (t = {0}, ‖A‖₁ = {1})', t, norm));
  const s = squaringsFor(norm, t);
  let r = pade13(scaledDown(a, t, s));
  for (let i = 0; i < s; i++) {
    if (isZero(r)) return r;
    if (i >= MAX_UNSETTLED_SQUARINGS) throw new ExpmRangeError(unsettledMessage(t, norm));
    options.checkpoint?.();
    r = multiply(r, r);
    if (!allFinite(r)) throw new ExpmRangeError(overflowMessage(t, norm));
  }
  if (!allFinite(r)) throw new ExpmRangeError(overflowMessage(t, norm));
  return r;
}

/**
 * Zero-order hold: Ā = e^{ΔA}, B̄ = ∫₀^Δ e^{sA} ds·B = A⁻¹(e^{ΔA} − I)B, from the exponential of the
 * augmented [[A, B], [0, 0]] (no inverse of A: FouT's A is close to singular). The squaring keeps the
 * block structure exactly — [[E, F], [0, 1]]² = [[E², E·F + F], [0, 1]] — because squaring the whole
 * augmented matrix lets its corner drift from 1 by rounding and 2^s squarings then drive B̄ to zero
 * (B̄ was 0 for Δ ≥ 1e20 on LegS, whose right answer for large Δ is −A⁻¹B).
 */
export function zohExponential(a: Matrix, b: Float64Array, t: number, options: ExpmOptions = {}): { readonly aBar: Matrix; readonly bBar: Float64Array } {
  const n = a.rows;
  const m: Matrix = { rows: n + 1, cols: n + 1, data: new Float64Array((n + 1) * (n + 1)) };
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) m.data[i * (n + 1) + k] = a.data[i * n + k];
    m.data[i * (n + 1) + n] = b[i];
  }
  const norm = norm1(m);
  if (!Number.isFinite(norm) || !(t > 0) || !Number.isFinite(t)) throw new ExpmRangeError(localizable('zero-order hold needs a finite Δ > 0 and finite A, B (Δ = {0})', t));
  const s = squaringsFor(norm, t);
  const r = pade13(scaledDown(m, t, s));
  let e: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  let f: Matrix = { rows: n, cols: 1, data: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) e.data[i * n + k] = r.data[i * (n + 1) + k];
    f.data[i] = r.data[i * (n + 1) + n];
  }
  for (let i = 0; i < s; i++) {
    // E = 0: E·F + F = F from here on.
    if (isZero(e)) break;
    if (i >= MAX_UNSETTLED_SQUARINGS) throw new ExpmRangeError(unsettledMessage(t, norm));
    options.checkpoint?.();
    f = add(multiply(e, f), f);
    e = multiply(e, e);
    if (!allFinite(e) || !allFinite(f)) throw new ExpmRangeError(overflowMessage(t, norm));
  }
  if (!allFinite(e) || !allFinite(f)) throw new ExpmRangeError(overflowMessage(t, norm));
  return { aBar: e, bBar: f.data };
}
