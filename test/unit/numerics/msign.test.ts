// msign by Newton–Schulz and the SPD square root by coupled Newton–Schulz, against values built
// independently of our SVD and eigen routines: M = Q₁ΣQ₂ᵀ with known orthonormal Q₁, Q₂ has
// msign(M) = Q₁Q₂ᵀ, and A = QΛQᵀ has A^½ = QΛ^½Qᵀ.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSymmetricPositiveDefinite, coupledNewtonSchulz, matrixFunctionByEigen, NotPositiveDefiniteError } from '../../../src/core/numerics/matrixFunctions';
import { type Matrix, fromRows, multiply, transpose } from '../../../src/core/numerics/matrix';
import { iterateScalar, msign, msignBySvd, NEWTON_SCHULZ_POLYNOMIALS } from '../../../src/core/numerics/msign';
import { hasNumpy, numpy, orthonormalColumns, relativeDifference, rowsOf } from './reference';

/** Q₁·diag(σ)·Q₂ᵀ and its msign Q₁Q₂ᵀ, from the same orthonormal factors. */
function withKnownSign(m: number, n: number, sigma: readonly number[], seed: number): { readonly m: Matrix; readonly sign: Matrix } {
  const k = sigma.length;
  const u = orthonormalColumns(m, k, seed);
  const v = orthonormalColumns(n, k, seed + 1);
  const us = { rows: m, cols: k, data: u.data.map((x, i) => x * sigma[i % k]) };
  return { m: multiply(us, transpose(v)), sign: multiply(u, transpose(v)) };
}

function spdWithKnownRoot(n: number, lambda: readonly number[], seed: number): { readonly a: Matrix; readonly sqrt: Matrix; readonly invsqrt: Matrix } {
  const q = orthonormalColumns(n, n, seed);
  const withDiag = (f: (x: number) => number) => multiply({ rows: n, cols: n, data: q.data.map((x, i) => x * f(lambda[i % n])) }, transpose(q));
  return { a: withDiag((x) => x), sqrt: withDiag(Math.sqrt), invsqrt: withDiag((x) => 1 / Math.sqrt(x)) };
}

const graded = (k: number, top: number, bottom: number) => Array.from({ length: k }, (_, i) => top * (bottom / top) ** (i / Math.max(1, k - 1)));

test('the cubic Newton–Schulz converges to U Vᵀ within 1e-10 (tall, wide, square; condition up to 1e3)', () => {
  for (const [m, n, seed, sigma] of [
    [40, 12, 1, graded(12, 5, 0.5)],
    [9, 30, 3, graded(9, 2, 0.01)],
    [24, 24, 5, graded(24, 100, 0.1)],
  ] as const) {
    const { m: mat, sign } = withKnownSign(m, n, sigma, seed);
    const r = msign(mat, { coefficients: 'cubic' });
    const err = relativeDifference(r.msign, sign);
    assert.equal(r.stop, 'converged', `${m}×${n}: stopped after ${r.iterations}`);
    assert.ok(err <= 1e-10, `${m}×${n}: ‖X − Q₁Q₂ᵀ‖/‖Q₁Q₂ᵀ‖ = ${err}`);
    assert.ok(relativeDifference(msignBySvd(mat).msign, sign) <= 1e-12, 'the SVD reference itself');
    assert.equal(r.errors.length, r.iterations + 1);
    assert.ok(r.errors[r.errors.length - 1] <= 1e-10 && r.errors[0] > 0.1, 'the error per iteration starts large and ends converged');
    r.finalSingularValues.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-10));
  }
});

test('Muon\'s quintic (3.4445, −4.7750, 2.0315) does not converge to U Vᵀ: its singular values land in about [0.68, 1.2]', () => {
  const { m: mat, sign } = withKnownSign(32, 16, graded(16, 4, 0.4), 7);
  const r = msign(mat, { coefficients: 'muon' });
  assert.equal(r.iterations, 5);
  const err = relativeDifference(r.msign, sign);
  assert.ok(err > 1e-3 && err < 0.35, `Muon's error is honest and bounded: ${err}`);
  for (const s of r.finalSingularValues) assert.ok(s > 0.6 && s < 1.25, `σ = ${s}`);
  // The scalar map predicts the matrix iteration exactly: σ(X_K) computed from the result's own SVD.
  const actual = msignBySvd(r.msign).singularValues;
  const predicted = Float64Array.from(r.finalSingularValues).sort().reverse();
  predicted.forEach((s, i) => assert.ok(Math.abs(s - actual[i]) < 1e-12, `σ${i}: ${s} vs ${actual[i]}`));
  // 30 more quintic steps do not make it converge either.
  const longer = msign(mat, { coefficients: 'muon', iterations: 35 });
  assert.ok(relativeDifference(longer.msign, sign) > 1e-3);
});

test('the quintic\'s scalar map: p(σ) = 3.4445σ − 4.775σ³ + 2.0315σ⁵, five steps from 0.05 land near 1', () => {
  const [a, b, c] = NEWTON_SCHULZ_POLYNOMIALS.muon;
  assert.deepEqual([a, b, c], [3.4445, -4.775, 2.0315]);
  assert.equal(iterateScalar(0.5, [a, b, c], 1), 0.5 * (3.4445 - 4.775 * 0.25 + 2.0315 * 0.0625));
  assert.equal(iterateScalar(0.5, NEWTON_SCHULZ_POLYNOMIALS.cubic, 1), 1.5 * 0.5 - 0.5 * 0.125);
  const s = iterateScalar(0.05, [a, b, c], 5);
  assert.ok(s > 0.68 && s < 1.2, String(s));
});

test('a fixed number of iterations runs exactly that many; a rank-deficient M maps its zero singular values to zero', () => {
  const { m: mat } = withKnownSign(12, 8, [3, 1, 0.5], 11); // rank 3
  const r = msign(mat, { coefficients: 'cubic', iterations: 4 });
  assert.equal(r.iterations, 4);
  assert.equal(r.errors.length, 5);
  const ref = msignBySvd(mat);
  assert.equal(ref.rank, 3);
  const converged = msign(mat);
  assert.ok(relativeDifference(converged.msign, ref.msign) < 1e-9, String(relativeDifference(converged.msign, ref.msign)));
});

test('msign agrees with numpy\'s U Vᵀ (when numpy is installed)', (t) => {
  if (!hasNumpy()) {
    t.skip('python3 with numpy is not installed');
    return;
  }
  const mat = fromRows([[1, 2, 0], [0, 1, 3], [4, 0, 1], [2, 2, 2]]);
  const expected = numpy<number[][]>('u, s, vt = np.linalg.svd(np.array(inp), full_matrices=False); out = (u @ vt).tolist()', rowsOf(mat));
  assert.ok(relativeDifference(msign(mat).msign, fromRows(expected)) <= 1e-12);
});

test('coupled Newton–Schulz: A^½ and A^−½ of SPD input within 1e-10 of QΛ^½Qᵀ (and of the Jacobi eigendecomposition)', () => {
  for (const [n, seed, lambda] of [
    [6, 21, graded(6, 9, 1)],
    [20, 22, graded(20, 50, 0.05)],
    [33, 23, graded(33, 1, 1e-3)],
  ] as const) {
    const { a, sqrt, invsqrt } = spdWithKnownRoot(n, lambda, seed);
    const r = coupledNewtonSchulz(a);
    const eSqrt = relativeDifference(r.sqrt, sqrt), eInv = relativeDifference(r.invsqrt, invsqrt);
    assert.ok(eSqrt <= 1e-10, `n=${n}: sqrt ${eSqrt}`);
    assert.ok(eInv <= 1e-10, `n=${n}: invsqrt ${eInv}`);
    assert.ok(relativeDifference(matrixFunctionByEigen(a, 'sqrt').value, sqrt) <= 1e-12, 'the eigen reference');
    assert.ok(relativeDifference(matrixFunctionByEigen(a, 'invsqrt').value, invsqrt) <= 1e-11, 'the eigen reference');
    assert.equal(r.residuals.length, r.iterations + 1);
    assert.ok(r.residuals[r.residuals.length - 1] < 1e-13);
  }
  // √(diag(4, 9)) is diag(2, 3) exactly.
  const r = coupledNewtonSchulz(fromRows([[4, 0], [0, 9]]));
  assert.ok(relativeDifference(r.sqrt, fromRows([[2, 0], [0, 3]])) < 1e-15);
});

test('matfun refuses non-square, non-symmetric and indefinite input with a reason', () => {
  assert.throws(() => checkSymmetricPositiveDefinite(fromRows([[1, 2, 3]])), /square/);
  assert.throws(() => checkSymmetricPositiveDefinite(fromRows([[2, 1], [0, 2]])), /not symmetric.*\(1,2\)/);
  assert.throws(() => checkSymmetricPositiveDefinite(fromRows([[1, 2], [2, 1]])), (e: unknown) => e instanceof NotPositiveDefiniteError && /positive definite/.test(e.message));
  checkSymmetricPositiveDefinite(fromRows([[2, 1], [1, 2]]));
});
