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

test('the cubic does not stop while a small singular value is still climbing: diag(3, 1e-12) reaches I', () => {
  // σ₂/‖M‖_F ≈ 3.3e-13 grows ×1.5 a step: each step changes X by a tiny, growing amount, which the
  // "stopped shrinking" test once read as converged after 2 steps (error 0.71).
  const r = msign(fromRows([[3, 0], [0, 1e-12]]));
  assert.equal(r.stop, 'converged');
  assert.ok(r.iterations > 60 && r.iterations < 100, `${r.iterations} iterations`);
  assert.ok(relativeDifference(r.msign, fromRows([[1, 0], [0, 1]])) <= 1e-12, String(r.errors[r.errors.length - 1]));
  // A σ below the SVD's cut-off (rank 1 here) is not waited for: it maps to 0 in U_r V_rᵀ.
  const cut = msign(fromRows([[1e200, 0], [0, 1]]));
  assert.equal(cut.reference.rank, 1);
  assert.ok(cut.iterations < 5, `${cut.iterations} iterations`);
});

test('msign is scale-invariant down to subnormals and up to 1e307: M is scaled by a power of two first', () => {
  for (const c of [1e307, 1e-310, 2 ** -1070]) {
    const half = msign(fromRows([[c, c], [c, c]]));
    assert.ok(relativeDifference(half.msign, fromRows([[0.5, 0.5], [0.5, 0.5]])) <= 1e-15, `c = ${c}: ${JSON.stringify(Array.from(half.msign.data))}`);
    const diagonal = msign(fromRows([[c, 0], [0, -c / 2]]));
    assert.ok(relativeDifference(diagonal.msign, fromRows([[1, 0], [0, -1]])) <= 1e-15, `c = ${c}: ${JSON.stringify(Array.from(diagonal.msign.data))}`);
    assert.equal(diagonal.stop, 'converged');
    // M's own singular values, not the scaled ones.
    assert.ok(Math.abs(diagonal.reference.singularValues[0] / c - 1) < 1e-15 && Math.abs(diagonal.reference.singularValues[1] / (c / 2) - 1) < 1e-15);
  }
});

test('coupled Newton–Schulz waits for the smallest eigenvalue: A^−½ of diag(4, 1e-14) is diag(0.5, 1e7)', () => {
  // ‖Y² − A/c‖ is ≈ 1e-15 from the start here; the iteration once stopped after one step with 0.75 for 1e7.
  const r = coupledNewtonSchulz(fromRows([[4, 0], [0, 1e-14]]));
  assert.ok(relativeDifference(r.invsqrt, fromRows([[0.5, 0], [0, 1e7]])) < 1e-12, JSON.stringify(Array.from(r.invsqrt.data)));
  assert.ok(relativeDifference(r.sqrt, fromRows([[2, 0], [0, 1e-7]])) < 1e-12, JSON.stringify(Array.from(r.sqrt.data)));
  assert.ok(r.residuals[0] > 0.5 && r.residuals[r.residuals.length - 1] < 1e-12, 'the residual ‖I − Z·Y‖ starts near 1 and ends at rounding');
});

test('coupled Newton–Schulz works from subnormal to 1e308 entries: A is scaled by a power of four first', () => {
  for (const [lambda, root] of [[1e-310, 1e-155], [1e308, 1e154], [2 ** -1060, 2 ** -530]]) {
    const r = coupledNewtonSchulz(fromRows([[lambda, 0], [0, lambda / 4]]));
    assert.ok(relativeDifference(r.sqrt, fromRows([[root, 0], [0, root / 2]])) < 1e-14, `λ = ${lambda}: ${JSON.stringify(Array.from(r.sqrt.data))}`);
    assert.ok(relativeDifference(r.invsqrt, fromRows([[1 / root, 0], [0, 2 / root]])) < 1e-14, `λ = ${lambda}: ${JSON.stringify(Array.from(r.invsqrt.data))}`);
  }
});
