// The post's other routes to A⁺: eigen of AᵀA, the ε-limit, Newton–Schulz with its stopping rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pinv } from '../../../src/core/numerics/pinv';
import { newtonSchulz, pinvByEigen, pinvEpsilonLimit } from '../../../src/core/numerics/pinvRoutes';
import { randomMatrix, relativeDifference, withSingularValues } from './reference';

test('eigen route A⁺ = UΛ⁺UᵀAᵀ agrees with the SVD on a well-conditioned matrix', () => {
  const a = randomMatrix(12, 7, 21);
  const r = pinvByEigen(a);
  assert.equal(r.rank, 7);
  assert.ok(relativeDifference(r.pinv, pinv(a).pinv) < 1e-12);
});

test('eigen route loses digits as κ grows (σ² squares the condition number)', () => {
  const a = withSingularValues(10, 6, [1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5], 22);
  const err = relativeDifference(pinvByEigen(a).pinv, pinv(a).pinv);
  assert.ok(err > 1e-12 && err < 1e-3, `eigen-route error ${err}`);
});

test('ε-limit (AᵀA + εI)⁻¹Aᵀ converges towards A⁺ as ε shrinks', () => {
  const a = withSingularValues(9, 5, [2, 1, 0.5, 0.25, 0.1], 23);
  const steps = pinvEpsilonLimit(a, [1e-1, 1e-3, 1e-5, 1e-7, 1e-9]);
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i].relativeError < steps[i - 1].relativeError, JSON.stringify(steps));
  assert.ok(steps[steps.length - 1].relativeError < 1e-6);
});

test('ε-limit works on rank-deficient input too (the zero directions are damped by ε)', () => {
  const a = withSingularValues(8, 6, [1, 0.5, 0.2], 24);
  const steps = pinvEpsilonLimit(a, [1e-2, 1e-4, 1e-6, 1e-8]);
  assert.ok(steps[3].relativeError < 1e-6 && steps[3].relativeError < steps[0].relativeError);
});

test('Newton–Schulz converges quadratically on full-rank input', () => {
  const a = randomMatrix(15, 9, 25);
  const r = newtonSchulz(a);
  assert.equal(r.stop, 'converged');
  assert.ok(relativeDifference(r.pinv, pinv(a).pinv) < 1e-12);
});

test('Newton–Schulz on rank-deficient input stops when the residual stops decreasing', () => {
  const a = withSingularValues(10, 8, [1, 0.7, 0.3], 26);
  const r = newtonSchulz(a, { maxIterations: 200 });
  assert.notEqual(r.stop, 'maxIterations');
  // Residuals were strictly decreasing up to the stop; the kept X is the best one.
  for (let i = 1; i < r.residuals.length; i++) assert.ok(r.residuals[i] < r.residuals[i - 1]);
  assert.ok(relativeDifference(r.pinv, pinv(a).pinv) < 1e-10, `${relativeDifference(r.pinv, pinv(a).pinv)}`);
});
