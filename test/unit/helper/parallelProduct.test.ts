// The two-thread work of large pinv jobs: products and the reflectors' rows give the same numbers as on
// one thread, to the bit (each row is summed in the same order whichever thread computes it; reflector
// rows go four at a time, from multiples of 4 at these shapes — elsewhere equal to rounding; a square
// pinv's U_B is formed by the helper thread alone, from the same blocks as on one thread).
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { type Matrix, multiply } from '../../../src/core/numerics/matrix';
import { penroseResiduals, pinv } from '../../../src/core/numerics/pinv';
import { inSharedMemory, parallelHelperReady, parallelMultiply, parallelRows, prepareParallelProducts, shareWork } from '../../../src/computeJobs/parallelProduct';
import { randomMatrix } from '../numerics/reference';
import { productOfReflectorsByRows } from '../../../src/core/numerics/blockReflector';
import { makeReflector } from '../../../src/core/numerics/householder';


test('parallelMultiply equals multiply bit for bit: even and odd rows, blocks of rows left over, small products', async () => {
  prepareParallelProducts(1 << 30);
  // Whether the second thread takes any blocks depends on the scheduler; it is there to take them.
  assert.equal(await parallelHelperReady(), availableParallelism() >= 2);
  for (const [m, p, n] of [[256, 128, 160], [257, 131, 197], [300, 64, 301], [7, 5, 3], [64, 1, 64]] as const) {
    const a = randomMatrix(m, p, m + p), b = randomMatrix(p, n, n);
    const expected = multiply(a, b);
    for (let round = 0; round < 3; round++) {
      const got = parallelMultiply(a, b);
      assert.equal(got.rows, m);
      assert.equal(got.cols, n);
      assert.deepEqual(got.data, expected.data, `${m}×${p} by ${p}×${n}, round ${round}`);
    }
  }
  assert.throws(() => parallelMultiply(randomMatrix(300, 200, 1), randomMatrix(199, 300, 2)), /cannot multiply 300×200 by 199×300/);
});

test('the Penrose residuals through parallelMultiply are those of the one-thread product', () => {
  for (const [m, n] of [[384, 192], [160, 320]] as const) {
    const a = randomMatrix(m, n, m * n);
    const x = pinv(a).pinv;
    assert.deepEqual(penroseResiduals(a, x, undefined, parallelMultiply), penroseResiduals(a, x));
  }
});

test('a pinv whose reflectors transform rows on two threads: the same A⁺ as on one thread, square and tall, full rank and not', async () => {
  prepareParallelProducts(1 << 30);
  await parallelHelperReady();
  const rankTwo = (m: number, n: number): Matrix => {
    const u = randomMatrix(m, 2, 3), v = randomMatrix(2, n, 4);
    return multiply(u, v);
  };
  for (const a of [randomMatrix(300, 300, 11), randomMatrix(480, 200, 12), rankTwo(260, 260)]) {
    const one = pinv(a), two = pinv(a, { rows: parallelRows });
    assert.equal(two.rank, one.rank);
    assert.deepEqual(two.singularValues, one.singularValues);
    assert.deepEqual(two.pinv.data, one.pinv.data, `${a.rows}×${a.cols}`);
  }
});

test('two-thread pinvs one after another, of matrices pinv scales: the one-thread numbers and residuals each time', async () => {
  prepareParallelProducts(1 << 30);
  await parallelHelperReady();
  // ×3: max|a| beyond [0.5, 1), so pinv scales A (in the reduction's copy of it).
  const scaledUp = (a: Matrix): Matrix => ({ rows: a.rows, cols: a.cols, data: a.data.map((v) => 3 * v) });
  for (const a of [scaledUp(randomMatrix(300, 300, 21)), scaledUp(randomMatrix(300, 300, 22)), scaledUp(randomMatrix(420, 180, 23))]) {
    const one = pinv(a);
    const expected = penroseResiduals(a, one.pinv);
    for (let job = 0; job < 2; job++) {
      const two = pinv(a, { rows: parallelRows });
      assert.deepEqual(two.pinv.data, one.pinv.data, `${a.rows}×${a.cols}, job ${job}`);
      assert.deepEqual(penroseResiduals(inSharedMemory(a), inSharedMemory(two.pinv), undefined, parallelMultiply), expected);
    }
  }
});

test('U_B formed by rows on the helper thread while reflectors are pushed: the bits of one thread, on the WebAssembly route; abandoned, nothing changes for the next', async () => {
  prepareParallelProducts(1 << 30);
  if (!(await parallelHelperReady())) return assert.equal(parallelRows.startRowProduct?.(700), undefined, 'no second core: this thread forms it');
  const n = 700;
  const source = randomMatrix(n, n, 31).data;
  const hs = Array.from({ length: n }, (_, j) => makeReflector(source.slice(j * n + j, (j + 1) * n), j).reflector);
  const abandoned = parallelRows.startRowProduct?.(n);
  assert.ok(abandoned, 'a 700² product goes to the helper thread');
  hs.slice(0, 200).forEach((h) => abandoned.push(h));
  abandoned.abandon();
  const inProgress = parallelRows.startRowProduct?.(n);
  assert.ok(inProgress);
  for (const h of hs) inProgress.push(h);
  assert.deepEqual(inProgress.finish(), productOfReflectorsByRows(hs, n));
});

test('a share the helper thread claimed and never finished fails the job with a message instead of waiting for ever', () => {
  // The helper thread "claimed" share 0 (counter at 1) and then stopped: this thread does share 1 and
  // would wait for share 0 for ever without the bound (here 50 ms instead of a minute).
  const control = new Int32Array(new SharedArrayBuffer(8));
  control[0] = 1;
  const ran: number[] = [];
  assert.throws(() => shareWork(control, 2, (share) => ran.push(share), 50), /helper thread stopped working/);
  assert.deepEqual(ran, [1]);
  // All shares done by this thread: no wait, no error.
  const alone = new Int32Array(new SharedArrayBuffer(8));
  const all: number[] = [];
  shareWork(alone, 3, (share) => all.push(share), 50);
  assert.deepEqual(all, [0, 1, 2]);
});
