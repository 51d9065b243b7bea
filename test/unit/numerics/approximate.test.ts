// Online function approximation: the recurrence remembers a smooth signal well enough to redraw it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approximate, legendreSeries, legsGbtStep } from '../../../src/core/numerics/approximate';
import { discretize } from '../../../src/core/numerics/discretize';
import { transition } from '../../../src/core/numerics/hippo';
import { matVec, scale } from '../../../src/core/numerics/matrix';

const L = 1000;
const signal = Float64Array.from({ length: L }, (_, i) => Math.sin((6 * (i + 1)) / L) + 0.5 * Math.cos((17 * (i + 1)) / L));

test('LegS remembers the whole history: RMS reconstruction error < 1e-3 with N = 16', () => {
  const r = approximate({ measure: 'legs', n: 16, signal, dt: 1 / L });
  assert.ok(r.rmsError < 1e-3, `rms ${r.rmsError}`);
  assert.equal(r.reconstruction.length, L);
  assert.ok(r.reconstruction.every(Number.isFinite));
});

test('LegT remembers the last window: error < 1e-3 inside it, NaN before it', () => {
  const r = approximate({ measure: 'legt', n: 32, signal, dt: 1 / L, window: 0.5 });
  assert.ok(r.maxError < 1e-3, `max ${r.maxError}`);
  assert.ok(Number.isNaN(r.reconstruction[100]) && Number.isFinite(r.reconstruction[900]));
});

test('the Legendre series uses the √(2n+1)·P_n normalisation', () => {
  // x = (0, 0, 1): √5·P₂(s) = √5·(3s² − 1)/2
  assert.ok(Math.abs(legendreSeries(Float64Array.of(0, 0, 1), 0.3) - (Math.sqrt(5) * (3 * 0.09 - 1)) / 2) < 1e-15);
});

test('the O(N) LegS step equals the dense step (A/t, B/t) discretised with LU, for Euler, backward and bilinear', () => {
  const n = 24;
  const { a, b } = transition('legs', n);
  for (const [method, alpha] of [['euler', 0], ['backward', 1], ['bilinear', 0.5]] as const) {
    const fast = new Float64Array(n);
    let dense: Float64Array = new Float64Array(n);
    for (let k = 1; k <= 300; k++) {
      const t = k - 0.5, u = signal[k];
      legsGbtStep(fast, u, 1 / t, alpha);
      const { aBar, bBar } = discretize(scale(a, 1 / t), b.map((v) => v / t), 1, method);
      const next = matVec(aBar, dense);
      for (let i = 0; i < n; i++) next[i] += bBar[i] * u;
      dense = next;
    }
    const scaleOf = Math.max(...dense.map(Math.abs));
    const worst = Math.max(...dense.map((v, i) => Math.abs(v - fast[i])));
    assert.ok(worst <= 1e-12 * scaleOf, `${method}: max difference ${worst} (state scale ${scaleOf})`);
  }
});

test('LegS gets better as N grows (no ringing from the stiff first samples): RMS < 2e-6 with N = 64 and 128 on 20000 samples', () => {
  const length = 20_000;
  const smooth = Float64Array.from({ length }, (_, k) => Math.sin((2 * Math.PI * 3 * (k + 0.5)) / length) + 0.5 * Math.cos((2 * Math.PI * 7 * (k + 0.5)) / length));
  const errors = [32, 64, 128].map((n) => approximate({ measure: 'legs', n, signal: smooth, dt: 1 / length }).rmsError);
  assert.ok(errors[1] < 2e-6 && errors[2] < 2e-6, `rms by N = 32, 64, 128: ${errors.join(', ')}`);
  assert.ok(errors[1] < errors[0] / 10, `N = 64 is much better than N = 32: ${errors.join(', ')}`);
});
