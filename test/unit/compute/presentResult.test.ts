// presentResult: headlines, LaTeX (exact fractions, elision), tables and plot series from helper responses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eigenvalues, presentedEigenvalues } from '../../../src/core/compute/eigenvalues';
import { latexMatrix, latexNumber, latexRational } from '../../../src/core/compute/latex';
import { checkLimits, ComputeLimitError, limitsFromSettings } from '../../../src/core/compute/limitSettings';
import { backendLabel, presentResult } from '../../../src/core/compute/presentResult';
import { generateChannels, generateSignal } from '../../../src/core/compute/signals';
import { fromRows } from '../../../src/core/numerics/matrix';
import { transition } from '../../../src/core/numerics/hippo';
import type { ApproximateResponse, HippoResponse, PinvResponse } from '../../../src/core/protocol/compute';

const timings = { totalMs: 1.234, phases: {} };

function pinvResponse(extra: Partial<PinvResponse> = {}): PinvResponse {
  return {
    type: 'pinvResult', id: 1, backend: 'cpu', adapter: null, timings, notes: [],
    rank: 1, singularValues: new Float64Array([5, 0]), cutoff: 5e-15,
    pinv: fromRows([[0.04, 0.08], [0.08, 0.16]]),
    residuals: { axa: 1e-16, xax: 3e-17, axSymmetry: 2e-16, xaSymmetry: 0 },
    ...extra,
  };
}

test('pinv: headline with rank, the largest residual, time and backend; exact fractions in LaTeX', () => {
  const p = presentResult(pinvResponse({ exact: { rank: 1, pinv: [['1/25', '2/25'], ['2/25', '4/25']] } }));
  assert.equal(p.headline, 'A†: rank 1 · max Penrose residual 2e-16 · 1.23 ms · CPU');
  // The editor's line: what the result is, short enough to be seen beside the results panel.
  assert.equal(p.inline, 'A†: rank 1 · residual 2e-16');
  assert.equal(p.latex[0], '\\boldsymbol{A}^{\\dagger} = \\begin{pmatrix}\\frac{1}{25} & \\frac{2}{25} \\\\ \\frac{2}{25} & \\frac{4}{25}\\end{pmatrix}');
  const rows = new Map(p.table?.rows.map(([k, v]) => [k, v]));
  assert.equal(rows.get('rank'), '1');
  assert.equal(rows.get('‖XAX − X‖_F'), '3e-17');
  assert.match(rows.get('method') ?? '', /exact rational/);
  const floating = presentResult(pinvResponse());
  assert.equal(floating.latex[0], '\\boldsymbol{A}^{\\dagger} = \\begin{pmatrix}0.04 & 0.08 \\\\ 0.08 & 0.16\\end{pmatrix}');
  assert.match(new Map(floating.table?.rows.map(([k, v]) => [k, v])).get('method') ?? '', /^SVD, σ ≤ 1e-15·σ₁ dropped$/);
});

test('pinv: the post\'s routes each get a row against the SVD; the ε-limit and Newton–Schulz are plotted on log axes', () => {
  const p = presentResult(
    pinvResponse({
      routes: [
        { route: 'eigen', relativeError: 3e-9, detail: '', rank: 1 },
        { route: 'epsilon', relativeError: 2e-8, detail: '', epsilonSteps: [{ epsilon: 1e-1, relativeError: 0.5 }, { epsilon: 1e-8, relativeError: 2e-8 }, { epsilon: 1e-12, relativeError: 1e-4 }] },
        { route: 'newtonSchulz', relativeError: 0, detail: '', residualHistory: [1, 0.3, 1e-9, 0], iterations: 3, stop: 'converged' },
      ],
    }),
  );
  const rows = new Map(p.table?.rows.map(([k, v]) => [k, v]));
  assert.equal(rows.get('route: A⁺ = UΛ⁺UᵀAᵀ from AᵀA = UΛUᵀ'), '‖X − A⁺‖/‖A⁺‖ = 3e-9 · rank 1');
  assert.equal(rows.get('route: ε-limit (AᵀA + εI)⁻¹Aᵀ'), '‖X − A⁺‖/‖A⁺‖ = 2e-8 at ε = 1e-8, the best of 3');
  assert.equal(rows.get('route: Newton–Schulz X ← X(2I − AX)'), '‖X − A⁺‖/‖A⁺‖ = 0 · 3 iterations, converged');
  assert.equal(p.leadWith, 'formulas', 'A⁺ is the answer: shown before the plots');
  const [epsilon, newton] = p.plots ?? [];
  assert.equal(epsilon.id, 'epsilonLimit');
  assert.equal(epsilon.log, 'xy');
  assert.deepEqual(epsilon.x, [1e-12, 1e-8, 1e-1], 'ε ascending, as the plot needs');
  assert.deepEqual(epsilon.lines[0].values, [1e-4, 2e-8, 0.5]);
  assert.equal(newton.log, 'y');
  assert.deepEqual(newton.lines[0].values, [1, 0.3, 1e-9, null], 'an exact 0 has no place on a log axis');
});

test('a translate function localises the headline', () => {
  const p = presentResult(pinvResponse(), { t: (m, ...a) => `[${m}]${a.join('|')}` });
  assert.equal(p.headline, '[A†: rank {0} · max Penrose residual {1} · {2} · {3}]1|2e-16|1.23 ms|CPU');
});

test('backend label names the adapter on the GPU', () => {
  assert.equal(backendLabel('gpu', { vendor: 'google', architecture: 'swiftshader', device: 'SwiftShader Device', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true }), 'GPU (SwiftShader Device (Subzero))');
  assert.equal(backendLabel('cpu', null), 'CPU');
});

test('large matrices are elided with dots, numbers written the LaTeX way', () => {
  const big = fromRows(Array.from({ length: 20 }, (_, i) => Array.from({ length: 20 }, (_, j) => i * 20 + j)));
  const tex = latexMatrix(big, { max: 4 });
  assert.equal(tex, '\\begin{pmatrix}0 & 1 & \\cdots & 19 \\\\ 20 & 21 & \\cdots & 39 \\\\ \\vdots & \\vdots & \\ddots & \\vdots \\\\ 380 & 381 & \\cdots & 399\\end{pmatrix}');
  assert.equal(latexNumber(1.5e-7), '1.5\\times 10^{-7}');
  assert.equal(latexNumber(-0.333333), '-0.3333');
  assert.equal(latexRational('-3/7'), '-\\frac{3}{7}');
});

test('hippo: A and B as LaTeX, eigenvalue scatter, kernel line', () => {
  const { a, b } = transition('legs', 4);
  const r: HippoResponse = { type: 'hippoResult', id: 2, backend: 'gpu', adapter: null, timings, notes: [], convention: 'state-spaces/s4 transition("legs")', a, b, eigenvalues: presentedEigenvalues(a), kernel: new Float64Array([1, 0.5, 0.25]) };
  const p = presentResult(r);
  assert.equal(p.headline, 'HiPPO N=4 · kernel L=3 · 1.23 ms · GPU');
  assert.match(p.latex[0], /^A = \\begin\{pmatrix\}-1 & 0 & 0 & 0 \\\\ -1.732 & -2 & 0 & 0/);
  assert.match(p.latex[1], /^B = \\begin\{pmatrix\}1 \\\\ 1.732 \\\\ 2.236 \\\\ 2.646\\end\{pmatrix\}$/);
  const eig = p.plots?.find((s) => s.id === 'eigenvalues');
  assert.deepEqual(eig?.x, [-4, -3, -2, -1]);
  assert.equal(eig?.kind, 'scatter');
  assert.deepEqual(p.plots?.find((s) => s.id === 'kernel')?.lines[0].values, [1, 0.5, 0.25]);
});

test('hippo: the time-varying LegS step is named, and its Ā_k, B̄_k carry k', () => {
  const { a, b } = transition('legs', 2);
  const r: HippoResponse = {
    type: 'hippoResult', id: 5, backend: 'cpu', adapter: null, timings, notes: [], convention: 'state-spaces/s4 transition("legs")', a, b,
    aBar: { rows: 2, cols: 2, data: Float64Array.of(0.5, 0, -0.25, 0.75) }, bBar: Float64Array.of(0.1, 0.2), step: 12,
  };
  const p = presentResult(r);
  assert.equal(p.headline, 'HiPPO N=2 · time-varying step k=12 · 1.23 ms · CPU');
  assert.match(p.latex[2], /^\\bar\{A\}_\{12\} = \\begin\{pmatrix\}0.5 & 0/);
  assert.match(p.latex[3], /^\\bar\{B\}_\{12\} = /);
});

test('eigenvalues of a non-triangular matrix (LegT) agree with the characteristic polynomial', () => {
  // [[0, -1], [1, 0]] rotates: ±i.
  const rot = eigenvalues(fromRows([[0, -1], [1, 0]]));
  assert.ok(Math.abs(rot[0].re) < 1e-12 && Math.abs(Math.abs(rot[0].im) - 1) < 1e-12);
  const { a } = transition('legt', 12);
  const values = eigenvalues(a);
  assert.equal(values.length, 12);
  // Trace = sum of eigenvalues; HiPPO-LegT is stable: every real part < 0.
  const trace = Array.from({ length: 12 }, (_, i) => a.data[i * 12 + i]).reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(values.reduce((s, v) => s + v.re, 0) - trace) < 1e-8 * Math.abs(trace));
  assert.ok(values.every((v) => v.re < 0), 'LegT is stable');
  assert.ok(Math.abs(values.reduce((s, v) => s + v.im, 0)) < 1e-9, 'complex eigenvalues come in conjugate pairs');
});

test('approximation: signal, reconstruction and error series; NaN outside the window becomes null', () => {
  const r: ApproximateResponse = {
    type: 'approximateResult', id: 3, backend: 'cpu', adapter: null, timings, notes: [],
    times: new Float64Array([0.25, 0.5, 0.75, 1]), signal: new Float64Array([1, 2, 3, 4]),
    reconstruction: new Float64Array([NaN, 2.5, 3, 4]), coefficients: new Float64Array([1, 2]), maxError: 0.5, rmsError: 0.29, channels: 1,
  };
  const p = presentResult(r);
  assert.equal(p.headline, 'HiPPO approximation N=2: max error 0.5 · RMS 0.29 · 1.23 ms · CPU');
  const [main, error] = p.plots ?? [];
  assert.deepEqual(main.lines.map((l) => l.label), ['signal', 'reconstruction']);
  assert.deepEqual(main.lines[1].values, [null, 2.5, 3, 4]);
  assert.deepEqual(error.lines[0].values, [null, 0.5, 0, 0]);
});

test('many channels: channel 1 plotted, every channel\'s max error plotted, the worst one named', () => {
  const r: ApproximateResponse = {
    type: 'approximateResult', id: 4, backend: 'cpu', adapter: null, timings, notes: [],
    times: new Float64Array([0.5, 1]), signal: new Float64Array([1, 2]), reconstruction: new Float64Array([1.5, 2]), coefficients: new Float64Array([1, 2, 3]),
    maxError: 0.5, rmsError: 0.35, channels: 3,
    channelErrors: { maxError: new Float64Array([0.5, 2, 0.25]), rmsError: new Float64Array([0.35, 1, 0.1]) },
    worst: { channel: 1, signal: new Float64Array([3, 4]), reconstruction: new Float64Array([1, 4]) },
  };
  const p = presentResult(r);
  assert.equal(p.headline, 'HiPPO approximation N=3, 3 channels: worst max error 2 (channel 2) · median RMS 0.35 · 1.23 ms · CPU');
  assert.deepEqual(p.plots?.map((plot) => plot.id), ['approximation', 'error', 'worstChannel', 'channelErrors']);
  assert.match(p.plots?.[0].title ?? '', /^Channel 1: /);
  assert.equal(p.plots?.[2].title, 'Channel 2, the worst: signal and its reconstruction');
  assert.deepEqual(p.plots?.[2].lines.map((l) => l.values), [[3, 4], [1, 4]]);
  const perChannel = p.plots?.[3];
  assert.deepEqual(perChannel?.x, [1, 2, 3]);
  assert.deepEqual(perChannel?.lines[0].values, [0.5, 2, 0.25]);
  assert.deepEqual(p.table?.rows.slice(0, 3), [['channels', '3'], ['worst max error', '2 (channel 2)'], ['median RMS error', '0.35']]);
});

test('signals are deterministic and of the requested length', () => {
  assert.deepEqual(generateSignal('noise', 5), generateSignal('noise', 5));
  assert.equal(generateSignal('sine', 100).length, 100);
  assert.deepEqual(Array.from(generateSignal('step', 6)), [0, 0, 1, 1, -0.5, -0.5]);
});

test('channels of a generated signal: channel 1 is the single signal, the others differ from it and each other', () => {
  for (const kind of ['sine', 'step', 'noise'] as const) {
    const all = generateChannels(kind, 300, 4);
    assert.equal(all.length, 1200);
    assert.deepEqual(all.subarray(0, 300), generateSignal(kind, 300));
    const channel = (c: number) => Array.from(all.subarray(c * 300, (c + 1) * 300));
    for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) assert.notDeepEqual(channel(a), channel(b), `${kind}: channels ${a + 1} and ${b + 1}`);
  }
});

test('limits from settings: capped by the helper, and the message names the setting to change', () => {
  const limits = limitsFromSettings({ maxMatrixSize: 100, maxStateSize: 99_999, maxKernelLength: 64 });
  assert.deepEqual(limits, { maxRows: 100, maxCols: 100, maxN: 1024, maxL: 64, maxChannels: 1024 });
  assert.throws(
    () => checkLimits({ kind: 'pinv', rows: 3000, cols: 3000 }, limits),
    (e: unknown) => e instanceof ComputeLimitError && e.setting === 'kexueReader.compute.maxMatrixSize' && /rows is 3000, above the limit of 100/.test(e.message),
  );
  assert.throws(() => checkLimits({ kind: 'hippo', n: 4, kernelLength: 65 }, limits), (e: unknown) => e instanceof ComputeLimitError && e.setting === 'kexueReader.compute.maxKernelLength');
  assert.throws(
    () => checkLimits({ kind: 'hippo', n: 0 }, limits),
    (e: unknown) => e instanceof ComputeLimitError && e.setting === 'kexueReader.compute.maxStateSize' && /^N must be at least 1, got 0 \(the allowed range is set by kexueReader.compute.maxStateSize\)\.$/.test(e.message),
  );
  assert.throws(() => checkLimits({ kind: 'approximate', n: 2000, length: 10 }, limits), /N is 2000, above the limit of 1024.*Change the setting kexueReader.compute.maxStateSize to allow more \(the helper accepts at most 1024\)/);
  checkLimits({ kind: 'hippo', n: 16, kernelLength: 64 }, limits);
  const few = limitsFromSettings({ maxChannels: 8 });
  assert.throws(
    () => checkLimits({ kind: 'approximate', n: 4, length: 10, channels: 9 }, few),
    (e: unknown) => e instanceof ComputeLimitError && e.setting === 'kexueReader.compute.maxChannels' && /channels is 9, above the limit of 8.*Change the setting kexueReader.compute.maxChannels/.test(e.message),
  );
  // All channels together: a ceiling of the helper's, which no setting moves, so none is named.
  assert.throws(
    () => checkLimits({ kind: 'approximate', n: 4, length: 1 << 20, channels: 17 }, limitsFromSettings({})),
    (e: unknown) => e instanceof ComputeLimitError && e.setting === undefined && /above the limit of 16777216 in all: use fewer channels or a shorter signal\.$/.test(e.message),
  );
});

test('eigenvalues: a triangular A at any N, a full A only up to the cap (with a note)', () => {
  const legs = transition('legs', 300);
  // As the helper sends them: presentedEigenvalues decides what is computed.
  const r = (a: typeof legs.a, b: Float64Array): HippoResponse => ({ type: 'hippoResult', id: 4, backend: 'cpu', adapter: null, timings, notes: [], convention: '', a, b, eigenvalues: presentedEigenvalues(a) });
  const big = presentResult(r(legs.a, legs.b));
  assert.equal(big.plots?.find((s) => s.id === 'eigenvalues')?.x.length, 300);
  const legt = transition('legt', 300);
  const full = presentResult(r(legt.a, legt.b));
  assert.equal(full.plots?.find((s) => s.id === 'eigenvalues'), undefined);
  assert.deepEqual(full.notes, ['Eigenvalues of a full (non-triangular) A are shown for N ≤ 256 only.']);
});

test('presentation computes no eigenvalues: a result without them shows none (the helper sends them)', () => {
  const { a, b } = transition('legt', 4);
  const p = presentResult({ type: 'hippoResult', id: 6, backend: 'cpu', adapter: null, timings, notes: [], convention: '', a, b });
  assert.equal(p.plots?.find((s) => s.id === 'eigenvalues'), undefined);
});

test('pinv: the post\'s A†, the input matrix first, and an exact result\'s residuals exactly 0', () => {
  const exactResiduals = { axa: 0, xax: 0, axSymmetry: 0, xaSymmetry: 0 };
  const input = { rows: 2, cols: 2, data: Float64Array.from([1, 2, 2, 4]) };
  const p = presentResult(pinvResponse({ exact: { rank: 1, pinv: [['1/25', '2/25'], ['2/25', '4/25']], residuals: exactResiduals } }), { input });
  assert.equal(p.inputLatex, '\\boldsymbol{A} = \\begin{pmatrix}1 & 2 \\\\ 2 & 4\\end{pmatrix}');
  assert.match(p.latex[0], /^\\boldsymbol\{A\}\^\{\\dagger\} = /);
  assert.match(p.headline, /^A†: rank 1 · max Penrose residual 0 · /);
  const rows = new Map(p.table?.rows.map(([k, v]) => [k, v]));
  for (const key of ['‖AXA − A‖_F', '‖XAX − X‖_F', '‖(AX)ᵀ − AX‖_F', '‖(XA)ᵀ − XA‖_F']) assert.equal(rows.get(key), '0', key);
  // Without an exact result the float residuals stand.
  assert.match(presentResult(pinvResponse()).headline, /max Penrose residual 2e-16/);
});
