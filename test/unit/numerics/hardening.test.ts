// Hostile parameters (issue 11, "Hardening: Compute"): every step, window and matrix scale either gives
// the right answer or a clear refusal — never a loop that does not end, never NaN/∞ where a number belongs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApproximationParameterError, approximate, checkApproximationParameters } from '../../../src/core/numerics/approximate';
import { DiscretizationError, discretize } from '../../../src/core/numerics/discretize';
import { ExpmRangeError, expm } from '../../../src/core/numerics/expm';
import { transition } from '../../../src/core/numerics/hippo';
import { luFactor, luSolve } from '../../../src/core/numerics/linearSolve';
import { type Matrix, multiply, scale } from '../../../src/core/numerics/matrix';
import { PinvRangeError, penroseResiduals, pinv } from '../../../src/core/numerics/pinv';
import { singularValues } from '../../../src/core/numerics/svd';
import { fromNested, hasNumpy, numpy, rowsOf } from './reference';

const maxAbs = (x: ArrayLike<number>) => Array.from(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const diff = (x: ArrayLike<number>, y: ArrayLike<number>) => maxAbs(Array.from(x, (v, i) => v - y[i]));
const solve = (a: Matrix, b: Float64Array) => luSolve(luFactor(a), { rows: b.length, cols: 1, data: new Float64Array(b) }).data;

for (const measure of ['legs', 'legt', 'lagt', 'fout'] as const) {
  test(`${measure}: ZOH with a huge Δ gives Ā → 0 and B̄ → −A⁻¹B, or refuses when A is singular (it looped for ever at 1e308, and B̄ was 0 from 1e20)`, () => {
    const { a, b } = transition(measure, 8);
    let squarings = 0;
    if (measure === 'fout') {
      // FouT's A is singular: e^{ΔA} keeps a projector that rounding would decay or inflate over a step
      // of 1e20 — refused, quickly, rather than answered with a wrong Ā = 0.
      for (const dt of [1e20, 1e308]) assert.throws(() => discretize(a, b, dt, 'zoh'), (e: unknown) => e instanceof DiscretizationError && /decided by rounding/.test(e.message));
      assert.throws(() => expm(a, 1e308, { checkpoint: () => squarings++ }), ExpmRangeError);
      assert.ok(squarings <= 41, `${squarings} squarings`);
      return;
    }
    const limit = solve(a, b).map((v) => -v);
    for (const dt of [1e3, 1e20, 1e200, 1e308]) {
      const d = discretize(a, b, dt, 'zoh');
      assert.ok(maxAbs(d.aBar.data) < 1e-12, `${measure} Δ=${dt}: Ā ${maxAbs(d.aBar.data)}`);
      assert.ok(diff(d.bBar, limit) < 1e-9 * Math.max(1, maxAbs(limit)), `${measure} Δ=${dt}: B̄ off by ${diff(d.bBar, limit)}`);
    }
    // Bounded: e^{ΔA} with Δ = 1e308 stops squaring once it is 0 (counted through the checkpoint).
    expm(a, 1e308, { checkpoint: () => squarings++ });
    assert.ok(squarings < 64, `${squarings} squarings`);
  });

  test(`${measure}: bilinear and backward with a huge Δ stay finite and tend to their limits`, () => {
    const { a, b } = transition(measure, 8);
    for (const dt of [1e20, 1e200, 1e308]) {
      const bil = discretize(a, b, dt, 'bilinear');
      const back = discretize(a, b, dt, 'backward');
      for (const d of [bil, back]) assert.ok(d.aBar.data.every(Number.isFinite) && d.bBar.every(Number.isFinite), `${measure} Δ=${dt}`);
      if (measure !== 'fout') {
        const minusAinvB = solve(a, b).map((v) => -v);
        // (I/h − A)⁻¹(I/h + A) → −I and 2(I/h − A)⁻¹B → −2A⁻¹B as h → ∞.
        assert.ok(Math.abs(bil.aBar.data[0] + 1) < 1e-9, `${measure} Δ=${dt}: Ā₀₀ ${bil.aBar.data[0]}`);
        assert.ok(diff(bil.bBar, minusAinvB.map((v) => 2 * v)) < 1e-9 * maxAbs(minusAinvB), `${measure} bilinear B̄`);
        assert.ok(diff(back.bBar, minusAinvB) < 1e-9 * maxAbs(minusAinvB), `${measure} backward B̄`);
      }
    }
  });
}

test('the large-Δ forms agree with the plain ones where both apply (Δ·‖A‖ just above 1)', () => {
  const { a, b } = transition('legs', 6);
  // 2·(the threshold) on each side: compare Δ just below and above the switch through continuity.
  for (const method of ['bilinear', 'backward'] as const) {
    const lo = discretize(a, b, 0.0399, method), hi = discretize(a, b, 0.0401, method);
    assert.ok(diff(lo.aBar.data, hi.aBar.data) < 5e-3 && diff(lo.bBar, hi.bBar) < 5e-3, method);
  }
  const small = discretize(scale(a, 1), b, 0.5, 'bilinear');
  const h = 0.25;
  const ref = solve({ rows: 6, cols: 6, data: new Float64Array(36).map((_, i) => (i % 7 === 0 ? 1 : 0) - h * a.data[i]) }, b).map((v) => v * 0.5);
  assert.ok(diff(small.bBar, ref) < 1e-14);
});

test('forward Euler that overflows is refused with what to change; expm refuses growth past the double range', () => {
  const { a, b } = transition('legs', 4);
  assert.throws(() => discretize(a, b, 1e308, 'euler'), (e: unknown) => e instanceof DiscretizationError && /overflows double precision.*smaller Δ/.test(e.message));
  assert.throws(() => discretize(a, b, Infinity, 'zoh'), DiscretizationError);
  // Unstable: e^{1e5·I} overflows.
  assert.throws(() => expm(fromNested([[1, 0], [0, 1]]), 1e5), (e: unknown) => e instanceof ExpmRangeError && /overflows/.test(e.message));
  // Undamped rotation: neither decays nor overflows; refused after a bounded number of squarings.
  let squarings = 0;
  assert.throws(() => expm(fromNested([[0, -1], [1, 0]]), 1e300, { checkpoint: () => squarings++ }), (e: unknown) => e instanceof ExpmRangeError && /decided by rounding/.test(e.message));
  assert.ok(squarings <= 41, `${squarings}`);
});

test('the approximation checks Δ and the window for what they do (1e308 printed null errors)', () => {
  const signal = Float64Array.from({ length: 64 }, (_, k) => Math.sin(k / 10));
  assert.throws(() => approximate({ measure: 'legt', n: 4, signal, dt: 1 / 64, window: 1e308 }), (e: unknown) => e instanceof ApproximationParameterError && /longer than the whole signal/.test(e.message));
  for (const measure of ['legs', 'legt'] as const) {
    assert.throws(() => approximate({ measure, n: 4, signal, dt: 1e308 }), (e: unknown) => e instanceof ApproximationParameterError && /duration/.test(e.message));
  }
  assert.throws(() => checkApproximationParameters({ measure: 'legt', dt: 0.01, window: 0 }, 64), ApproximationParameterError);
  // A window of exactly the whole signal is the default and stays allowed.
  const r = approximate({ measure: 'legt', n: 8, signal, dt: 1 / 64, window: 1 });
  assert.ok(Number.isFinite(r.maxError) && Number.isFinite(r.rmsError));
});

test('pinv is scale-invariant: [[1e308,1e308],[1e308,1e308]] gives 2.5e-309 everywhere (was rank 0 and zeros)', () => {
  const a = fromNested([[1e308, 1e308], [1e308, 1e308]]);
  const r = pinv(a);
  assert.equal(r.rank, 1);
  for (const v of r.pinv.data) assert.ok(Math.abs(v - 2.5e-309) <= 1e-323, `${v}`);
  // σ₁ = 2e308 is not a double: reported ÷ 2^e, never as ∞.
  assert.ok(r.singularValueExponent !== undefined);
  assert.ok(r.singularValues.every(Number.isFinite));
  // σ₁ = 2·1e308 = 2^e·σ₁' ⇒ σ₁'·2^(e−1024) = 2·(1e308/2^1024) ≈ 1.1125.
  assert.ok(Math.abs(r.singularValues[0] * 2 ** (r.singularValueExponent - 1024) - 2 * (1e308 / 2 ** 1000 / 2 ** 24)) < 1e-12);
});

test('pinv of [[1e-320,0],[0,1e-320]] is refused: 1e320 is not a double (it printed null)', () => {
  assert.throws(() => pinv(fromNested([[1e-320, 0], [0, 1e-320]])), (e: unknown) => e instanceof PinvRangeError && /about 1e320/.test(e.message));
});

test('a 4×4 near 1e200 converges (it failed "SVD did not converge") and matches numpy', () => {
  let s = 7;
  const rows = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 1e200));
  const a = fromNested(rows);
  const r = pinv(a);
  assert.equal(r.rank, 4);
  // A·A⁺ = I for a square invertible A: checked at unit scale.
  const ax = multiply(a, r.pinv);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) assert.ok(Math.abs(ax.data[i * 4 + j] - (i === j ? 1 : 0)) < 1e-12);
  const res = penroseResiduals(a, r.pinv);
  assert.ok(res.axSymmetry < 1e-12 && res.xaSymmetry < 1e-12);
  assert.ok(singularValues(a).every((v) => v > 1e198 && v < 1e202));
  if (hasNumpy()) {
    const p = numpy<number[][]>(`out = np.linalg.pinv(np.array(inp, dtype=float)).tolist()`, rowsOf(a));
    assert.ok(diff(r.pinv.data, p.flat()) < 1e-12 * maxAbs(p.flat()));
  }
});

test('scaling by a power of two changes nothing at ordinary scales (bitwise the same pinv)', () => {
  const a = fromNested([[1, 2], [3, 4], [5, 6]]);
  const big = fromNested([[2 ** 600, 2 * 2 ** 600], [3 * 2 ** 600, 4 * 2 ** 600], [5 * 2 ** 600, 6 * 2 ** 600]]);
  const x = pinv(a).pinv.data, y = pinv(big).pinv.data;
  for (let i = 0; i < x.length; i++) assert.equal(y[i], x[i] * 2 ** -600);
});
