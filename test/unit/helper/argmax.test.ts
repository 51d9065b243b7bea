// Unargmaxable classes through the real HiGHS (WebAssembly), against brute force: in the plane a class
// can be the strict argmax iff its point is a vertex of the convex hull (monotone chain, written here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { argmaxClasses, argmaxLp, argmaxOf, randomGaussianMatrix, type ArgmaxClass } from '../../../src/core/numerics/argmax';
import { fromRows, type Matrix } from '../../../src/core/numerics/matrix';
import { loadHighs, withHighsSolver } from '../../../src/computeJobs/highsSolver';

/** Every class of W through the real HiGHS, as the helper runs it. */
async function classesOf(w: Matrix): Promise<ArgmaxClass[]> {
  const highs = await loadHighs();
  return withHighsSolver(highs, (solve) => argmaxClasses(w, solve));
}

/** Strict vertices of the convex hull of 2-D points (collinear points on an edge are not vertices). */
function hullVertices(w: Matrix): Set<number> {
  const idx = Array.from({ length: w.rows }, (_, i) => i).sort((a, b) => w.data[2 * a] - w.data[2 * b] || w.data[2 * a + 1] - w.data[2 * b + 1]);
  const cross = (o: number, a: number, b: number) =>
    (w.data[2 * a] - w.data[2 * o]) * (w.data[2 * b + 1] - w.data[2 * o + 1]) - (w.data[2 * a + 1] - w.data[2 * o + 1]) * (w.data[2 * b] - w.data[2 * o]);
  const half = (order: number[]) => {
    const h: number[] = [];
    for (const p of order) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], p) <= 0) h.pop();
      h.push(p);
    }
    return h.slice(0, -1);
  };
  return new Set([...half(idx), ...half([...idx].reverse())]);
}

test('2-D: the LP finds exactly the convex hull\'s vertices (random clouds, 3 seeds)', async () => {
  for (const seed of [1, 2, 3]) {
    const w = randomGaussianMatrix(40, 2, seed);
    const classes = await classesOf(w);
    const expected = hullVertices(w);
    const found = new Set(classes.filter((c) => c.argmaxable).map((c) => c.index));
    assert.deepEqual([...found].sort((a, b) => a - b), [...expected].sort((a, b) => a - b), `seed ${seed}`);
    for (const c of classes) if (c.witness) assert.deepEqual(argmaxOf(w, c.witness), { index: c.index, strict: true });
  }
});

test('hand cases: a square with its centre and a point on an edge; duplicates never win strictly; 1-D keeps the ends', async () => {
  const square = fromRows([[1, 1], [-1, 1], [-1, -1], [1, -1], [0, 0], [1, 0]]);
  assert.deepEqual((await classesOf(square)).filter((c) => !c.argmaxable).map((c) => c.index), [4, 5]);
  const twins = fromRows([[1, 0], [1, 0], [0, 1]]);
  assert.deepEqual((await classesOf(twins)).map((c) => c.argmaxable), [false, false, true]);
  const line = fromRows([[3], [-2], [0.5], [1]]);
  assert.deepEqual((await classesOf(line)).map((c) => c.argmaxable), [true, true, false, false]);
});

test('3-D: every class a random direction makes the argmax is argmaxable by the LP, and vice versa via witnesses', async () => {
  const w = randomGaussianMatrix(60, 3, 9);
  const classes = await classesOf(w);
  const sampled = new Set<number>();
  const dir = randomGaussianMatrix(20000, 3, 77);
  for (let s = 0; s < dir.rows; s++) sampled.add(argmaxOf(w, dir.data.subarray(3 * s, 3 * s + 3)).index);
  for (const i of sampled) assert.ok(classes[i].argmaxable, `class ${i} won for a sampled x but the LP says never`);
  const never = classes.filter((c) => !c.argmaxable);
  assert.ok(never.length > 0 && never.length < 60, `${never.length} unargmaxable`);
  for (const c of classes) if (c.witness) assert.equal(argmaxOf(w, c.witness).index, c.index);
});

test('the LP of a class: one row (w_i − w_j)·x − t ≥ 0 per other class, zeros left out, x in the unit box, t ≤ 1', () => {
  const lp = argmaxLp(fromRows([[1, 0], [0, 2], [1, 0.5]]), 0);
  assert.equal(lp.numRows, 2);
  assert.equal(lp.numCols, 3);
  assert.deepEqual(Array.from(lp.starts), [0, 3, 5]);
  assert.deepEqual(Array.from(lp.indices), [0, 1, 2, 1, 2]);
  assert.deepEqual(Array.from(lp.values), [1, -2, -1, -0.5, -1]);
  assert.deepEqual(Array.from(lp.colCost), [0, 0, 1]);
  assert.deepEqual(Array.from(lp.colLower), [-1, -1, -Infinity]);
  assert.deepEqual(Array.from(lp.colUpper), [1, 1, 1]);
  assert.deepEqual(Array.from(lp.rowLower), [0, 0]);
});

test('scale-invariant: W, 2^±900·W and 2^−1000·W give the same classes, margins in W\'s own units (HiGHS once refused 1e300)', async () => {
  const w = randomGaussianMatrix(30, 2, 5);
  const base = await classesOf(w);
  const hull = hullVertices(w);
  assert.deepEqual(base.filter((c) => c.argmaxable).map((c) => c.index).sort((a, b) => a - b), [...hull].sort((a, b) => a - b));
  for (const k of [900, -900, -1000]) {
    const scaled: Matrix = { ...w, data: w.data.map((v) => v * 2 ** k) };
    const classes = await classesOf(scaled);
    assert.deepEqual(classes.map((c) => c.argmaxable), base.map((c) => c.argmaxable), `2^${k}`);
    classes.forEach((c, i) => assert.ok(Math.abs(c.margin - base[i].margin * 2 ** k) <= 1e-9 * Math.abs(base[i].margin * 2 ** k) + 1e-12 * 2 ** k, `2^${k}, class ${i}: ${c.margin}`));
  }
});
