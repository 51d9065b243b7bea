// `kexue compute msign|matfun|schedule|rope|argmax` end to end through dist/cli.js and the real helper,
// and msign/matfun on the GPU (SwiftShader here; a GPU test that finds no adapter fails).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { multiply, toRows, transpose } from '../../../src/core/numerics/matrix';
import { msignBySvd } from '../../../src/core/numerics/msign';
import { fromNested, randomMatrix, relativeDifference } from '../numerics/reference';
import { cliPath, gpuEnv } from './helperEnv';

function kexue(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [cliPath(), 'compute', ...args], { encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'kexue-algos-'));
const m = randomMatrix(12, 7, 5);
const mFile = join(dir, 'm.json');
writeFileSync(mFile, JSON.stringify(toRows(m)));
const g = randomMatrix(9, 9, 6);
const spd = multiply(g, transpose(g));
for (let i = 0; i < 9; i++) spd.data[i * 9 + i] += 0.5;
const spdFile = join(dir, 'spd.json');
writeFileSync(spdFile, JSON.stringify(toRows(spd)));

test('compute msign --json has exactly {backend, msign, iterations, errors, ms}; the cubic reaches U Vᵀ to 1e-10', () => {
  const r = kexue(['msign', '--matrix-file', mFile, '--backend', 'cpu', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: string; msign: number[][]; iterations: number; errors: number[]; ms: number };
  assert.deepEqual(Object.keys(out), ['backend', 'msign', 'iterations', 'errors', 'ms']);
  assert.equal(out.backend, 'cpu');
  assert.equal(out.errors.length, out.iterations + 1);
  assert.ok(relativeDifference(fromNested(out.msign), msignBySvd(m).msign) <= 1e-10);
  const muon = JSON.parse(kexue(['msign', '--matrix-file', mFile, '--coefficients', 'muon', '--iterations', '5', '--json']).stdout) as { iterations: number; errors: number[] };
  assert.equal(muon.iterations, 5);
  assert.ok(muon.errors[5] > 1e-3, 'Muon\'s quintic does not reach U Vᵀ, and the output says so');
});

test('compute matfun --fn sqrt|invsqrt: A^½·A^½ = A and A^−½·A·A^−½ = I', () => {
  const sq = JSON.parse(kexue(['matfun', '--fn', 'sqrt', '--matrix-file', spdFile, '--json']).stdout) as { value: number[][]; errorVsEigen: number };
  const s = fromNested(sq.value);
  assert.ok(relativeDifference(multiply(s, s), spd) < 1e-12);
  assert.ok(sq.errorVsEigen <= 1e-10);
  const inv = JSON.parse(kexue(['matfun', '--fn', 'invsqrt', '--matrix-file', spdFile, '--json']).stdout) as { value: number[][] };
  const z = fromNested(inv.value);
  const eye = multiply(multiply(z, spd), z);
  for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) assert.ok(Math.abs(eye.data[i * 9 + j] - (i === j ? 1 : 0)) < 1e-10);
  const bad = kexue(['matfun', '--fn', 'sqrt', '--matrix', '[[1,2],[2,1]]']);
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /not positive definite/);
});

test('compute schedule, rope and argmax --json; refusals before anything runs', () => {
  const sch = JSON.parse(kexue(['schedule', '--kind', 'cosine', '--steps', '100', '--ddim', '10', '--json']).stdout) as { steps: number; alphaBar: number[]; ddim: { t: number }[] };
  assert.equal(sch.steps, 100);
  assert.deepEqual(sch.ddim.map((d) => d.t), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  const rope = JSON.parse(kexue(['rope', '--dim', '128', '--base', '10000', '--scale', '4', '--method', 'ntk', '--json']).stdout) as { theta: number[]; extension: { base: number }; decay: { bound: number[] } };
  assert.equal(rope.theta.length, 64);
  assert.ok(Math.abs(rope.extension.base - 10000 * 4 ** (128 / 126)) < 1e-6);
  assert.equal(rope.decay.bound[0], 32.5);
  const am = JSON.parse(kexue(['argmax', '--matrix', '[[1,1],[-1,1],[-1,-1],[1,-1],[0,0]]', '--json']).stdout) as { unargmaxable: number[]; witnessesChecked: number; witnessFailures: number[] };
  assert.deepEqual(am.unargmaxable, [5]);
  assert.equal(am.witnessesChecked, 4);
  assert.deepEqual(am.witnessFailures, []);
  const big = kexue(['argmax', '--random', '5000,3']);
  assert.equal(big.code, 3);
  assert.match(big.stderr, /above the limit/);
  const gpuSchedule = kexue(['schedule', '--steps', '10', '--backend', 'gpu']);
  assert.equal(gpuSchedule.code, 3);
  assert.match(gpuSchedule.stderr, /CPU only/);
  const ddim = kexue(['schedule', '--steps', '10', '--ddim', '11']);
  assert.equal(ddim.code, 3);
  assert.match(ddim.stderr, /from 1 to 10/);
  assert.equal(kexue(['rope', '--dim', '128', '--method', 'pi']).code, 3);
  assert.equal(kexue(['msign', '--matrix', '[[1]]', '--coefficients', 'quartic']).code, 2);
});

test('GPU msign (f32 Newton–Schulz chain on the tiled matmul, finished in f64) and GPU matfun within 1e-5', () => {
  const r = kexue(['msign', '--matrix-file', mFile, '--backend', 'gpu', '--json'], gpuEnv());
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: string; msign: number[][]; errors: number[] };
  assert.equal(out.backend, 'gpu');
  const err = relativeDifference(fromNested(out.msign), msignBySvd(m).msign);
  console.log(`# GPU msign 12×7: ${err.toExponential(2)} vs the SVD's U Vᵀ after ${out.errors.length - 1} steps`);
  assert.ok(err <= 1e-5, String(err));
  const f = kexue(['matfun', '--fn', 'sqrt', '--matrix-file', spdFile, '--backend', 'gpu', '--json'], gpuEnv());
  assert.equal(f.code, 0, f.stderr);
  const fo = JSON.parse(f.stdout) as { backend: string; errorVsEigen: number };
  assert.equal(fo.backend, 'gpu');
  console.log(`# GPU sqrt 9×9: ${fo.errorVsEigen.toExponential(2)} vs the eigendecomposition`);
  assert.ok(fo.errorVsEigen <= 1e-5);
});
