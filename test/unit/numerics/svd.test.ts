// The SVD itself (both pinv routes rely on it): reconstruction, orthonormal factors, ordering, and
// agreement of the full-rank fast path with the always-SVD route.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Matrix, frobeniusNorm, identity, multiply, subtract, transpose } from '../../../src/core/numerics/matrix';
import { pinv } from '../../../src/core/numerics/pinv';
import { bidiagonalize, WASM_MIN_REDUCTION } from '../../../src/core/numerics/bidiagonalize';
import { singularValues, singularValuesOf, svd } from '../../../src/core/numerics/svd';
import { randomMatrix, relativeDifference, withSingularValues } from './reference';

function checkSvd(a: Matrix): void {
  const { values, uT, vT } = svd(a);
  const k = Math.min(a.rows, a.cols);
  assert.equal(values.length, k);
  for (let i = 1; i < k; i++) assert.ok(values[i] <= values[i - 1] && values[i] >= 0);
  const scaled = { rows: k, cols: a.cols, data: vT.data.map((v, idx) => v * values[Math.floor(idx / a.cols)]) };
  const rebuilt = multiply(transpose(uT), scaled);
  assert.ok(frobeniusNorm(subtract(rebuilt, a)) / frobeniusNorm(a) < 1e-14, 'A = UΣVᵀ');
  assert.ok(frobeniusNorm(subtract(multiply(uT, transpose(uT)), identity(k))) < 1e-13, 'UᵀU = I');
  assert.ok(frobeniusNorm(subtract(multiply(vT, transpose(vT)), identity(k))) < 1e-13, 'VᵀV = I');
  const only = singularValues(a);
  only.forEach((v, i) => assert.ok(Math.abs(v - values[i]) <= 1e-14 * values[0]));
}

test('SVD of tall, wide, square and graded matrices: A = UΣVᵀ with orthonormal U, V, σ descending', () => {
  checkSvd(randomMatrix(50, 20, 41));
  checkSvd(randomMatrix(17, 33, 42));
  checkSvd(randomMatrix(40, 40, 43));
  checkSvd(withSingularValues(30, 30, Array.from({ length: 30 }, (_, i) => 10 ** -i / 3), 44));
  checkSvd(withSingularValues(25, 12, [3, 1, 1, 1, 1e-3], 45));
});

test('pinv fast path (no vectors) equals the always-SVD route on full-rank tall, wide and square input', () => {
  for (const a of [randomMatrix(70, 30, 46), randomMatrix(30, 70, 47), randomMatrix(45, 45, 48)]) {
    const fast = pinv(a), full = pinv(a, { method: 'svd' });
    assert.equal(fast.rank, full.rank);
    assert.ok(relativeDifference(fast.pinv, full.pinv) < 1e-13);
  }
});

test('the WebAssembly reduction (orders ≥ WASM_MIN_REDUCTION) gives the JS loops\' singular values to rounding, odd and even orders, graded input; SVDs through it rebuild A', () => {
  const cases: Matrix[] = [randomMatrix(WASM_MIN_REDUCTION, WASM_MIN_REDUCTION, 51), randomMatrix(49, 49, 52), randomMatrix(50, 50, 53), randomMatrix(97, 97, 54), randomMatrix(130, 51, 55),
    withSingularValues(67, 67, Array.from({ length: 67 }, (_, i) => 10 ** (-i / 6)), 56)];
  for (const a of cases) {
    const t = a.rows >= a.cols ? a : transpose(a);
    // Not d and e entry by entry: they are as sensitive as Lanczos coefficients (1e-13 apart here for
    // dot products summed in another order), the singular values are not.
    const viaWasm = singularValuesOf(bidiagonalize(t)), viaJs = singularValuesOf(bidiagonalize(t, { wasm: false }));
    viaJs.forEach((v, i) => assert.ok(Math.abs(viaWasm[i] - v) <= 1e-14 * viaJs[0], `σ${i} of ${a.rows}×${a.cols}`));
    checkSvd(a);
  }
  const before = new Float64Array(cases[3].data);
  bidiagonalize(cases[3]);
  assert.deepEqual(cases[3].data, before, 'the input is left as it was');
});
