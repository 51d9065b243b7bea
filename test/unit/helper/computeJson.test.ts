// The CLI's JSON with A⁺ written in pieces of rows (writeJson): the very text JSON.stringify gives,
// matrix by matrix — empty, one row, more rows than a piece, awkward doubles — and the keys in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableParallelism } from 'node:os';
import { JsonMatrix, writeJson } from '../../../src/cli/computeSupport';
import { parallelHelperReady, prepareParallelProducts } from '../../../src/computeJobs/parallelProduct';
import type { Matrix } from '../../../src/core/numerics/matrix';

function matrix(rows: number, cols: number, seed: number): Matrix {
  let s = seed >>> 0;
  const data = new Float64Array(rows * cols);
  const awkward = [0, -0, 1e-320, -1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 5e-324, 123456789012345680000];
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = i < awkward.length ? awkward[i] : (s / 2 ** 32 - 0.5) * 10 ** ((s % 40) - 20);
  }
  return { rows, cols, data };
}

function written(value: Record<string, unknown>): string {
  const pieces: string[] = [];
  writeJson(value, (text) => pieces.push(typeof text === 'string' ? text : Buffer.from(text).toString('latin1')));
  return pieces.join('');
}

test('writeJson writes what JSON.stringify writes, a matrix a piece of rows at a time', () => {
  for (const [rows, cols] of [[0, 0], [0, 3], [2, 0], [1, 1], [3, 5], [64, 2], [65, 3], [200, 17]] as const) {
    const m = matrix(rows, cols, rows * 31 + cols);
    const value = { backend: 'cpu', adapter: null, rank: 2, singularValues: [3, 1e-300], pinv: new JsonMatrix(m), gone: undefined, residuals: { axa: 1e-15 }, ms: 1.5, notes: ['σ ÷ 2^3 "quoted"'] };
    assert.equal(written(value), `${JSON.stringify(value)}\n`, `${rows}×${cols}`);
    const parsed = JSON.parse(written(value)) as { pinv: number[][] };
    assert.deepEqual(parsed.pinv.flat(), Array.from(m.data, (x) => (Object.is(x, -0) ? 0 : x)), `${rows}×${cols}: the same doubles back`);
  }
  assert.equal(written({}), '{}\n');
  assert.equal(written({ only: new JsonMatrix(matrix(2, 2, 1)) }), `${JSON.stringify({ only: new JsonMatrix(matrix(2, 2, 1)) })}\n`);
});

test('a large matrix in shared memory is formatted by two threads into the same text', async () => {
  prepareParallelProducts(1 << 30);
  assert.equal(await parallelHelperReady(), availableParallelism() >= 2);
  // 301 rows (pieces of 4 rows, one left short), 1000 columns: above the two-thread threshold.
  for (const [rows, cols] of [[301, 1000], [1000, 263]] as const) {
    const m = matrix(rows, cols, rows + cols);
    const data = new Float64Array(new SharedArrayBuffer(m.data.length * 8));
    data.set(m.data);
    const value = { rank: 3, pinv: new JsonMatrix({ rows, cols, data }), ms: 2 };
    for (let round = 0; round < 2; round++) assert.equal(written(value), `${JSON.stringify(value)}\n`, `${rows}×${cols}, round ${round}`);
  }
});
