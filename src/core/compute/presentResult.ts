// Turns a helper response into a Presentation: headline, LaTeX, table and plot series.
// Pure, synchronous and cheap: it runs on the extension host's thread, so it computes nothing — A's
// eigenvalues come with the helper's result (presentedEigenvalues).
import type { ApproximateResponse, HippoResponse, JobResponse, PinvResponse, RouteReport } from '../protocol/compute';
import { MAX_EIGEN_N, type ComplexValue } from './eigenvalues';
import { latexColumn, latexExactMatrix, latexMatrix, latexNumber, plainNumber } from './latex';
import { presentArgmax } from './presentArgmax';
import { presentRope, presentSchedule } from './presentFormulas';
import { presentMatfun, presentMsign } from './presentMatrixFunctions';
import { untranslated, type PlotSeries, type Presentation, type Translate } from './presentation';
import { backendLabel, finiteOrNull, iterationCount, milliseconds, positiveOrNull, strided, type PresentOptions } from './presentParts';
import { translatedAll } from '../l10n/localizable';

export { backendLabel, type PresentOptions } from './presentParts';

export function presentResult(result: JobResponse, options: PresentOptions = {}): Presentation {
  switch (result.type) {
    case 'pinvResult':
      return presentPinv(result, options);
    case 'hippoResult':
      return presentHippo(result, options);
    case 'approximateResult':
      return presentApproximation(result, options);
    case 'msignResult':
      return presentMsign(result, options);
    case 'matfunResult':
      return presentMatfun(result, options);
    case 'scheduleResult':
      return presentSchedule(result, options);
    case 'ropeResult':
      return presentRope(result, options);
    case 'argmaxResult':
      return presentArgmax(result, options);
  }
}

export function maxResidual(r: PinvResponse['residuals']): number {
  return Math.max(r.axa, r.xax, r.axSymmetry, r.xaSymmetry);
}

/**
 * The pseudo-inverse as one display formula, in the posts' notation (低秩近似之路 writes
 * \boldsymbol{A}^{\dagger}): exact fractions when the rational route ran.
 */
export function pinvLatex(result: PinvResponse, maxMatrix?: number): string {
  const body = result.exact ? latexExactMatrix(result.exact.pinv, { max: maxMatrix }) : latexMatrix(result.pinv, { max: maxMatrix });
  return `\\boldsymbol{A}^{\\dagger} = ${body}`;
}

function presentPinv(r: PinvResponse, { t = untranslated, maxMatrix, input }: PresentOptions): Presentation {
  // An exact result is checked exactly: its residuals are 0, not the float check's ~1e-16.
  const residuals = r.exact?.residuals ?? r.residuals;
  const residual = maxResidual(residuals);
  const method = r.exact ? t('exact rational (full-rank factorisation)') : t('SVD, σ ≤ {0}·σ₁ dropped', plainNumber(r.cutoff / Math.max(r.singularValues[0] ?? 1, Number.MIN_VALUE)));
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const headline = t('A†: rank {0} · max Penrose residual {1} · {2} · {3}', r.rank, plainNumber(residual), time, backend);
  // Time and backend are in the hover and the panel; the editor line keeps what the result is.
  const inline = t('A†: rank {0} · residual {1}', r.rank, plainNumber(residual));
  const sigma = Array.from(r.singularValues.subarray(0, 12), (v) => plainNumber(v, 4)).join(', ') + (r.singularValues.length > 12 ? ', …' : '');
  const rows: string[][] = [
    [t('rank'), String(r.rank)],
    [t('singular values'), sigma],
    ['‖AXA − A‖_F', plainNumber(residuals.axa)],
    ['‖XAX − X‖_F', plainNumber(residuals.xax)],
    ['‖(AX)ᵀ − AX‖_F', plainNumber(residuals.axSymmetry)],
    ['‖(XA)ᵀ − XA‖_F', plainNumber(residuals.xaSymmetry)],
    [t('method'), method],
    [t('backend'), backend],
    [t('time'), time],
  ];
  const latex = [pinvLatex(r, maxMatrix), `\\sigma = (${Array.from(r.singularValues.subarray(0, 8), (v) => latexNumber(v)).join(',\\ ')}${r.singularValues.length > 8 ? ',\\ \\ldots' : ''})`];
  const plots: PlotSeries[] = [];
  for (const route of r.routes ?? []) {
    rows.push(routeRow(route, t));
    const plot = routePlot(route, t);
    if (plot) plots.push(plot);
  }
  // The panel opens with the matrix itself (it was only in the editor), then A†.
  const inputLatex = input ? `\\boldsymbol{A} = ${latexMatrix(input, { max: maxMatrix })}` : undefined;
  return { headline, inline, latex, ...(inputLatex ? { inputLatex } : {}), table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t), leadWith: 'formulas' };
}

/** The post's other routes, each against the SVD result: ‖X − A⁺‖_F / ‖A⁺‖_F and what it took. */
function routeRow(route: RouteReport, t: Translate): string[] {
  const error = plainNumber(route.relativeError);
  switch (route.route) {
    case 'eigen':
      return [t('route: A⁺ = UΛ⁺UᵀAᵀ from AᵀA = UΛUᵀ'), t('‖X − A⁺‖/‖A⁺‖ = {0} · rank {1}', error, route.rank ?? '?')];
    case 'epsilon': {
      const best = (route.epsilonSteps ?? []).reduce<{ epsilon: number; relativeError: number } | undefined>((x, y) => (!x || y.relativeError < x.relativeError ? y : x), undefined);
      return [t('route: ε-limit (AᵀA + εI)⁻¹Aᵀ'), t('‖X − A⁺‖/‖A⁺‖ = {0} at ε = {1}, the best of {2}', error, best ? plainNumber(best.epsilon) : '?', route.epsilonSteps?.length ?? 0)];
    }
    case 'newtonSchulz': {
      const stop = route.stop === 'converged' ? t('converged') : route.stop === 'stalled' ? t('stopped when the residual stopped falling') : t('stopped at the iteration limit');
      return [t('route: Newton–Schulz X ← X(2I − AX)'), t('‖X − A⁺‖/‖A⁺‖ = {0} · {1}, {2}', error, route.iterations === undefined ? '?' : iterationCount(t, route.iterations), stop)];
    }
  }
}

function routePlot(route: RouteReport, t: Translate): PlotSeries | undefined {
  if (route.route === 'epsilon' && route.epsilonSteps?.length) {
    // uPlot wants x ascending: from the smallest ε up.
    const steps = [...route.epsilonSteps].sort((a, b) => a.epsilon - b.epsilon);
    return {
      id: 'epsilonLimit',
      title: t('ε-limit: (AᵀA + εI)⁻¹Aᵀ approaches A⁺ as ε → 0, until rounding in AᵀA takes over'),
      kind: 'line',
      xLabel: 'ε',
      yLabel: '‖X_ε − A⁺‖/‖A⁺‖',
      log: 'xy',
      x: steps.map((s) => s.epsilon),
      lines: [{ label: t('relative error'), values: steps.map((s) => positiveOrNull(s.relativeError)) }],
    };
  }
  if (route.route === 'newtonSchulz' && route.residualHistory?.length) {
    const history = route.residualHistory;
    return {
      id: 'newtonSchulz',
      title: t('Newton–Schulz: the residual per iteration'),
      kind: 'line',
      xLabel: t('iteration'),
      yLabel: '‖AXA − A‖/‖A‖',
      log: 'y',
      x: history.map((_, k) => k),
      lines: [{ label: t('residual'), values: history.map(positiveOrNull) }],
    };
  }
  return undefined;
}

/** A log axis has no place for 0 (an exact result) or a negative. */

function presentHippo(r: HippoResponse, { t = untranslated, maxMatrix = 8, maxPlotPoints = 4096 }: PresentOptions): Presentation {
  const n = r.a.rows;
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const parts = [t('HiPPO N={0}', n)];
  if (r.step !== undefined) parts.push(t('time-varying step k={0}', r.step));
  if (r.kernel) parts.push(t('kernel L={0}', r.kernel.length));
  parts.push(time, backend);
  const latex = [`A = ${latexMatrix(r.a, { max: maxMatrix })}`, `B = ${latexColumn(r.b, { max: maxMatrix })}`];
  // Ā_k, B̄_k for the time-varying LegS: they change with the step.
  const sub = r.step !== undefined ? `_{${r.step}}` : '';
  if (r.aBar) latex.push(`\\bar{A}${sub} = ${latexMatrix(r.aBar, { max: maxMatrix })}`);
  if (r.bBar) latex.push(`\\bar{B}${sub} = ${latexColumn(r.bBar, { max: maxMatrix })}`);
  if (r.kernel) latex.push(`K = (${Array.from(r.kernel.subarray(0, 6), (v) => latexNumber(v)).join(',\\ ')}${r.kernel.length > 6 ? ',\\ \\ldots' : ''})`);
  const plots: PlotSeries[] = [];
  const rows: string[][] = [[t('convention'), r.convention]];
  const notes = translatedAll(r.notes, t);
  // The helper computes them for a triangular A (LegS, LagT) at any size, a full one up to the cap.
  if (r.eigenvalues) {
    const values = r.eigenvalues;
    plots.push(eigenvaluePlot(values, t));
    rows.push([t('eigenvalues of A'), values.slice(0, 8).map(complexText).join(', ') + (values.length > 8 ? ', …' : '')]);
    const spectral = Math.max(...values.map((v) => v.re));
    rows.push([t('largest real part'), plainNumber(spectral, 4)]);
  } else {
    notes.push(t('Eigenvalues of a full (non-triangular) A are shown for N ≤ {0} only.', MAX_EIGEN_N));
  }
  if (r.kernel) {
    plots.push(kernelPlot(r.kernel, maxPlotPoints, t));
    rows.push([t('kernel K_l, first values'), Array.from(r.kernel.subarray(0, 6), (v) => plainNumber(v, 4)).join(', ')]);
  }
  rows.push([t('backend'), backend], [t('time'), time]);
  return { headline: parts.join(' · '), latex, table: { columns: [t('quantity'), t('value')], rows }, plots, notes };
}

function complexText(v: ComplexValue): string {
  if (Math.abs(v.im) < 1e-12 * Math.max(1, Math.abs(v.re))) return plainNumber(v.re, 4);
  return `${plainNumber(v.re, 4)}${v.im < 0 ? '−' : '+'}${plainNumber(Math.abs(v.im), 4)}i`;
}

function eigenvaluePlot(values: readonly ComplexValue[], t: Translate): PlotSeries {
  const sorted = [...values].sort((a, b) => a.re - b.re || a.im - b.im);
  return {
    id: 'eigenvalues',
    title: t('Eigenvalues of A in the complex plane'),
    kind: 'scatter',
    xLabel: 'Re λ',
    yLabel: 'Im λ',
    x: sorted.map((v) => v.re),
    // The legend pairs each series' label with its value: "Re λ: −1  Im λ: 0" (a bare 'λ' read "Re λ: -- λ: --").
    lines: [{ label: 'Im λ', values: sorted.map((v) => v.im) }],
  };
}

/** Every k-th sample so a plot stays light; always keeps the first and last. */

function kernelPlot(kernel: Float64Array, maxPoints: number, t: Translate): PlotSeries {
  const idx = strided(kernel.length, maxPoints);
  return { id: 'kernel', title: t('S4 convolution kernel K_l = C Āˡ B̄'), kind: 'line', xLabel: 'l', yLabel: 'K_l', x: idx, lines: [{ label: 'K_l', values: idx.map((i) => finiteOrNull(kernel[i])) }] };
}

function presentApproximation(r: ApproximateResponse, { t = untranslated, maxPlotPoints = 4096 }: PresentOptions): Presentation {
  const n = r.coefficients.length;
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const many = r.channelErrors !== undefined && r.channels > 1;
  const idx = strided(r.times.length, maxPlotPoints);
  const x = idx.map((i) => r.times[i]);
  // A signal beside its reconstruction, on the strided time axis.
  const redrawn = (id: string, title: string, signal: Float64Array, reconstruction: Float64Array): PlotSeries => ({
    id,
    title,
    kind: 'line',
    xLabel: 't',
    yLabel: 'u(t)',
    x,
    lines: [
      { label: t('signal'), values: idx.map((i) => finiteOrNull(signal[i])) },
      { label: t('reconstruction'), values: idx.map((i) => finiteOrNull(reconstruction[i])) },
    ],
  });
  const plots: PlotSeries[] = [
    redrawn('approximation', many ? t('Channel 1: signal and its reconstruction from the final state') : t('Signal and its reconstruction from the final state'), r.signal, r.reconstruction),
    {
      id: 'error',
      title: many ? t('Channel 1: reconstruction error') : t('Reconstruction error'),
      kind: 'line',
      xLabel: 't',
      yLabel: 'error',
      x,
      lines: [{ label: t('error'), values: idx.map((i) => finiteOrNull(r.reconstruction[i] - r.signal[i])) }],
    },
  ];
  const latex = [`u(t) \\approx \\sum_{n=0}^{${n - 1}} c_n \\sqrt{2n+1}\\, P_n(s),\\quad c = ${latexColumn(r.coefficients, { max: 8 })}`];
  const rows: string[][] = [];
  let headline: string;
  if (many && r.channelErrors) {
    const { maxError, rmsError } = r.channelErrors;
    const worst = maxError.reduce((best, v, i) => (v > maxError[best] ? i : best), 0);
    const medianRms = median(rmsError);
    headline = t('HiPPO approximation N={0}, {1} channels: worst max error {2} (channel {3}) · median RMS {4} · {5} · {6}', n, r.channels, plainNumber(maxError[worst]), worst + 1, plainNumber(medianRms), time, backend);
    if (r.worst) plots.push(redrawn('worstChannel', t('Channel {0}, the worst: signal and its reconstruction', r.worst.channel + 1), r.worst.signal, r.worst.reconstruction));
    const channelIdx = strided(r.channels, maxPlotPoints);
    plots.push({
      id: 'channelErrors',
      title: t('Max reconstruction error of each channel'),
      kind: 'scatter',
      xLabel: t('channel'),
      yLabel: 'max |error|',
      x: channelIdx.map((c) => c + 1),
      lines: [{ label: t('max error'), values: channelIdx.map((c) => finiteOrNull(maxError[c])) }],
    });
    rows.push(
      [t('channels'), String(r.channels)],
      [t('worst max error'), t('{0} (channel {1})', plainNumber(maxError[worst]), worst + 1)],
      [t('median RMS error'), plainNumber(medianRms)],
      [t('channel 1: max error'), plainNumber(r.maxError)],
      [t('channel 1: RMS error'), plainNumber(r.rmsError)],
      [t('samples per channel'), String(r.signal.length)],
    );
  } else {
    headline = t('HiPPO approximation N={0}: max error {1} · RMS {2} · {3} · {4}', n, plainNumber(r.maxError), plainNumber(r.rmsError), time, backend);
    rows.push([t('max error'), plainNumber(r.maxError)], [t('RMS error'), plainNumber(r.rmsError)], [t('samples'), String(r.signal.length)]);
  }
  rows.push([t('backend'), backend], [t('time'), time]);
  return { headline, latex, table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t) };
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
