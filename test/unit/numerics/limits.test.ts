// Limits are checked from the request's numbers alone: nothing proportional to the size is allocated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LimitError, validateRequest } from '../../../src/core/numerics/limits';

test('a 1e5×1e5 pinv request is refused with what to change, without allocating', () => {
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(
    () => validateRequest({ kind: 'pinv', rows: 100_000, cols: 100_000 }),
    (e: unknown) => e instanceof LimitError && /rows is 100000, above the limit of 2048: use a matrix of at most 2048×2048/.test(e.message),
  );
  // 1e10 doubles would be 80 GB: the check must not have touched anything near that.
  assert.ok(process.memoryUsage().arrayBuffers - before < 1 << 20);
});

test('N ≤ 0, fractional N, oversize N and L are refused with messages', () => {
  assert.throws(() => validateRequest({ kind: 'hippo', n: 0 }), /N must be at least 1, got 0/);
  assert.throws(() => validateRequest({ kind: 'hippo', n: -3 }), /N must be at least 1/);
  assert.throws(() => validateRequest({ kind: 'hippo', n: 2.5 }), /N must be a whole number/);
  assert.throws(() => validateRequest({ kind: 'hippo', n: 5000 }), /N is 5000, above the limit of 1024: choose N ≤ 1024/);
  assert.throws(() => validateRequest({ kind: 'hippo', n: 4, kernelLength: 1e9 }), /kernel length L is 1000000000, above the limit/);
  assert.throws(() => validateRequest({ kind: 'approximate', n: 4, length: 1 }), /signal length must be at least 2/);
  assert.throws(() => validateRequest({ kind: 'pinv', rows: 9, cols: 3, exact: true }), /exact arithmetic is limited to 8×8, got 9×3: drop --exact/);
  assert.throws(() => validateRequest({ kind: 'pinv', rows: 10, cols: 10 }, { maxRows: 5, maxCols: 5, maxN: 1, maxL: 1, maxChannels: 1 }), /rows is 10, above the limit of 5/);
});

test('requests within the limits pass', () => {
  validateRequest({ kind: 'pinv', rows: 2048, cols: 2048 });
  validateRequest({ kind: 'hippo', n: 1024, kernelLength: 16384 });
  validateRequest({ kind: 'approximate', n: 64, length: 1000 });
  validateRequest({ kind: 'approximate', n: 64, length: 16384, channels: 1024 });
});

test('channels: at least 1, at most the limit, and 2²⁴ samples in all', () => {
  assert.throws(() => validateRequest({ kind: 'approximate', n: 4, length: 10, channels: 0 }), /channels must be at least 1, got 0/);
  assert.throws(() => validateRequest({ kind: 'approximate', n: 4, length: 10, channels: 1.5 }), /channels must be a whole number/);
  assert.throws(() => validateRequest({ kind: 'approximate', n: 4, length: 10, channels: 1025 }), /channels is 1025, above the limit of 1024: use at most 1024 channels/);
  assert.throws(
    () => validateRequest({ kind: 'approximate', n: 4, length: 16385, channels: 1024 }),
    /1024 channels × 16385 samples = 16778240 samples, above the limit of 16777216 in all: use fewer channels or a shorter signal/,
  );
});
