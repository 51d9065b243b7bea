// Bench of the later algorithms' kernels, in this one run on this machine:
//  1. CPU f64: msign (cubic Newton–Schulz to convergence) 256×128 vs numpy's U Vᵀ from its SVD;
//     coupled Newton–Schulz A^½ of a 128×128 SPD matrix vs scipy-free numpy (eigh);
//     the diffusion schedules at T = 10⁶; RoPE d = 128 with the decay bound over κ·L; argmax LPs per second.
//  2. The same msign and A^½ through the helper on the GPU backend (SwiftShader here: NOT a GPU figure),
//     beside the CPU backend through the same helper, f32 Newton–Schulz chains plus the f64 finish.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ComputeClient } from '../../src/computeClient/computeClient';
import { argmaxClasses, randomGaussianMatrix } from '../../src/core/numerics/argmax';
import { coupledNewtonSchulz } from '../../src/core/numerics/matrixFunctions';
import type { Matrix } from '../../src/core/numerics/matrix';
import { multiply, transpose } from '../../src/core/numerics/matrix';
import { msign } from '../../src/core/numerics/msign';
import { decayBound, decayDistances, extendRope, ropeFrequencies } from '../../src/core/numerics/rope';
import { schedule } from '../../src/core/numerics/schedules';
import { loadHighs, withHighsSolver } from '../../src/computeJobs/highsSolver';
import { englishText } from '../../src/core/l10n/localizable';

const PYTHON = '/usr/bin/python3';
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function bestOf(rounds: number, f: () => void): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

function numpyMs(a: Matrix, body: string): number | undefined {
  if (!existsSync(PYTHON)) return undefined;
  const script =
    'import sys, time\nimport numpy as np\n' +
    `a = np.frombuffer(sys.stdin.buffer.read(), dtype='<f8').reshape(${a.rows}, ${a.cols})\n` +
    `best = 1e9\nfor _ in range(3):\n    t = time.perf_counter(); ${body}; best = min(best, time.perf_counter() - t)\nprint(best * 1000)\n`;
  try {
    return Number(execFileSync(PYTHON, ['-c', script], { input: Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength), encoding: 'utf8', env: ONE_THREAD }));
  } catch {
    return undefined;
  }
}

function gaussian(rows: number, cols: number, seed: number): Matrix {
  return randomGaussianMatrix(rows, cols, seed);
}

export async function run(): Promise<void> {
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  const m = gaussian(256, 128, 3);
  msign(gaussian(32, 16, 1)); // warm-up: JIT
  let iterations = 0;
  const tMsign = bestOf(2, () => (iterations = msign(m).iterations));
  const npMsign = numpyMs(m, 'u, s, vt = np.linalg.svd(a, full_matrices=False); u @ vt');
  console.log(`msign 256×128 cubic Newton–Schulz (${iterations} iterations, error per iteration vs the SVD included): ${fmt(tMsign)}${npMsign !== undefined ? `; numpy U Vᵀ by SVD (1 thread) ${fmt(npMsign)}` : ''}`);
  const g = gaussian(128, 128, 4);
  const spd = multiply(g, transpose(g));
  for (let i = 0; i < 128; i++) spd.data[i * 129] += 1;
  let nsIterations = 0;
  const tSqrt = bestOf(2, () => (nsIterations = coupledNewtonSchulz(spd).iterations));
  const npSqrt = numpyMs(spd, 'w, v = np.linalg.eigh(a); (v * np.sqrt(w)) @ v.T');
  console.log(`A^½ 128×128 SPD coupled Newton–Schulz (${nsIterations} iterations): ${fmt(tSqrt)}${npSqrt !== undefined ? `; numpy eigh route (1 thread) ${fmt(npSqrt)}` : ''}`);
  console.log(`schedules T = 10⁶: linear ${fmt(bestOf(3, () => schedule('linear', 1_000_000)))}, cosine ${fmt(bestOf(3, () => schedule('cosine', 1_000_000)))}`);
  const theta = ropeFrequencies(128, 10000);
  const ext = extendRope(theta, 128, 10000, 'yarn', 8, 4096);
  const distances = decayDistances(8 * 4096);
  console.log(`RoPE d = 128, YaRN ×8, decay bound at ${distances.length} distances (twice): ${fmt(bestOf(3, () => distances.forEach((d) => decayBound(theta, d) + decayBound(ext.theta, d))))}`);
  const highs = await loadHighs();
  const w = randomGaussianMatrix(300, 8, 5);
  let never = 0;
  const tLp = bestOf(1, () => (never = withHighsSolver(highs, (solve) => argmaxClasses(w, solve)).filter((c) => !c.argmaxable).length));
  console.log(`argmax W 300×8: 300 LPs (299×9 each) by HiGHS in ${fmt(tLp)} → ${((300 / tLp) * 1000).toFixed(0)} LPs/s; ${never} classes never the argmax`);
  await gpuVsCpu();
}

/** msign and A^½ through the real helper, CPU backend then GPU backend (SwiftShader when there is no GPU). */
async function gpuVsCpu(): Promise<void> {
  const helper = path.join(__dirname, '..', '..', '..', 'dist', 'helper.mjs');
  if (!existsSync(helper)) {
    console.log('GPU msign SKIPPED: dist/helper.mjs is missing (node esbuild.mjs)');
    return;
  }
  const env = { XDG_RUNTIME_DIR: '/tmp', ...process.env };
  const client = new ComputeClient({ helperPath: helper, env, requestTimeoutMs: 600_000 });
  try {
    let info = await client.request({ type: 'info' });
    let label = '';
    let gpuClient = client;
    if (!info.gpu.available && existsSync(SWIFTSHADER_ICD)) {
      gpuClient = new ComputeClient({ helperPath: helper, env: { ...env, VK_ICD_FILENAMES: SWIFTSHADER_ICD }, requestTimeoutMs: 600_000 });
      info = await gpuClient.request({ type: 'info' });
      label = ' — SwiftShader on the CPU: NOT a GPU figure';
    }
    if (!info.gpu.available) {
      console.log(`GPU msign SKIPPED: ${info.gpu.reason ? englishText(info.gpu.reason) : 'no adapter'}`);
      return;
    }
    const m = gaussian(128, 64, 6);
    const g = gaussian(64, 64, 7);
    const spd = multiply(g, transpose(g));
    for (let i = 0; i < 64; i++) spd.data[i * 65] += 1;
    for (const backend of ['cpu', 'gpu'] as const) {
      const c = backend === 'gpu' ? gpuClient : client;
      const r = await c.request({ type: 'msign', matrix: m, coefficients: 'cubic', backend });
      const s = await c.request({ type: 'matfun', fn: 'sqrt', matrix: spd, backend });
      const phases = (p: Readonly<Record<string, number>>) => Object.entries(p).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
      console.log(
        `${backend.toUpperCase()} msign 128×64: ${fmt(r.timings.totalMs)} (${phases(r.timings.phases) || 'f64'}), error ${r.errors[r.errors.length - 1].toExponential(1)}; ` +
          `A^½ 64×64: ${fmt(s.timings.totalMs)}, vs eigen ${s.errorVsEigen?.toExponential(1)}${backend === 'gpu' ? label : ''}`,
      );
    }
    if (gpuClient !== client) gpuClient.dispose();
  } finally {
    client.dispose();
  }
}

if (require.main === module) void run();
