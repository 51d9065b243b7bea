// Diffusion schedules and RoPE against values computed independently: the closed forms written out
// again here, numpy's linspace/cumprod when numpy is installed, and hand-checked numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decayBound, decayDistances, extendRope, ntkBase, ropeFrequencies, yarnRamp } from '../../../src/core/numerics/rope';
import { betas, ddimSteps, schedule } from '../../../src/core/numerics/schedules';
import { hasNumpy, numpy } from './reference';

const close = (a: number, b: number, rel = 1e-13) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

test('DDPM linear β: 1e-4 … 0.02 evenly, ᾱ the running product', () => {
  const s = schedule('linear', 1000);
  assert.equal(s.beta[0], 1e-4);
  assert.ok(close(s.beta[999], 0.02));
  assert.ok(close(s.beta[500], 1e-4 + (0.02 - 1e-4) * (500 / 999)));
  let product = 1;
  for (let t = 0; t < 1000; t++) product *= 1 - s.beta[t];
  assert.ok(close(s.alphaBar[999], product));
  // Ho et al.: ᾱ_T ≈ 4.0e-5 for T = 1000 (so x_T is almost pure noise).
  assert.ok(s.alphaBar[999] > 3.9e-5 && s.alphaBar[999] < 4.1e-5, String(s.alphaBar[999]));
  assert.ok(close(s.snr[10], s.alphaBar[10] / (1 - s.alphaBar[10])));
});

test('cosine ᾱ: f(t)/f(0) with s = 0.008, β clipped at 0.999 (improved-diffusion)', () => {
  const T = 1000;
  const s = schedule('cosine', T);
  const f = (t: number) => Math.cos(((t / T + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  // Before the clip matters, ᾱ_t = f(t+1)/f(0) (the product telescopes).
  for (const t of [0, 10, 500, 900]) assert.ok(close(s.alphaBar[t], f(t + 1) / f(0), 1e-11), `t=${t}: ${s.alphaBar[t]} vs ${f(t + 1) / f(0)}`);
  assert.equal(s.beta[T - 1], 0.999);
  assert.ok(s.beta.every((b) => b > 0 && b <= 0.999));
});

test('the schedules agree with numpy (when numpy is installed)', (t) => {
  if (!hasNumpy()) {
    t.skip('python3 with numpy is not installed');
    return;
  }
  const expected = numpy<number[]>('b = np.linspace(1e-4, 0.02, inp, dtype=np.float64); out = np.cumprod(1 - b).tolist()', 200);
  const s = schedule('linear', 200);
  expected.forEach((v, i) => assert.ok(close(s.alphaBar[i], v, 1e-12), `t=${i}`));
  const cos = numpy<number[]>(
    'import math\nf = lambda u: math.cos((u + 0.008) / 1.008 * math.pi / 2) ** 2\nT = inp\nout = [min(1 - f((i + 1) / T) / f(i / T), 0.999) for i in range(T)]',
    300,
  );
  const b = betas('cosine', 300);
  cos.forEach((v, i) => assert.ok(close(b[i], v, 1e-12), `β t=${i}`));
});

test('DDIM sub-sequence: τ_i = i·⌊T/S⌋, exactly S steps, ᾱ_prev of the step before, σ(η=1) formula', () => {
  const s = schedule('linear', 1000);
  const steps = ddimSteps(s, 50);
  assert.equal(steps.length, 50);
  assert.deepEqual(steps.slice(0, 4).map((d) => d.t), [0, 20, 40, 60]);
  assert.equal(steps[49].t, 980);
  assert.equal(steps[0].alphaBarPrev, 1);
  assert.equal(steps[3].alphaBarPrev, s.alphaBar[40]);
  const d = steps[10];
  assert.ok(close(d.sigmaEta1, Math.sqrt(((1 - d.alphaBarPrev) / (1 - d.alphaBar)) * (1 - d.alphaBar / d.alphaBarPrev))));
  assert.equal(ddimSteps(schedule('cosine', 7), 3).map((x) => x.t).join(','), '0,2,4');
  assert.throws(() => ddimSteps(s, 1001), /from 1 to 1000/);
  assert.throws(() => betas('linear', 0), /from 1/);
});

test('RoPE θᵢ = b^(−2i/d) and the post\'s decay bound, written out independently', () => {
  const theta = ropeFrequencies(128, 10000);
  assert.equal(theta.length, 64);
  assert.equal(theta[0], 1);
  assert.ok(close(theta[32], 0.01));
  assert.ok(close(theta[63], 10000 ** (-126 / 128)));
  // m = 0: every S_j = j, so (1/(d/2)) Σ_{j=1}^{d/2} j = (d/2 + 1)/2 = 32.5.
  assert.ok(close(decayBound(theta, 0), 32.5));
  // The Mathematica of the post: f[m] = Sum[Norm[Sum[Exp[I m θ(i)], {i,0,j}]], {j,0,d/2−1}]/(d/2).
  for (const m of [1, 17, 100, 256]) {
    let total = 0;
    for (let j = 0; j < 64; j++) {
      let re = 0, im = 0;
      for (let i = 0; i <= j; i++) {
        re += Math.cos(m * 10000 ** ((-2 * i) / 128));
        im += Math.sin(m * 10000 ** ((-2 * i) / 128));
      }
      total += Math.sqrt(re * re + im * im);
    }
    assert.ok(close(decayBound(theta, m), total / 64, 1e-12), `m=${m}`);
  }
  // The decay the post plots: far below the m = 0 value by m = 256.
  assert.ok(decayBound(theta, 256) < decayBound(theta, 0) / 4);
  assert.deepEqual(decayDistances(10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  const far = decayDistances(100000);
  assert.ok(far.length <= 1025 && far[0] === 0 && far[far.length - 1] === 100000);
  assert.equal(far.filter((m) => m <= 256).length, 257, 'every distance of the post\'s range 0 … 256');
});

test('context extension: PI divides θ by κ; NTK b′ = b·κ^(d/(d−2)) makes the lowest frequency θ/κ; YaRN ramps between', () => {
  const d = 64, b = 10000, k = 8;
  const theta = ropeFrequencies(d, b);
  const pi = extendRope(theta, d, b, 'pi', k, 4096);
  pi.theta.forEach((v, i) => assert.ok(close(v, theta[i] / k)));
  const ntk = extendRope(theta, d, b, 'ntk', k, 4096);
  assert.ok(close(ntk.base as number, 10000 * 8 ** (64 / 62)));
  assert.ok(close(ntkBase(10000, 128, 4), 10000 * 4 ** (128 / 126)));
  assert.equal(ntk.theta[0], 1, 'the highest frequency is kept');
  assert.ok(close(ntk.theta[31], theta[31] / k, 1e-12), 'the lowest frequency is interpolated like PI');
  // YaRN: r = L/λ = L·θ/(2π); γ = clip((r − 1)/31, 0, 1).
  assert.equal(yarnRamp(0.5), 0);
  assert.equal(yarnRamp(40), 1);
  assert.ok(close(yarnRamp(16.5), 0.5));
  const yarn = extendRope(theta, d, b, 'yarn', k, 4096);
  assert.equal(yarn.theta[0], theta[0], 'fast dimensions (many rotations in L) are kept');
  assert.ok(close(yarn.theta[31], theta[31] / k), 'slow dimensions (under one rotation) are interpolated');
  assert.ok(close(yarn.attentionFactor as number, 0.1 * Math.log(8) + 1));
  yarn.theta.forEach((v, i) => assert.ok(v <= theta[i] + 1e-15 && v >= theta[i] / k - 1e-15));
  assert.throws(() => ropeFrequencies(7, 10000), /even/);
  assert.throws(() => extendRope(theta, d, b, 'pi', 0.5, 4096), /≥ 1/);
});
