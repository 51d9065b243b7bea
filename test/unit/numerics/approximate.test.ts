// Online function approximation: the recurrence remembers a smooth signal well enough to redraw it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approximate, approximateChannels, legendreSeries, legsGbtStep, reconstructionGrid } from '../../../src/core/numerics/approximate';
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

test('channels: each channel is approximated as if alone; channel 1 comes back whole', () => {
  const second = signal.map((v) => -2 * v + 0.3);
  const both = new Float64Array(2 * L);
  both.set(signal, 0);
  both.set(second, L);
  for (const measure of ['legs', 'legt'] as const) {
    const r = approximateChannels({ measure, n: 16, signal: both, channels: 2, dt: 1 / L, window: 0.7 });
    const alone = [signal, second].map((s) => approximate({ measure, n: 16, signal: s, dt: 1 / L, window: 0.7 }));
    assert.equal(r.channels, 2);
    assert.deepEqual(r.coefficients, alone[0].coefficients);
    assert.deepEqual(r.signal, signal);
    // A copy, not a view of both channels (which IPC would carry whole).
    assert.equal(r.signal.buffer.byteLength, L * 8);
    assert.deepEqual(Array.from(r.channelErrors?.maxError ?? []), alone.map((a) => a.maxError));
    assert.deepEqual(Array.from(r.channelErrors?.rmsError ?? []), alone.map((a) => a.rmsError));
    // The second channel is twice as loud, so it is the worst: drawn too, from its own data.
    assert.ok(alone[1].maxError > alone[0].maxError);
    assert.equal(r.worst?.channel, 1);
    assert.deepEqual(r.worst?.signal, second);
    assert.deepEqual(r.worst?.reconstruction, alone[1].reconstruction);
  }
  // When channel 1 is the worst there is nothing more to draw.
  const quiet = new Float64Array(2 * L);
  quiet.set(signal, 0);
  quiet.set(signal.map((v) => v / 4), L);
  assert.equal(approximateChannels({ measure: 'legs', n: 16, signal: quiet, channels: 2, dt: 1 / L }).worst, undefined);
  const one = approximateChannels({ measure: 'legs', n: 8, signal, channels: 1, dt: 1 / L });
  assert.equal(one.channels, 1);
  assert.equal(one.channelErrors, undefined);
  assert.throws(() => approximateChannels({ measure: 'legs', n: 8, signal, channels: 3, dt: 1 / L }), /1000 samples cannot be split into 3 channels/);
});

test('reconstructionGrid gives the samples and points reconstruct() compares (what the GPU evaluates)', () => {
  for (const window of [undefined, 0.5, 0.3333]) {
    const r = approximate({ measure: 'legt', n: 12, signal, dt: 1 / L, window });
    const grid = reconstructionGrid({ measure: 'legt', dt: 1 / L, window }, L);
    const firstCompared = r.reconstruction.findIndex((v) => !Number.isNaN(v));
    assert.equal(grid.first, firstCompared, `window ${window}`);
    for (const k of [grid.first, Math.floor((grid.first + L) / 2), L - 1]) {
      assert.ok(Math.abs(legendreSeries(r.coefficients, grid.s0 + k * grid.ds) - r.reconstruction[k]) < 1e-12, `window ${window}, sample ${k}`);
    }
  }
  assert.equal(reconstructionGrid({ measure: 'legs', dt: 1 / L }, L).first, 0);
});
