// Online function approximation: the recurrence remembers a smooth signal well enough to redraw it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approximate, legendreSeries } from '../../../src/core/numerics/approximate';

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
