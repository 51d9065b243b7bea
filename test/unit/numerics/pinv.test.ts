// pinv by SVD against numpy.linalg.pinv (computed at test time) — or against ml-matrix when numpy is
// missing — on tall, wide, rank-deficient and κ = 1e10 matrices.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix as MlMatrix, pseudoInverse } from 'ml-matrix';
import { type Matrix, asymmetryNorm, frobeniusDistance, frobeniusNorm, subtract, transpose } from '../../../src/core/numerics/matrix';
import { penroseResiduals, pinv } from '../../../src/core/numerics/pinv';
import { singularValues } from '../../../src/core/numerics/svd';
import { fromNested, hasNumpy, numpy, randomMatrix, relativeDifference, rowsOf, withSingularValues } from './reference';

interface Reference {
  readonly pinv: Matrix;
  readonly singularValues: number[];
  readonly rank: number;
  readonly oracle: 'numpy' | 'ml-matrix';
}

function reference(a: Matrix, rtolNone = false): Reference {
  if (hasNumpy()) {
    const out = numpy<{ p: number[][]; s: number[]; r: number }>(
      `a = np.array(inp['a'], dtype=float)\n` +
        `p = np.linalg.pinv(a, rcond=(max(a.shape) * np.finfo(float).eps) if inp['rtolNone'] else 1e-15)\n` +
        `s = np.linalg.svd(a, compute_uv=False)\n` +
        `r = int(np.sum(s > (max(a.shape) * np.finfo(float).eps if inp['rtolNone'] else 1e-15) * s[0]))\n` +
        `out = {'p': p.tolist(), 's': s.tolist(), 'r': r}`,
      { a: rowsOf(a), rtolNone },
    );
    return { pinv: fromNested(out.p), singularValues: out.s, rank: out.r, oracle: 'numpy' };
  }
  const ml = pseudoInverse(new MlMatrix(rowsOf(a)));
  return { pinv: fromNested(ml.to2DArray()), singularValues: Array.from(singularValues(a)), rank: -1, oracle: 'ml-matrix' };
}

function numpyResiduals(a: Matrix): { axa: number; xax: number } | undefined {
  if (!hasNumpy()) return undefined;
  return numpy(
    `a = np.array(inp, dtype=float)\np = np.linalg.pinv(a)\n` +
      `out = {'axa': float(np.linalg.norm(a @ p @ a - a) / np.linalg.norm(a)), 'xax': float(np.linalg.norm(p @ a @ p - p) / np.linalg.norm(p))}`,
    rowsOf(a),
  );
}

function check(name: string, a: Matrix, tolerance: number, options: { rtolNone?: boolean; residualBound?: number } = {}) {
  const ref = reference(a, options.rtolNone);
  const r = pinv(a, { tolerance: options.rtolNone ? 'maxDimEps' : undefined });
  const err = relativeDifference(r.pinv, ref.pinv);
  const sigmaErr = Math.max(...ref.singularValues.map((s, i) => Math.abs(s - r.singularValues[i]))) / ref.singularValues[0];
  const res = penroseResiduals(a, r.pinv);
  const scaleA = frobeniusNorm(a), scaleX = frobeniusNorm(r.pinv);
  // Diagnostic line: the numbers quoted in the report come from here.
  console.log(`# ${name}: vs ${ref.oracle} pinv rel ${err.toExponential(2)}, σ abs/σmax ${sigmaErr.toExponential(2)}, ‖AXA−A‖/‖A‖ ${(res.axa / scaleA).toExponential(2)}, ‖XAX−X‖/‖X‖ ${(res.xax / scaleX).toExponential(2)}`);
  assert.ok(err <= tolerance, `${name}: pinv differs from ${ref.oracle} by ${err} (> ${tolerance})`);
  assert.ok(sigmaErr <= 1e-13, `${name}: singular values differ by ${sigmaErr}·σmax`);
  if (ref.rank >= 0) assert.equal(r.rank, ref.rank, `${name}: rank`);
  const bound = options.residualBound ?? 1e-12;
  assert.ok(res.axa / scaleA < bound && res.xax / scaleX < bound, `${name}: Penrose residuals ${JSON.stringify(res)}`);
  return r;
}

test('pinv of a tall 60×25 matrix matches the reference to 1e-12', () => {
  check('tall 60×25', randomMatrix(60, 25, 11), 1e-12);
});

test('pinv of a wide 20×45 matrix matches the reference to 1e-12', () => {
  check('wide 20×45', randomMatrix(20, 45, 12), 1e-12);
});

test('pinv past one block of reflectors (compact WY blocks of 16, QR panels of 8): tall 150×70, square 97×97, rank 40 of 90×75 match to 1e-12', () => {
  check('tall 150×70', randomMatrix(150, 70, 14), 1e-12);
  check('square 97×97', randomMatrix(97, 97, 15), 1e-12);
  const sigma = Array.from({ length: 40 }, (_, i) => 1 + i / 10);
  assert.equal(check('rank 40 of 90×75', withSingularValues(90, 75, sigma, 16), 1e-12).rank, 40);
});

test('pinv of a rank-deficient 40×30 matrix (rank 12) drops the zero singular values like numpy', () => {
  const sigma = Array.from({ length: 12 }, (_, i) => 2 ** -i);
  const r = check('rank 12 of 40×30', withSingularValues(40, 30, sigma, 13), 1e-12);
  assert.equal(r.rank, 12);
});

test('pinv of a square matrix with κ = 1e10: backward stable, and as close to numpy as κ allows', () => {
  const n = 30;
  const sigma = Array.from({ length: n }, (_, i) => 10 ** (-10 * (i / (n - 1))));
  const a = withSingularValues(n, n, sigma, 14);
  // Two backward-stable algorithms can only agree to ≈ κ·ε on the pseudo-inverse itself (≈1e-6 here),
  // and even evaluating AXA − A in f64 rounds at κ·ε·‖A‖; the ≤1e-13 claim holds for the singular
  // values (relative to σmax). The residuals must be no worse than numpy's own (×10).
  const np = numpyResiduals(a);
  const r = check('κ=1e10 30×30', a, 1e10 * 1e-14, { residualBound: np ? 10 * Math.max(np.axa, np.xax) : 1e-6 });
  if (np) console.log(`# κ=1e10 numpy's own residuals: ‖AXA−A‖/‖A‖ ${np.axa.toExponential(2)}, ‖XAX−X‖/‖X‖ ${np.xax.toExponential(2)}`);
  assert.equal(r.rank, n);
});

test('numpy rtol=None semantics (max(m,n)·ε) cut a singular value that rcond=1e-15 keeps', () => {
  // cut-offs: rcond 1e-15 vs rtol=None 20·ε ≈ 4.4e-15; σ₃ = 2.5e-15 lies between them.
  const sigma = [1, 0.5, 2.5e-15];
  const a = withSingularValues(20, 10, sigma, 15);
  assert.equal(pinv(a).rank, 3);
  assert.equal(pinv(a, { tolerance: 'maxDimEps' }).rank, 2);
  check('rtol=None 20×10', a, 1e-12, { rtolNone: true });
});

test('pinv of zero, 1×1 and vector inputs', () => {
  const z = pinv({ rows: 2, cols: 3, data: new Float64Array(6) });
  assert.equal(z.rank, 0);
  assert.deepEqual(Array.from(z.pinv.data), [0, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(pinv({ rows: 1, cols: 1, data: Float64Array.of(4) }).pinv.data), [0.25]);
  const row = pinv({ rows: 1, cols: 3, data: Float64Array.of(1, 2, 2) });
  assert.deepEqual(Array.from(row.pinv.data, (v) => Math.round(v * 9 * 1e12) / 1e12), [1, 2, 2]);
});

test('the Penrose residuals without forming differences: ‖A − B‖_F and ‖Sᵀ − S‖_F as the formed ones, down to subnormal scale', () => {
  let s = 7;
  const random = (rows: number, cols: number, scale: number) => {
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < data.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      data[i] = (s / 2 ** 32 - 0.5) * scale;
    }
    return { rows, cols, data };
  };
  for (const scale of [1, 1e200, 1e-300, 1e-310]) {
    const a = random(9, 7, scale), b = random(9, 7, scale), sq = random(6, 6, scale);
    const formed = frobeniusNorm(subtract(a, b)), asym = frobeniusNorm(subtract(transpose(sq), sq));
    assert.ok(Math.abs(frobeniusDistance(a, b) - formed) <= 1e-14 * formed, `scale ${scale}: ${frobeniusDistance(a, b)} vs ${formed}`);
    assert.ok(Math.abs(asymmetryNorm(sq) - asym) <= 1e-14 * asym, `scale ${scale}: ${asymmetryNorm(sq)} vs ${asym}`);
  }
  const sym = { rows: 2, cols: 2, data: Float64Array.of(1, 2, 2, 3) };
  assert.equal(asymmetryNorm(sym), 0);
  assert.equal(frobeniusDistance(sym, sym), 0);
  assert.throws(() => asymmetryNorm(random(2, 3, 1)), /square/);
});
