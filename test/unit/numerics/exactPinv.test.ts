// Exact rational pseudo-inverses: known answers, all four Penrose equations hold exactly, and the
// f64 SVD result agrees with them (this is also the oracle that needs no numpy).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactPinv, formatRationalMatrix, multiplyR, transposeR, type RationalMatrix } from '../../../src/core/numerics/exactPinv';
import { fromRows } from '../../../src/core/numerics/matrix';
import { pinv } from '../../../src/core/numerics/pinv';
import { rational, rationalToNumber, subR } from '../../../src/core/numerics/rational';

const R = (rows: number[][]): RationalMatrix => rows.map((r) => r.map((v) => rational(BigInt(v))));
const equal = (a: RationalMatrix, b: RationalMatrix) => a.every((row, i) => row.every((v, j) => subR(v, b[i][j]).num === 0n));

function assertPenroseExact(a: RationalMatrix, x: RationalMatrix): void {
  const ax = multiplyR(a, x), xa = multiplyR(x, a);
  assert.ok(equal(multiplyR(ax, a), a), 'AXA = A');
  assert.ok(equal(multiplyR(xa, x), x), 'XAX = X');
  assert.ok(equal(transposeR(ax), ax), '(AX)ᵀ = AX');
  assert.ok(equal(transposeR(xa), xa), '(XA)ᵀ = XA');
}

test('exact pinv of a full-column-rank 3×2 integer matrix', () => {
  const a = R([[1, 2], [3, 4], [5, 6]]);
  const r = exactPinv(a);
  assert.equal(r.rank, 2);
  assert.deepEqual(formatRationalMatrix(r.pinv), [['-4/3', '-1/3', '2/3'], ['13/12', '1/3', '-5/12']]);
  assertPenroseExact(a, r.pinv);
});

test('exact pinv of a rank-1 matrix is Aᵀ/‖A‖²_F', () => {
  const r = exactPinv(R([[1, 2], [2, 4]]));
  assert.equal(r.rank, 1);
  assert.deepEqual(formatRationalMatrix(r.pinv), [['1/25', '2/25'], ['2/25', '4/25']]);
});

test('exact pinv of a rank-deficient 5×4 and an 8×8 integer matrix satisfy Penrose exactly and match the f64 SVD', () => {
  const a54 = [[1, 2, 3, 4], [2, 4, 6, 8], [1, 0, 1, 0], [0, 1, -1, 2], [3, 2, 5, 4]];
  const a88 = Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => ((i * 7 + j * 3) % 11) - 5 + (i === j ? 4 : 0)));
  for (const rows of [a54, a88]) {
    const exact = exactPinv(R(rows));
    assertPenroseExact(R(rows), exact.pinv);
    const f = pinv(fromRows(rows));
    assert.equal(f.rank, exact.rank);
    const x = exact.pinv.flat().map(rationalToNumber);
    const scale = Math.max(...x.map(Math.abs));
    const err = Math.max(...x.map((v, i) => Math.abs(v - f.pinv.data[i]))) / scale;
    assert.ok(err < 1e-12, `f64 pinv vs exact: ${err}`);
  }
});

test('exact pinv of the zero matrix, and refusal above 8×8', () => {
  assert.deepEqual(formatRationalMatrix(exactPinv(R([[0, 0, 0]])).pinv), [['0'], ['0'], ['0']]);
  const big = R(Array.from({ length: 9 }, () => Array<number>(9).fill(1)));
  assert.throws(() => exactPinv(big), /limited to 8×8.*9×9/);
});
