// auto's backend choice: the GPU only for a hardware adapter and work big enough for it, the CPU otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoBackend, chainProductWork, GPU_CHAIN_MIN_WORK, worthGpu } from '../../../src/core/compute/backendChoice';
import { zeros } from '../../../src/core/numerics/matrix';
import type { AdapterSummary, JobRequest } from '../../../src/core/protocol/compute';

const HARDWARE: AdapterSummary = { vendor: 'nvidia', architecture: 'hopper', device: 'H200', description: 'NVIDIA H200', isFallbackAdapter: false };
const SWIFTSHADER: AdapterSummary = { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true };

const msign = (rows: number, cols: number, extra: Partial<{ coefficients: 'cubic' | 'muon'; iterations: number }> = {}): JobRequest =>
  ({ type: 'msign', id: 1, matrix: zeros(rows, cols), coefficients: extra.coefficients ?? 'cubic', iterations: extra.iterations, backend: 'auto' });
const matfun = (n: number): JobRequest => ({ type: 'matfun', id: 1, fn: 'sqrt', matrix: zeros(n, n), backend: 'auto' });

test('the threshold is one 128×128×128 product, on the smaller Gram side of a rectangular iterate', () => {
  assert.equal(GPU_CHAIN_MIN_WORK, 2 ** 21);
  assert.equal(chainProductWork(128, 128), GPU_CHAIN_MIN_WORK);
  // 64×512: X·Xᵀ is 64×64 over 512 columns = 64·512·64 multiply-adds, the same either way round.
  assert.equal(chainProductWork(64, 512), 64 * 512 * 64);
  assert.equal(chainProductWork(512, 64), chainProductWork(64, 512));
});

test('msign (cubic, to convergence) and matfun go to a hardware GPU from the threshold on, the CPU below it', () => {
  assert.equal(autoBackend(msign(128, 128), HARDWARE), 'gpu');
  assert.equal(autoBackend(msign(127, 128), HARDWARE), 'cpu');
  assert.equal(autoBackend(msign(256, 512), HARDWARE), 'gpu');
  // A wide 64×512 iterate: X·Xᵀ is 64·512·64 = 2²¹ multiply-adds, just at the threshold; 63 rows fall short.
  assert.equal(autoBackend(msign(64, 512), HARDWARE), 'gpu');
  assert.equal(autoBackend(msign(63, 512), HARDWARE), 'cpu');
});

test('matfun follows the same threshold', () => {
  assert.equal(autoBackend(matfun(128), HARDWARE), 'gpu');
  assert.equal(autoBackend(matfun(100), HARDWARE), 'cpu');
  assert.equal(autoBackend(matfun(1024), HARDWARE), 'gpu');
});

test('never the GPU for Muon\'s quintic or a fixed step count: the GPU path only adds work there', () => {
  assert.equal(autoBackend(msign(512, 512, { coefficients: 'muon' }), HARDWARE), 'cpu');
  assert.equal(autoBackend(msign(512, 512, { iterations: 10 }), HARDWARE), 'cpu');
});

test('never a software adapter, nor no adapter at all, however big the job', () => {
  for (const adapter of [SWIFTSHADER, null]) {
    assert.equal(autoBackend(msign(1024, 1024), adapter), 'cpu');
    assert.equal(autoBackend(matfun(1024), adapter), 'cpu');
  }
});

test('pinv, schedules, RoPE and argmax stay on the CPU; the S4 kernel goes to a hardware GPU when N²·L ≥ 1e9', () => {
  assert.equal(autoBackend({ type: 'pinv', id: 1, matrix: zeros(2048, 2048), backend: 'auto' }, HARDWARE), 'cpu');
  assert.equal(worthGpu({ type: 'schedule', id: 1, kind: 'linear', steps: 1000, backend: 'auto' }), false);
  const hippo: JobRequest = { type: 'hippo', id: 1, measure: 'legs', n: 256, discretization: { method: 'bilinear', dt: 1e-3 }, kernelLength: 16384, backend: 'auto' };
  assert.equal(autoBackend(hippo, HARDWARE), 'gpu');
  assert.equal(autoBackend({ ...hippo, kernelLength: 1024 }, HARDWARE), 'cpu');
});
