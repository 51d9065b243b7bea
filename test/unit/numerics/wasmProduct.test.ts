// The product's WebAssembly SIMD kernel (gemm.wat): the products it gives against a plain triple loop on
// shapes that are no multiple of its 4×4 tiles, its 64-row blocks or its 256-long k blocks; the same
// bits whichever way its rows are split (two threads split them); and the committed bytes are the .wat's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { type Matrix, multiply, WASM_MIN_PRODUCT } from '../../../src/core/numerics/matrix';
import { createWasmKernel, GEMM_WASM_BASE64, wasmKernel, wasmMultiplyRows, wasmPackB } from '../../../src/core/numerics/wasmProduct';
import { repoRoot } from '../repoRoot';
import { randomMatrix } from './reference';


/** C = A·B by the definition, each entry summed in k order (what the kernel does, one product at a time). */
function naive(a: Matrix, b: Matrix): Float64Array {
  const m = a.rows, n = b.cols, p = a.cols;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a.data[i * p + k] * b.data[k * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

test('WebAssembly SIMD is there (Node 20+): the products above the threshold go through it', () => {
  assert.ok(wasmKernel(), 'no WebAssembly SIMD kernel');
  assert.ok(createWasmKernel('AAAA') === undefined, 'bytes that are no module give no kernel (the JS product then)');
});

test('the kernel equals the definition to the bit (k order) on ragged shapes: 1×1×1 … 130×513×9, k blocks and row blocks left over', () => {
  const kernel = createWasmKernel(GEMM_WASM_BASE64);
  assert.ok(kernel);
  for (const [m, p, n] of [[1, 1, 1], [3, 5, 7], [4, 4, 4], [65, 300, 67], [130, 513, 9], [2, 0, 3], [0, 4, 4], [5, 3, 0]] as const) {
    const a = randomMatrix(m, p, m * 31 + p), b = randomMatrix(p, n, n * 17 + 1);
    const c = new Float64Array(m * n).fill(Number.NaN);
    wasmPackB(kernel, b.data, p, n);
    wasmMultiplyRows(kernel, a.data, c, 0, m);
    assert.deepEqual(c, naive(a, b), `${m}×${p} by ${p}×${n}`);
  }
});

test('rows split at multiples of 4 give the same bits as one call; a kernel packs a new B over an old, larger one', () => {
  const kernel = createWasmKernel(GEMM_WASM_BASE64);
  assert.ok(kernel);
  const a = randomMatrix(200, 150, 3), b = randomMatrix(150, 90, 4);
  const whole = new Float64Array(200 * 90), split = new Float64Array(200 * 90);
  wasmPackB(kernel, b.data, 150, 90);
  wasmMultiplyRows(kernel, a.data, whole, 0, 200);
  for (const [lo, hi] of [[96, 200], [0, 32], [32, 96]]) wasmMultiplyRows(kernel, a.data, split, lo, hi);
  assert.deepEqual(split, whole);
  const small = randomMatrix(6, 5, 9), smallB = randomMatrix(5, 3, 10);
  const c = new Float64Array(18);
  wasmPackB(kernel, smallB.data, 5, 3);
  wasmMultiplyRows(kernel, small.data, c, 0, 6);
  assert.deepEqual(c, naive(small, smallB));
});

test('multiply: through the kernel above WASM_MIN_PRODUCT, within rounding of the JS kernel below it', () => {
  const a = randomMatrix(40, 33, 5), b = randomMatrix(33, 50, 6);
  assert.ok(40 * 33 * 50 >= WASM_MIN_PRODUCT);
  assert.deepEqual(multiply(a, b).data, naive(a, b));
  const small = randomMatrix(9, 7, 7), smallB = randomMatrix(7, 5, 8);
  const got = multiply(small, smallB).data, want = naive(small, smallB);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= 1e-15, `${i}: ${got[i]} vs ${want[i]}`);
});

test('the committed gemmWasm.ts is gemm.wat compiled (scripts/build-wasm.mjs --check)', () => {
  const out = execFileSync(process.execPath, [path.join(repoRoot(), 'scripts', 'build-wasm.mjs'), '--check'], { encoding: 'utf8' });
  assert.match(out, /is gemm\.wat compiled/);
});
