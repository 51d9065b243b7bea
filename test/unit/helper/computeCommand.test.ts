// `kexue compute …` end to end through dist/cli.js and the real helper.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { cliPath, gpuEnv, noGpuEnv } from './helperEnv';

function kexue(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [cliPath(), 'compute', ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('compute pinv --exact --json prints backend, rank, σ, pinv, exact strings, residuals and ms', () => {
  const r = kexue(['pinv', '--matrix', '[[1,2],[3,4],[5,6]]', '--backend', 'cpu', '--exact', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out).slice(0, 9), ['backend', 'adapter', 'rank', 'singularValues', 'pinv', 'exact', 'residuals', 'exactResiduals', 'ms']);
  // The exact result's residuals, checked in exact arithmetic: 0, not ~1e-16.
  assert.deepEqual(out.exactResiduals, { axa: 0, xax: 0, axSymmetry: 0, xaSymmetry: 0 });
  assert.equal(out.backend, 'cpu');
  assert.equal(out.rank, 2);
  assert.deepEqual(out.exact, [['-4/3', '-1/3', '2/3'], ['13/12', '1/3', '-5/12']]);
  assert.ok(typeof out.ms === 'number' && Number.isFinite(out.ms) && out.ms >= 0, `ms: ${String(out.ms)}`);
  const res = out.residuals as Record<string, number>;
  assert.ok(res.axa < 1e-13 && res.xax < 1e-13 && res.axSymmetry < 1e-13 && res.xaSymmetry < 1e-13);
});

test('the built CLI runs as `kexue` does, through its own first line: glibc asked for huge pages, then node', { skip: process.platform === 'win32' && 'a shebang line is a Unix launcher' }, () => {
  assert.equal(readFileSync(cliPath(), 'utf8').split('\n')[0], '#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1 node');
  const r = spawnSync(cliPath(), ['compute', 'pinv', '--matrix', '[[2,0],[0,4]]', '--backend', 'cpu', '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { pinv: number[][] }).pinv, [[0.5, 0], [0, 0.25]]);
});

test('compute pinv --routes compares the post\'s routes with the SVD', () => {
  const r = kexue(['pinv', '--matrix', '[[2,0],[0,1],[1,1]]', '--routes', 'eigen,epsilon,newtonSchulz', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { routes: { route: string; relativeError: number; epsilonSteps?: unknown[] }[] };
  assert.deepEqual(out.routes.map((x) => x.route), ['eigen', 'epsilon', 'newtonSchulz']);
  assert.ok(out.routes[0].relativeError < 1e-12 && out.routes[2].relativeError < 1e-12);
  assert.ok((out.routes[1].epsilonSteps?.length ?? 0) > 3 && out.routes[1].relativeError < 1e-8);
  const bad = kexue(['pinv', '--matrix', '[[1]]', '--routes', 'magic']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown route "magic"/);
});

test('compute pinv reads LaTeX from --matrix-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kexue-cli-'));
  const file = join(dir, 'a.tex');
  writeFileSync(file, '\\begin{bmatrix} 1 & \\frac{1}{2} \\\\ 2 & 1 \\end{bmatrix}');
  const r = kexue(['pinv', '--matrix-file', file, '--exact', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rank: number; exact: string[][] };
  assert.equal(out.rank, 1);
  assert.deepEqual(out.exact, [['4/25', '8/25'], ['2/25', '4/25']]);
});

test('compute hippo --json prints A, B, Ā, B̄ and the kernel', () => {
  const r = kexue(['hippo', '--measure', 'legs', '--n', '3', '--discretize', 'bilinear', '--dt', '0.1', '--kernel', '5', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { A: number[][]; B: number[]; Abar: number[][]; Bbar: number[]; kernel: number[]; ms: number };
  assert.deepEqual(out.A[0], [-1, 0, 0]);
  assert.ok(Math.abs(out.A[1][0] + Math.sqrt(3)) < 1e-15);
  assert.equal(out.B.length, 3);
  assert.equal(out.Abar.length, 3);
  assert.equal(out.kernel.length, 5);
  const plain = JSON.parse(kexue(['hippo', '--measure', 'fout', '--n', '4', '--json']).stdout) as Record<string, unknown>;
  assert.ok(!('Abar' in plain) && !('kernel' in plain));
  // The time-varying LegS at step k = 4: bilinear Ā_k[0][0] = (1 − 1/8)/(1 + 1/8), whatever Δ is.
  const step = JSON.parse(kexue(['hippo', '--measure', 'legs', '--n', '3', '--discretize', 'bilinear', '--step', '4', '--json']).stdout) as { Abar: number[][]; step: number; notes: string[] };
  assert.equal(step.step, 4);
  assert.ok(Math.abs(step.Abar[0][0] - 0.875 / 1.125) < 1e-15);
  assert.match(step.notes.join(' '), /Time-varying LegS: Ā_k, B̄_k discretise \(A\/t, B\/t\) at t = kΔ with k = 4/);
  const withDt = JSON.parse(kexue(['hippo', '--measure', 'legs', '--n', '3', '--discretize', 'bilinear', '--step', '4', '--dt', '0.01', '--json']).stdout) as { Abar: number[][] };
  withDt.Abar.flat().forEach((v, i) => assert.ok(Math.abs(v - step.Abar.flat()[i]) < 1e-14, 'Δ cancels'));
});

test('compute --backend gpu with no adapter: clear message, non-zero exit', () => {
  const r = kexue(['pinv', '--matrix', '[[1,2],[3,4]]', '--backend', 'gpu', '--json'], noGpuEnv());
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /no WebGPU adapter was found/);
  // Under --json the refusal is JSON too (no result is printed).
  assert.match((JSON.parse(r.stdout) as { error: string }).error, /no WebGPU adapter was found/);
});

test('a large CSV, read into shared memory, still goes to the helper process for --backend gpu (serialised as a copy)', () => {
  // 130×130 = 16,900 entries: read into shared memory (matrixMemory).
  const dir = mkdtempSync(join(tmpdir(), 'kexue-gpu-csv-'));
  const file = join(dir, 'a.csv');
  writeFileSync(file, Array.from({ length: 130 }, (_, i) => Array.from({ length: 130 }, (_, j) => (i === j ? 2 : 1 / (1 + i + j)).toString()).join(',')).join('\n'));
  const r = kexue(['pinv', '--matrix-file', file, '--backend', 'gpu', '--json'], noGpuEnv());
  assert.equal(r.code, 4, r.stderr);
  assert.match((JSON.parse(r.stdout) as { error: string }).error, /no WebGPU adapter was found/);
});

test('compute --backend gpu on SwiftShader reports the adapter', () => {
  const r = kexue(['pinv', '--matrix', '[[1,2],[3,4],[5,6]]', '--backend', 'gpu', '--json'], gpuEnv());
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: string; adapter: { isFallbackAdapter: boolean } };
  assert.equal(out.backend, 'gpu');
  assert.equal(out.adapter.isFallbackAdapter, true);
});

test('compute approximate --json: channel 1\'s coefficients and errors, and every channel\'s, on the CPU and on SwiftShader alike', () => {
  const args = ['approximate', '--measure', 'legs', '--n', '16', '--signal', 'sine', '--length', '800', '--channels', '3', '--json'];
  const cpu = kexue([...args, '--backend', 'cpu']);
  assert.equal(cpu.code, 0, cpu.stderr);
  const c = JSON.parse(cpu.stdout) as { backend: string; channels: number; coefficients: number[]; maxError: number; channelErrors: { maxError: number[]; rmsError: number[] } };
  assert.equal(c.backend, 'cpu');
  assert.equal(c.channels, 3);
  assert.equal(c.coefficients.length, 16);
  assert.equal(c.channelErrors.maxError.length, 3);
  assert.equal(c.channelErrors.maxError[0], c.maxError);
  const gpu = kexue([...args, '--backend', 'gpu'], gpuEnv());
  assert.equal(gpu.code, 0, gpu.stderr);
  const g = JSON.parse(gpu.stdout) as typeof c & { adapter: { isFallbackAdapter: boolean } };
  assert.equal(g.backend, 'gpu');
  assert.ok(g.adapter);
  g.coefficients.forEach((v, i) => assert.ok(Math.abs(v - c.coefficients[i]) < 1e-4, `coefficient ${i}: ${v} vs ${c.coefficients[i]}`));
  g.channelErrors.maxError.forEach((v, i) => assert.ok(Math.abs(v - c.channelErrors.maxError[i]) < 1e-4, `channel ${i + 1}: ${v} vs ${c.channelErrors.maxError[i]}`));
  // Samples from a file: one time step a line, one column a channel.
  const file = join(mkdtempSync(join(tmpdir(), 'kexue-signal-')), 'two.csv');
  writeFileSync(file, Array.from({ length: 200 }, (_, i) => `${Math.sin(i / 30)},${Math.cos(i / 40)}`).join('\n'));
  const fromFile = kexue(['approximate', '--measure', 'legs', '--n', '12', '--signal-file', file, '--channels', '2', '--backend', 'cpu', '--json']);
  assert.equal(fromFile.code, 0, fromFile.stderr);
  const f = JSON.parse(fromFile.stdout) as typeof c;
  assert.equal(f.channels, 2);
  assert.ok(Math.max(...f.channelErrors.maxError) < 1e-2, `max errors ${f.channelErrors.maxError.join(', ')}`);
  // Without --channels, two columns are not silently read as one interleaved signal.
  const unsaid = kexue(['approximate', '--measure', 'legs', '--n', '12', '--signal-file', file, '--json']);
  assert.equal(unsaid.code, 2);
  assert.match((JSON.parse(unsaid.stdout) as { error: string }).error, /has 2 numbers on every line: give --channels 2 \(one column per channel\), or --channels 1/);
  const flat = kexue(['approximate', '--measure', 'legs', '--n', '12', '--signal-file', file, '--channels', '1', '--backend', 'cpu', '--json']);
  assert.equal(flat.code, 0, flat.stderr);
  assert.equal((JSON.parse(flat.stdout) as typeof c).channels, 1);
});

test('usage errors and refusals exit non-zero with a message saying what to change', () => {
  const bad = (args: string[], pattern: RegExp) => {
    const r = kexue(args);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, pattern);
  };
  bad(['hippo', '--measure', 'legs', '--n', '0', '--json'], /N must be at least 1, got 0/);
  bad(['hippo', '--measure', 'nope', '--n', '4'], /--measure must be one of legs, legt, lagt, fout/);
  bad(['hippo', '--measure', 'legs', '--n', '4', '--kernel', '8'], /--kernel needs --discretize and --dt/);
  bad(['pinv', '--matrix', '[[1,2],[3]]'], /row 2 has 1 entry but row 1 has 2/);
  bad(['pinv', '--matrix', '[[1.5e400]]'], /not a finite number/);
  bad(['pinv', '--matrix', '[[1,2]]', '--backend', 'tpu'], /--backend must be cpu, gpu or auto/);
  bad(['pinv'], /exactly one of --matrix or --matrix-file/);
  bad(['pinv', '--matrix', JSON.stringify(Array.from({ length: 9 }, () => Array<number>(2).fill(1))), '--exact'], /exact arithmetic is limited to 8×8/);
  bad(['hippo', '--measure', 'legt', '--n', '4', '--discretize', 'bilinear', '--step', '2'], /a time-varying step k is for LegS/);
  bad(['hippo', '--measure', 'legs', '--n', '4', '--step', '2'], /--step needs --discretize/);
  bad(['approximate', '--signal', 'sine', '--channels', '2000'], /channels is 2000, above the limit of 1024/);
  bad(['approximate', '--signal', 'noise', '--length', '100000', '--channels', '1000'], /100000000 samples, above the limit of 16777216 in all: use fewer channels or a shorter signal/);
  bad(['approximate', '--signal', 'chirp'], /--signal must be one of sine, step, noise/);
  bad(['approximate', '--measure', 'legs', '--signal', 'sine', '--method', 'zoh', '--backend', 'gpu'], /LegS runs with euler, backward or bilinear/);
});

test('a CPU job runs in the CLI\'s own process: no helper needed; a GPU job still asks for one', () => {
  // The CLI (its launcher and the compute bundle it loads) alone in a folder with no helper.mjs beside
  // it (nor under the working folder's dist/).
  const dir = mkdtempSync(join(tmpdir(), 'kexue-cli-alone-'));
  const cli = join(dir, 'cli.js');
  copyFileSync(cliPath(), cli);
  copyFileSync(join(dirname(cliPath()), 'cliCompute.js'), join(dir, 'cliCompute.js'));
  const env = { ...process.env, KEXUE_HELPER_PATH: join(dir, 'no-helper.mjs') };
  const run = (backend: string) => spawnSync(process.execPath, [cli, 'compute', 'pinv', '--matrix', '[[1,2],[3,4],[5,6]]', '--backend', backend, '--json'], { encoding: 'utf8', env, cwd: dir, timeout: 60_000 });
  for (const backend of ['cpu', 'auto']) {
    const r = run(backend);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { backend: string; rank: number; residuals: { axa: number } };
    assert.equal(out.backend, 'cpu');
    assert.equal(out.rank, 2);
    assert.ok(out.residuals.axa < 1e-12);
  }
  const gpu = run('gpu');
  assert.notEqual(gpu.status, 0);
  assert.match(gpu.stderr, /compute helper not found/);
});
