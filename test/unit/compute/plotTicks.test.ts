// Log-axis and whole-number ticks for the result plots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decadeTicks, isPowerOfTen, linearTickLabels, powerOfTenLabel, WHOLE_STEPS } from '../../../src/core/compute/plotTicks';

test('powers of ten are labelled 1, 10, 100 and 10⁻⁸, 10⁶ — never 0', () => {
  assert.deepEqual([1e-8, 1e-1, 1, 10, 100, 1e6, 1e-16].map(powerOfTenLabel), ['10⁻⁸', '10⁻¹', '1', '10', '100', '10⁶', '10⁻¹⁶']);
  assert.ok(isPowerOfTen(1e-12) && isPowerOfTen(1000) && !isPowerOfTen(2e-5) && !isPowerOfTen(0) && !isPowerOfTen(-10));
});

test('a log axis keeps its powers of ten, thinned to at most maxLabels', () => {
  // uPlot's candidates on a log axis: every m·10ᵏ.
  const splits = [1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 1e-1, 5e-1, 1];
  assert.deepEqual(decadeTicks(splits, 10), [1e-3, null, null, 1e-2, null, 1e-1, null, 1]);
  // 17 decades into 6 labels: every 3rd power.
  const many = Array.from({ length: 17 }, (_, i) => 10 ** -i);
  const kept = decadeTicks(many, 6).filter((v): v is number => v !== null);
  assert.ok(kept.length <= 6, `${kept.length} labels`);
  assert.deepEqual(kept.map(powerOfTenLabel), ['1', '10⁻³', '10⁻⁶', '10⁻⁹', '10⁻¹²', '10⁻¹⁵']);
});

test('whole-number axes step 1, 2, 5, 10, …', () => {
  assert.deepEqual(WHOLE_STEPS.slice(0, 7), [1, 2, 5, 10, 20, 50, 100]);
  assert.ok(WHOLE_STEPS.every(Number.isInteger));
});

test('linear ticks stay distinct at every scale: an error axis around 1e-4 no longer reads "0, 0, 0, -0, -0"', () => {
  const tiny = [-2e-4, -1e-4, -1.7e-20, 1e-4, 2e-4];
  const labels = linearTickLabels(tiny);
  assert.deepEqual(labels, ['-0.0002', '-0.0001', '0', '0.0001', '0.0002']);
  assert.deepEqual(linearTickLabels([-2e-6, 0, 2e-6, 4e-6]), ['-2e-6', '0', '2e-6', '4e-6']);
  assert.equal(new Set(labels).size, labels.length);
  assert.deepEqual(linearTickLabels([0, 0.25, 0.5, 0.75, 1]), ['0', '0.25', '0.50', '0.75', '1.00']);
  assert.deepEqual(linearTickLabels([-0, 1, 2]), ['0', '1', '2']);
  assert.deepEqual(linearTickLabels([0.0012, 0.0014, 0.0016]), ['0.0012', '0.0014', '0.0016']);
  assert.deepEqual(linearTickLabels([2e6, 4e6, 6e6]), ['2e6', '4e6', '6e6']);
  const offset = linearTickLabels([1.00002, 1.00004, 1.00006]);
  assert.equal(new Set(offset).size, 3, offset.join(', '));
  assert.deepEqual(linearTickLabels([null, 1, 2]), ['', '1', '2']);
  // Any scale: labels never collapse.
  for (let k = -12; k <= 12; k++) {
    const s = 10 ** k;
    const l = linearTickLabels([-2 * s, -s, 0, s, 2 * s]);
    assert.equal(new Set(l).size, 5, `10^${k}: ${l.join(', ')}`);
  }
});
