// Blocked (compact WY) Householder kernels against the one-reflector-at-a-time definitions, at sizes
// that leave partial blocks and odd row counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyBlocksToRowRange, applyProductToRows, blocksOf, productOfReflectorsByRows, productOfReflectorsTransposed, reflectorKernel } from '../../../src/core/numerics/blockReflector';
import { householderQr, WASM_MIN_QR } from '../../../src/core/numerics/blockedQr';
import { wasmKernel } from '../../../src/core/numerics/wasmProduct';
import { type Reflector, makeReflector } from '../../../src/core/numerics/householder';
import { randomMatrix } from './reference';

function reflectors(count: number, length: number, seed: number): Reflector[] {
  const source = randomMatrix(count, length, seed).data;
  return Array.from({ length: count }, (_, j) => makeReflector(source.slice(j * length + j, (j + 1) * length), j).reflector);
}

/** Applies H from the right to every row: row −= τ·(row·v)·vᵀ (the definition, no blocking). */
function applyRight(h: Reflector, data: Float64Array, rowLength: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * rowLength + h.offset;
    let d = 0;
    for (let t = 0; t < h.v.length; t++) d += data[base + t] * h.v[t];
    for (let t = 0; t < h.v.length; t++) data[base + t] -= h.tau * d * h.v[t];
  }
}

/** Rows x ↦ H_first·…·H_last·x, one reflector at a time. */
function oneAtATime(hs: readonly Reflector[], data: Float64Array, rows: number, rowLength: number): void {
  for (let q = hs.length - 1; q >= 0; q--) applyRight(hs[q], data, rowLength, rows);
}

function maxDifference(x: Float64Array, y: Float64Array): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
  return d;
}

test('applyProductToRows (blocks of 16) equals applying the reflectors one at a time', () => {
  const hs = reflectors(45, 70, 41);
  const x = randomMatrix(23, 70, 42).data;
  const blocked = x.slice(), plain = x.slice();
  applyProductToRows(hs, blocked, 23, 70);
  oneAtATime(hs, plain, 23, 70);
  assert.ok(maxDifference(blocked, plain) < 1e-13, `${maxDifference(blocked, plain)}`);
});

test('productOfReflectorsTransposed skips identity rows without changing the result', () => {
  const hs = reflectors(37, 60, 43);
  const plain = new Float64Array(37 * 60);
  for (let i = 0; i < 37; i++) plain[i * 60 + i] = 1;
  oneAtATime(hs, plain, 37, 60);
  const explicit = productOfReflectorsTransposed(hs, 37, 60);
  assert.ok(maxDifference(explicit, plain) < 1e-13, `${maxDifference(explicit, plain)}`);
});

test('blocked QR (panels of 8) gives the same R and reflectors as the unblocked one', () => {
  const a = randomMatrix(90, 53, 44).data;
  const blocked = a.slice(), plain = a.slice();
  const hb = householderQr(blocked, 90, 53);
  const hp = householderQr(plain, 90, 53, undefined, 1e9);
  for (let i = 0; i < 53; i++) for (let j = i; j < 53; j++) assert.ok(Math.abs(blocked[i * 53 + j] - plain[i * 53 + j]) < 1e-12, `R[${i}][${j}]`);
  hb.forEach((h, q) => assert.ok(Math.abs(h.tau - hp[q].tau) < 1e-13 && maxDifference(h.v, hp[q].v) < 1e-12, `reflector ${q}`));
});

test('large jobs go through the WebAssembly product (two products per block): the definition still, 150 rows in blocks of 64', () => {
  const hs = reflectors(40, 130, 45);
  const x = randomMatrix(150, 130, 46).data;
  const kernel = wasmKernel();
  assert.ok(kernel);
  const viaWasm = x.slice(), plain = x.slice();
  // applyBlocksToRowRange with the kernel, as a large job (reflectorKernel) runs it, in two row ranges.
  const compact = blocksOf(hs, 16);
  for (const [lo, hi] of [[0, 70], [70, 150]]) applyBlocksToRowRange(compact, viaWasm, lo, hi, 130, false, kernel);
  oneAtATime(hs, plain, 150, 130);
  assert.ok(maxDifference(viaWasm, plain) < 1e-13, `${maxDifference(viaWasm, plain)}`);
  const whole = x.slice();
  applyBlocksToRowRange(compact, whole, 0, 150, 130, false, kernel);
  assert.deepEqual(whole, viaWasm, 'the rows split between calls: the same bits');
  assert.equal(reflectorKernel(256, 512, 256), undefined, 'a 512×256 pinv’s Q₁ᵀ stays in JS');
  assert.equal(reflectorKernel(1024, 1024, 1023), kernel, 'a 1024² inverse’s does not');
});

test('T made with the WebAssembly kernel (the Gram matrix vt·vtᵀ as one product) has the JS loops\' very bits, in blocks of 16 and 64', () => {
  const hs = reflectors(70, 150, 47);
  const kernel = wasmKernel();
  assert.ok(kernel);
  for (const size of [16, 64]) {
    const viaWasm = blocksOf(hs, size, kernel), plain = blocksOf(hs, size);
    assert.equal(viaWasm.length, plain.length);
    viaWasm.forEach((b, i) => {
      assert.deepEqual(b.t, plain[i].t, `T of block ${i} (${size})`);
      assert.ok(b.vtT, 'vtᵀ kept for the products');
    });
    // Applied through the kernel, the kept vtᵀ gives what a fresh transpose gives.
    const x = randomMatrix(90, 150, 48).data;
    const kept = x.slice(), fresh = x.slice();
    applyBlocksToRowRange(viaWasm, kept, 0, 90, 150, false, kernel);
    applyBlocksToRowRange(plain, fresh, 0, 90, 150, false, kernel);
    assert.deepEqual(kept, fresh);
  }
});

test('the QR\'s trailing updates in the WebAssembly kernel (m·n² ≥ WASM_MIN_QR): R and the reflectors of the JS loops to rounding, ragged panels', () => {
  for (const [m, n] of [[130, 51], [97, 64], [64, 64]] as const) {
    assert.ok(m * n * n >= WASM_MIN_QR);
    const a = randomMatrix(m, n, m + n).data;
    const viaWasm = a.slice(), plain = a.slice();
    const hw = householderQr(viaWasm, m, n), hp = householderQr(plain, m, n, undefined, undefined, false);
    const scale = Math.max(...plain.map(Math.abs));
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) assert.ok(Math.abs(viaWasm[i * n + j] - plain[i * n + j]) < 1e-13 * scale, `R[${i}][${j}] of ${m}×${n}`);
    hw.forEach((h, q) => assert.ok(Math.abs(h.tau - hp[q].tau) < 1e-13 && maxDifference(h.v, hp[q].v) < 1e-12, `reflector ${q} of ${m}×${n}`));
  }
});

test('productOfReflectorsByRows (blocks applied in their order, reversed inside) is the product H_first·…·H_last, on both routes', () => {
  // 70 reflectors: blocks of 16 with an odd one left (JS route, pairs with decreasing starts); 700: blocks of 64 (WebAssembly).
  for (const n of [70, 700]) {
    const hs = reflectors(n, n, n);
    const byRows = productOfReflectorsByRows(hs, n);
    // Row i of H_first·…·H_last is e_iᵀ·H_first·…·H_last: the definition, one reflector at a time from the right.
    const identity = new Float64Array(n * n);
    for (let i = 0; i < n; i++) identity[i * n + i] = 1;
    for (const h of hs) applyRight(h, identity, n, n);
    assert.ok(maxDifference(byRows, identity) < 1e-13 * n, `n = ${n}: ${maxDifference(byRows, identity)}`);
    assert.equal(reflectorKernel(n, n, n) !== undefined, n === 700, 'both routes are exercised');
  }
});
