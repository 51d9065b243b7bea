// The later algorithms' ```kexue-compute blocks and how their results are presented (plots, tables).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlockParamsError, parseBlockParams } from '../../../src/core/compute/blockParams';
import { presentResult } from '../../../src/core/compute/presentResult';
import { fromRows } from '../../../src/core/numerics/matrix';
import { cpuRope, cpuSchedule } from '../../../src/computeJobs/formulaJobs';
import { cpuMatfun, cpuMsign } from '../../../src/computeJobs/matrixFunctionJobs';
import { backendFor } from '../../../src/core/compute/algorithmBlocks';
import { translated } from '../../../src/core/l10n/localizable';
import { zh } from '../l10n/zhTranslate';

test('msign, matfun, schedule, rope and argmax blocks parse, with defaults', () => {
  assert.deepEqual(parseBlockParams('msign coefficients=muon iterations=5\n[[1,2],[3,4]]'), { kind: 'msign', matrixText: '[[1,2],[3,4]]', coefficients: 'muon', iterations: 5, backend: undefined });
  assert.deepEqual(parseBlockParams('matfun fn=invsqrt backend=cpu\n\\begin{pmatrix}2&1\\\\1&2\\end{pmatrix}'), { kind: 'matfun', fn: 'invsqrt', matrixText: '\\begin{pmatrix}2&1\\\\1&2\\end{pmatrix}', backend: 'cpu' });
  assert.deepEqual(parseBlockParams('schedule kind=cosine steps=1000 ddim=50'), { kind: 'schedule', schedule: 'cosine', steps: 1000, ddim: 50, backend: undefined });
  assert.deepEqual(parseBlockParams('rope dim=128 base=10000 scale=4 method=yarn'), { kind: 'rope', dim: 128, base: 10000, scale: 4, method: 'yarn', trained: undefined, backend: undefined });
  assert.deepEqual(parseBlockParams('argmax random=100,3 seed=7'), { kind: 'argmax', random: { n: 100, d: 3 }, seed: 7, backend: undefined });
  assert.equal(parseBlockParams('argmax\n1,0\n0,1\n0.2,0.2').kind, 'argmax');
});

test('the backend setting gpu does not send an algorithm with no GPU path to the GPU; a block\'s own backend wins', () => {
  assert.equal(backendFor('rope', undefined, 'gpu'), 'cpu');
  assert.equal(backendFor('schedule', undefined, 'gpu'), 'cpu');
  assert.equal(backendFor('argmax', undefined, 'gpu'), 'cpu');
  assert.equal(backendFor('msign', undefined, 'gpu'), 'gpu');
  assert.equal(backendFor('matfun', undefined, 'auto'), 'auto');
  assert.equal(backendFor('rope', 'auto', 'gpu'), 'auto');
});

test('bad blocks say what to change', () => {
  const fails = (source: string, pattern: RegExp) => assert.throws(() => parseBlockParams(source), (e: unknown) => e instanceof BlockParamsError && pattern.test(e.message), source);
  fails('msign', /needs a matrix/);
  fails('msign coefficients=quartic\n[[1]]', /cubic, muon/);
  fails('matfun\n[[1]]', /fn=sqrt/);
  fails('schedule steps=10 ddim=11', /at most steps=10/);
  fails('rope dim=127', /even/);
  fails('rope base=1', /greater than 1/);
  fails('rope scale=0.5', /at least 1/);
  fails('argmax random=100,3\n[[1,2]]', /not both/);
  fails('argmax random=abc', /two whole numbers/);
  fails('schedule\n1 2 3', /first line only/);
  // No GPU path: a block asking for the GPU is told so, in words the host translates.
  fails('rope dim=64 backend=gpu', /^rope runs on the CPU only \(closed-form tables, no matrix products\): remove backend=gpu$/);
  fails('argmax random=10,2 backend=gpu', /^argmax runs on the CPU only \(one linear program per class, solved by HiGHS\)/);
  assert.throws(() => parseBlockParams('schedule backend=gpu'), (e: unknown) => e instanceof BlockParamsError && translated(e.words, zh) === 'schedule 只在 CPU 上运行（闭式表格，没有矩阵乘积）：请删去 backend=gpu');
  fails('sqrtm', /one of pinv, hippo, approximate, msign, matfun, schedule, rope, argmax/);
});

const noNullText = (rows: readonly (readonly string[])[]) => rows.every((r) => r.every((cell) => !/\b(null|NaN|undefined)\b/.test(cell)));

test('results are presented with their plots and readable tables', () => {
  const msign = presentResult(cpuMsign({ type: 'msign', id: 1, matrix: fromRows([[1, 2], [3, 4], [5, 6]]), coefficients: 'cubic', backend: 'cpu' }, () => undefined));
  assert.deepEqual(msign.plots?.map((p) => p.id), ['msignError', 'msignSingularValues']);
  assert.match(msign.headline, /msign\(M\) by cubic/);
  assert.match(msign.latex[0], /\\operatorname\{msign\}\(M\) = \\begin\{pmatrix\}/);
  const matfun = presentResult(cpuMatfun({ type: 'matfun', id: 2, fn: 'sqrt', matrix: fromRows([[4, 1], [1, 3]]), backend: 'cpu' }, () => undefined));
  assert.deepEqual(matfun.plots?.map((p) => p.id), ['matfunResidual']);
  assert.match(matfun.latex[0], /^A\^\{1\/2\} = /);
  const schedule = presentResult(cpuSchedule({ type: 'schedule', id: 3, kind: 'linear', steps: 1000, ddim: 20, backend: 'cpu' }));
  assert.deepEqual(schedule.plots?.map((p) => p.id), ['alphaBar', 'snr', 'ddim']);
  assert.equal(schedule.plots?.[2].x.length, 20);
  const rope = presentResult(cpuRope({ type: 'rope', id: 4, dim: 64, base: 10000, scale: 8, method: 'ntk', backend: 'cpu' }));
  assert.deepEqual(rope.plots?.map((p) => p.id), ['ropeDecay', 'ropeTheta', 'ropeRatio']);
  assert.equal(rope.plots?.[0].lines.length, 2);
  for (const p of [msign, matfun, schedule, rope]) assert.ok(p.table && noNullText(p.table.rows), p.headline);
});
