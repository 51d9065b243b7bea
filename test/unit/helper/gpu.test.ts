// WebGPU through the real helper on SwiftShader. A GPU test that finds no adapter FAILS: the point is
// to prove the GPU path, never to pass on a silent CPU fallback. Sizes stay small (software Vulkan).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { approximate } from '../../../src/core/numerics/approximate';
import { discretize } from '../../../src/core/numerics/discretize';
import { transition } from '../../../src/core/numerics/hippo';
import { s4Kernel } from '../../../src/core/numerics/kernel';
import { pinv } from '../../../src/core/numerics/pinv';
import { ComputeClient, ComputeRequestError } from '../../../src/computeClient/computeClient';
import { worthGpu } from '../../../src/core/compute/backendChoice';
import { randomMatrix, relativeDifference, withSingularValues } from '../numerics/reference';
import { gpuEnv, helperPath, noGpuEnv } from './helperEnv';
import { englishText } from '../../../src/core/l10n/localizable';

const gpuClient = new ComputeClient({ helperPath: helperPath(), env: gpuEnv(), requestTimeoutMs: 120_000 });
after(() => gpuClient.dispose());

test('the helper finds a WebGPU adapter (SwiftShader here)', async () => {
  const info = await gpuClient.request({ type: 'info' });
  assert.ok(info.gpu.available, `no WebGPU adapter: ${info.gpu.reason ? englishText(info.gpu.reason) : '?'}`);
  console.log(`# adapter: ${JSON.stringify(info.gpu.adapter)}`);
});

test('GPU Newton–Schulz pinv (f32) + f64 refinement is within 1e-12 of the CPU SVD: tall and rank-deficient', async () => {
  for (const [name, a] of [['tall 40×24', randomMatrix(40, 24, 31)], ['rank 5 of 20×12', withSingularValues(20, 12, [1, 0.8, 0.5, 0.3, 0.1], 32)]] as const) {
    const r = await gpuClient.request({ type: 'pinv', matrix: a, backend: 'gpu' });
    assert.equal(r.backend, 'gpu', `${name}: ran on ${r.backend}`);
    assert.ok(r.adapter);
    const cpu = pinv(a);
    const err = relativeDifference(r.pinv, cpu.pinv);
    console.log(`# GPU pinv ${name}: rel vs CPU ${err.toExponential(2)}; ${englishText(r.notes[0])}`);
    assert.ok(err <= 1e-12, `${name}: ${err}`);
    assert.doesNotMatch(r.notes.map(englishText).join(' '), /too far from A⁺/, `${name}: refined, not the SVD's fallback`);
    assert.equal(r.rank, cpu.rank);
  }
});

test('GPU pinv of an ill-conditioned A: refined from the f32 iterate (cleaning it would multiply its error by κ²), or from the f64 SVD when f32 cannot hold it', async () => {
  const spread = (n: number, decades: number) => Array.from({ length: n }, (_, i) => 10 ** ((-decades * i) / (n - 1)));
  // κ = 1e3: the f32 iterate refines to the SVD's A⁺ (cleaning it first had given residuals of 25 on a 128² one).
  const a = withSingularValues(48, 48, spread(48, 3), 41);
  const r = await gpuClient.request({ type: 'pinv', matrix: a, backend: 'gpu' });
  assert.equal(r.backend, 'gpu');
  const err = relativeDifference(r.pinv, pinv(a).pinv);
  console.log(`# GPU pinv κ=1e3: rel vs CPU ${err.toExponential(2)}; ${englishText(r.notes[0])}`);
  assert.ok(err <= 1e-9, `κ = 1e3: ${err}`);
  assert.doesNotMatch(r.notes.map(englishText).join(' '), /too far from A⁺/);
  // κ = 1e9: f32's 7 digits cannot start a refinement; the job says so and gives the f64 SVD's A⁺.
  const b = withSingularValues(48, 48, spread(48, 9), 42);
  const s = await gpuClient.request({ type: 'pinv', matrix: b, backend: 'gpu' });
  assert.equal(s.backend, 'gpu');
  assert.match(englishText(s.notes[1]), /^That start was too far from A⁺ to refine \(condition number σ₁\/σ_r ≈ 1\.00e\+9; /);
  assert.deepEqual(Array.from(s.pinv.data), Array.from(pinv(b).pinv.data));
});

test('GPU work that Dawn refuses fails the job with its message, never returns the untouched buffers', async () => {
  const client = new ComputeClient({ helperPath: helperPath(), env: { ...gpuEnv(), KEXUE_HELPER_FAULT: 'refuse-once' }, requestTimeoutMs: 120_000 });
  try {
    const a = randomMatrix(12, 8, 35);
    await assert.rejects(
      client.request({ type: 'pinv', matrix: a, backend: 'gpu' }),
      (e: unknown) => e instanceof ComputeRequestError && /^the GPU refused the work: .*usage/i.test(e.message),
    );
    // The next job on the same device runs and is right.
    const r = await client.request({ type: 'pinv', matrix: a, backend: 'gpu' });
    assert.ok(relativeDifference(r.pinv, pinv(a).pinv) < 1e-6);
  } finally {
    client.dispose();
  }
});

test('GPU S4 kernel (f32 matrix products) matches the f64 kernel to 1e-5 relative', async () => {
  const n = 16, length = 200, dt = 0.05;
  const r = await gpuClient.request({ type: 'hippo', measure: 'legs', n, discretization: { method: 'bilinear', dt }, kernelLength: length, backend: 'gpu' });
  assert.equal(r.backend, 'gpu');
  const { a, b } = transition('legs', n);
  const d = discretize(a, b, dt, 'bilinear');
  const ref = s4Kernel(d.aBar, d.bBar, length);
  const k = r.kernel as Float64Array;
  let num = 0, den = 0;
  for (let i = 0; i < length; i++) {
    num += (k[i] - ref[i]) ** 2;
    den += ref[i] ** 2;
  }
  console.log(`# GPU kernel rel vs f64: ${Math.sqrt(num / den).toExponential(2)}`);
  assert.ok(Math.sqrt(num / den) < 1e-5);
});

test('GPU LegT online approximation (f32 recurrence, f64 reconstruction) matches the CPU to 1e-4 relative', async () => {
  const n = 32, length = 2000, dt = 1 / length;
  const signal = Float64Array.from({ length }, (_, i) => Math.sin((6 * (i + 1)) / length) + 0.5 * Math.cos((17 * (i + 1)) / length));
  const r = await gpuClient.request({ type: 'approximate', measure: 'legt', n, signal, dt, window: 0.5, backend: 'gpu' });
  assert.equal(r.backend, 'gpu', `ran on ${r.backend}: ${r.notes.map(englishText).join(' ')}`);
  assert.ok(r.adapter);
  const cpu = approximate({ measure: 'legt', n, signal, dt, window: 0.5 });
  const rel = (x: Float64Array, y: Float64Array) => {
    let num = 0, den = 0;
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(y[i])) {
        assert.ok(Number.isNaN(x[i]), `entry ${i}: ${x[i]} where the CPU has NaN`);
        continue;
      }
      num += (x[i] - y[i]) ** 2;
      den += y[i] ** 2;
    }
    return Math.sqrt(num / den);
  };
  const coefficients = rel(r.coefficients, cpu.coefficients), redrawn = rel(r.reconstruction, cpu.reconstruction);
  console.log(`# GPU approximate LegT N=${n} L=${length}: coefficients rel ${coefficients.toExponential(2)}, reconstruction rel ${redrawn.toExponential(2)}`);
  assert.ok(coefficients < 1e-4 && redrawn < 1e-4, `coefficients ${coefficients}, reconstruction ${redrawn}`);
  assert.ok(Math.abs(r.maxError - cpu.maxError) < 1e-4, `max error ${r.maxError} vs ${cpu.maxError}`);
});

test('many channels on the GPU (LegS one thread per channel, LegT as matrix products) match the CPU channel by channel', async () => {
  const n = 24, length = 1500, channels = 6, dt = 1 / length;
  // Smooth signals that differ per channel: amplitude, frequency and offset.
  const signal = new Float64Array(channels * length);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < length; i++) signal[c * length + i] = (1 + c / 3) * Math.sin(((4 + c) * (i + 1)) / length) + 0.2 * c * Math.cos((9 * (i + 1)) / length);
  }
  for (const [measure, window] of [['legs', undefined], ['legt', 0.6]] as const) {
    const r = await gpuClient.request({ type: 'approximate', measure, n, signal, channels, dt, window, backend: 'gpu' });
    assert.equal(r.backend, 'gpu', `ran on ${r.backend}: ${r.notes.map(englishText).join(' ')}`);
    assert.equal(r.channels, channels);
    const cpu = Array.from({ length: channels }, (_, c) => approximate({ measure, n, signal: signal.subarray(c * length, (c + 1) * length), dt, window }));
    const coefficients = relativeDifference({ rows: 1, cols: n, data: r.coefficients }, { rows: 1, cols: n, data: cpu[0].coefficients });
    const gaps = cpu.map((alone, c) => {
      const gpuMax = r.channelErrors?.maxError[c] ?? NaN, gpuRms = r.channelErrors?.rmsError[c] ?? NaN;
      return Math.max(Math.abs(gpuMax - alone.maxError), Math.abs(gpuRms - alone.rmsError));
    });
    console.log(`# GPU ${measure} ${channels} channels N=${n} L=${length}: channel 1 coefficients rel ${coefficients.toExponential(2)}; ` +
      `error figures vs CPU within ${Math.max(...gaps).toExponential(2)} (CPU max errors ${cpu.map((a) => a.maxError.toExponential(1)).join(', ')})`);
    assert.ok(coefficients < 1e-4, `${measure}: coefficients ${coefficients}`);
    // The errors themselves are ~1e-4…1e-3 here; f32 moves them by far less.
    gaps.forEach((gap, c) => assert.ok(gap < 2e-5, `${measure} channel ${c + 1}: GPU and CPU error figures differ by ${gap}`));
    // The loudest channel is the worst; the GPU redraws it too.
    assert.equal(r.worst?.channel, channels - 1);
    const worstGap = Math.max(...Array.from(cpu[channels - 1].reconstruction, (v, i) => (Number.isNaN(v) ? 0 : Math.abs(v - (r.worst?.reconstruction[i] ?? NaN)))));
    assert.ok(worstGap < 1e-4, `${measure}: the worst channel's reconstruction differs by ${worstGap}`);
  }
});

test('a GPU approximation request never silently falls back to the CPU', async () => {
  // LegS with zoh (a matrix exponential per sample) has no GPU kernel: refused with a reason, not answered by the CPU.
  await assert.rejects(
    gpuClient.request({ type: 'approximate', measure: 'legs', n: 4, signal: new Float64Array(10), dt: 0.1, method: 'zoh', backend: 'gpu' }),
    (e: unknown) => e instanceof ComputeRequestError && e.code === 'unsupported' && /LegS runs with euler, backward or bilinear.*--backend cpu/.test(e.message),
  );
  // No adapter: a clear error, not a CPU result.
  const client = new ComputeClient({ helperPath: helperPath(), env: noGpuEnv() });
  try {
    await assert.rejects(
      client.request({ type: 'approximate', measure: 'legt', n: 4, signal: new Float64Array(10), dt: 0.1, backend: 'gpu' }),
      (e: unknown) => e instanceof ComputeRequestError && e.code === 'noAdapter',
    );
  } finally {
    client.dispose();
  }
});

test('auto does not use a fallback (software) adapter', async () => {
  // Big enough for auto to want the GPU (N²·L ≥ 1e9) — but SwiftShader is a fallback adapter.
  const r = await gpuClient.request({ type: 'hippo', measure: 'legs', n: 256, discretization: { method: 'bilinear', dt: 1e-3 }, kernelLength: 16384, backend: 'auto' });
  assert.equal(r.backend, 'cpu');
  const p = await gpuClient.request({ type: 'pinv', matrix: randomMatrix(300, 300, 33), backend: 'auto' });
  assert.equal(p.backend, 'cpu');
  // LegT N = 256 over 16384 samples is long enough for auto to want the GPU (N²·L ≥ 1e9).
  const signal = Float64Array.from({ length: 16384 }, (_, i) => Math.sin(i / 1000));
  const long = { type: 'approximate', id: 0, measure: 'legt', n: 256, signal, dt: 1e-3, backend: 'auto' } as const;
  assert.ok(worthGpu(long), 'a real adapter would get this one');
  assert.ok(!worthGpu({ ...long, measure: 'legs' }) && !worthGpu({ ...long, n: 32 }));
  // LegS fills a GPU only with many channels (one thread each), and has no zoh kernel.
  const manyLegs = { ...long, measure: 'legs', n: 64, signal: new Float64Array(256 * 65536), channels: 256 } as const;
  assert.ok(worthGpu(manyLegs) && !worthGpu({ ...manyLegs, channels: 8, signal: new Float64Array(8 * 65536) }) && !worthGpu({ ...manyLegs, method: 'zoh' }));
  const q = await gpuClient.request({ type: 'approximate', measure: 'legt', n: 256, signal, dt: 1e-3, backend: 'auto' });
  assert.equal(q.backend, 'cpu');
});

test('backend gpu with no adapter is a clear error, never a silent CPU run', async () => {
  const client = new ComputeClient({ helperPath: helperPath(), env: noGpuEnv() });
  try {
    await assert.rejects(
      client.request({ type: 'pinv', matrix: { rows: 1, cols: 1, data: Float64Array.of(2) }, backend: 'gpu' }),
      (e: unknown) => e instanceof ComputeRequestError && e.code === 'noAdapter' && /no WebGPU adapter was found.*VK_ICD_FILENAMES/.test(e.message),
    );
    const info = await client.request({ type: 'info' });
    assert.equal(info.gpu.available, false);
    // auto with no adapter quietly uses the CPU (that is what auto means) and says so in `backend`.
    const r = await client.request({ type: 'pinv', matrix: { rows: 1, cols: 1, data: Float64Array.of(2) }, backend: 'auto' });
    assert.equal(r.backend, 'cpu');
  } finally {
    client.dispose();
  }
});

test('a lost device is replaced: the job retries on a new device and says so', async () => {
  const client = new ComputeClient({ helperPath: helperPath(), env: { ...gpuEnv(), KEXUE_HELPER_FAULT: 'lose-device-once' }, requestTimeoutMs: 120_000 });
  try {
    const a = randomMatrix(12, 8, 34);
    const r = await client.request({ type: 'pinv', matrix: a, backend: 'gpu' });
    assert.equal(r.backend, 'gpu');
    assert.match(englishText(r.notes[0]), /^GPU device lost \(destroyed\).*; retried on a new device\.$/);
    assert.ok(relativeDifference(r.pinv, pinv(a).pinv) < 1e-6);
  } finally {
    client.dispose();
  }
});
