// Diffusion schedules and RoPE as a reader sees them: the tables the posts compute, plotted.
import type { RopeResponse, ScheduleResponse } from '../protocol/compute';
import { latexNumber, plainNumber } from './latex';
import { untranslated, type PlotSeries, type Presentation } from './presentation';
import { backendLabel, finiteOrNull, milliseconds, positiveOrNull, strided, type PresentOptions } from './presentParts';
import { translatedAll } from '../l10n/localizable';

export function presentSchedule(r: ScheduleResponse, { t = untranslated, maxPlotPoints = 4096 }: PresentOptions): Presentation {
  const steps = r.beta.length;
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const last = steps - 1;
  const name = r.kind === 'linear' ? t('linear β (DDPM)') : t('cosine ᾱ (Nichol & Dhariwal)');
  const headline = t('Diffusion schedule, {0}, T = {1}: ᾱ_T = {2} · SNR from {3} to {4} · {5} · {6}', name, steps, plainNumber(r.alphaBar[last]), plainNumber(r.snr[0]), plainNumber(r.snr[last]), time, backend);
  const idx = strided(steps, maxPlotPoints);
  const x = idx.map((i) => i);
  const plots: PlotSeries[] = [
    {
      id: 'alphaBar',
      title: t('ᾱ_t and β_t over the steps'),
      kind: 'line',
      xLabel: 't',
      yLabel: t('value'),
      x,
      lines: [
        { label: 'ᾱ_t', values: idx.map((i) => finiteOrNull(r.alphaBar[i])) },
        { label: 'β_t', values: idx.map((i) => finiteOrNull(r.beta[i])) },
      ],
    },
    {
      id: 'snr',
      title: t('Signal-to-noise ratio ᾱ_t / (1 − ᾱ_t)'),
      kind: 'line',
      xLabel: 't',
      yLabel: 'SNR',
      log: 'y',
      x,
      lines: [{ label: 'SNR_t', values: idx.map((i) => positiveOrNull(r.snr[i])) }],
    },
  ];
  const rows: string[][] = [
    [t('steps T'), String(steps)],
    ['β_0, β_{T−1}', `${plainNumber(r.beta[0], 6)}, ${plainNumber(r.beta[last], 6)}`],
    ['ᾱ_0, ᾱ_{T−1}', `${plainNumber(r.alphaBar[0], 6)}, ${plainNumber(r.alphaBar[last], 6)}`],
    ['SNR_0, SNR_{T−1}', `${plainNumber(r.snr[0], 4)}, ${plainNumber(r.snr[last], 4)}`],
  ];
  const latex = [
    r.kind === 'linear'
      ? `\\beta_t = 10^{-4} + \\left(0.02 - 10^{-4}\\right)\\frac{t}{T-1},\\quad \\bar{\\alpha}_t = \\prod_{s \\le t}(1-\\beta_s),\\quad T = ${steps}`
      : `\\bar{\\alpha}_t = \\frac{f(t)}{f(0)},\\ f(t) = \\cos^2\\left(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\right),\\ s = 0.008,\\quad T = ${steps}`,
  ];
  if (r.ddim) {
    const ddim = r.ddim;
    plots.push({
      id: 'ddim',
      title: t('DDIM: the S = {0} steps τ_i taken out of T = {1}', ddim.length, steps),
      kind: 'scatter',
      xLabel: 'τ_i',
      yLabel: 'ᾱ_{τ_i}',
      x: ddim.map((d) => d.t),
      lines: [{ label: 'ᾱ_{τ_i}', values: ddim.map((d) => d.alphaBar) }],
    });
    rows.push([t('DDIM steps S'), String(ddim.length)], [t('DDIM timesteps τ'), ddim.slice(0, 12).map((d) => d.t).join(', ') + (ddim.length > 12 ? ', …' : '')]);
    latex.push(`\\tau = (${ddim.slice(0, 8).map((d) => d.t).join(',\\ ')}${ddim.length > 8 ? ',\\ \\ldots' : ''}),\\quad \\bar{\\alpha}_{\\tau} = (${ddim.slice(0, 4).map((d) => latexNumber(d.alphaBar)).join(',\\ ')}${ddim.length > 4 ? ',\\ \\ldots' : ''})`);
  }
  rows.push([t('backend'), backend], [t('time'), time]);
  return { headline, latex, table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t) };
}

const METHOD_NAMES = { pi: 'PI', ntk: 'NTK-aware', yarn: 'YaRN' } as const;

export function presentRope(r: RopeResponse, { t = untranslated }: PresentOptions): Presentation {
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const ext = r.extension;
  const headline = ext
    ? t('RoPE d = {0}, b = {1}, extended ×{2} by {3}: b′ = {4} · {5} · {6}', r.dim, plainNumber(r.base), plainNumber(ext.scale), METHOD_NAMES[ext.method], plainNumber(ext.base, 4), time, backend)
    : t('RoPE d = {0}, b = {1}: θ from 1 to {2} · {3} · {4}', r.dim, plainNumber(r.base), plainNumber(r.theta[r.theta.length - 1]), time, backend);
  const dims = Array.from(r.theta, (_, i) => i);
  // The log axis has no place for m = 0 (where the bound is (d/2 + 1)/2, given in the table).
  const first = r.distances[0] === 0 ? 1 : 0;
  const fromFirst = (values: Float64Array) => Array.from(values.subarray(first), finiteOrNull);
  const plots: PlotSeries[] = [
    {
      id: 'ropeDecay',
      title: t('The post\'s decay bound (1/(d/2)) Σ|S_j| against the relative distance m'),
      kind: 'line',
      xLabel: t('relative distance m'),
      yLabel: '(1/(d/2)) Σ|S_j|',
      // Log x: the decay the post shows (m ≤ 256) and the extended range (κ·L) on one axis; m = 0 is left out there.
      log: 'x',
      x: Array.from(r.distances.subarray(first)),
      lines: [
        { label: t('θᵢ = b^(−2i/d)'), values: fromFirst(r.decay) },
        ...(ext && r.decayExtended ? [{ label: t('{0}, κ = {1}', METHOD_NAMES[ext.method], plainNumber(ext.scale)), values: fromFirst(r.decayExtended) }] : []),
      ],
    },
    {
      id: 'ropeTheta',
      title: t('Frequencies θᵢ per dimension pair'),
      kind: 'line',
      xLabel: 'i',
      yLabel: 'θᵢ',
      log: 'y',
      x: dims,
      lines: [{ label: 'θᵢ', values: Array.from(r.theta, positiveOrNull) }, ...(ext ? [{ label: 'θᵢ′', values: Array.from(ext.theta, positiveOrNull) }] : [])],
    },
  ];
  if (ext) {
    plots.push({
      id: 'ropeRatio',
      title: t('θᵢ′/θᵢ: how much each dimension pair is interpolated (1/κ = fully, 1 = kept)'),
      kind: 'line',
      xLabel: 'i',
      yLabel: 'θᵢ′/θᵢ',
      log: 'y',
      x: dims,
      lines: [{ label: METHOD_NAMES[ext.method], values: Array.from(ext.theta, (v, i) => positiveOrNull(v / r.theta[i])) }],
    });
  }
  const rows: string[][] = [
    [t('dimension d'), String(r.dim)],
    [t('base b'), plainNumber(r.base)],
    [t('β-base: β = b^(2/d)'), plainNumber(r.beta, 6)],
    [t('θ range'), `${plainNumber(r.theta[r.theta.length - 1], 4)} … ${plainNumber(r.theta[0], 4)}`],
    [t('longest wavelength 2π/θ'), plainNumber((2 * Math.PI) / r.theta[r.theta.length - 1], 4)],
    [t('trained length L'), String(r.trainedLength)],
  ];
  const at256 = r.distances.indexOf(256);
  rows.push(at256 >= 0 ? [t('decay bound at m = 0 and m = 256'), `${plainNumber(r.decay[0], 4)}, ${plainNumber(r.decay[at256], 4)}`] : [t('decay bound at m = 0'), plainNumber(r.decay[0], 4)]);
  const latex = [`\\theta_i = ${latexNumber(r.base)}^{-2i/${r.dim}},\\quad \\beta = b^{2/d} = ${latexNumber(r.beta, 6)}`];
  if (ext) {
    rows.push([t('method, κ'), `${METHOD_NAMES[ext.method]}, ${plainNumber(ext.scale)}`], [t('base b′ (lowest frequency)'), plainNumber(ext.base, 6)], [t('β′ = b′^(2/d)'), plainNumber(ext.beta, 6)]);
    if (ext.attentionFactor !== undefined) rows.push([t('YaRN attention factor 0.1·ln κ + 1'), plainNumber(ext.attentionFactor, 4)]);
    if (ext.method === 'ntk') latex.push(`b' = b\\,\\kappa^{d/(d-2)} = ${latexNumber(r.base)}\\cdot ${latexNumber(ext.scale)}^{${r.dim}/${r.dim - 2}} = ${latexNumber(ext.base, 6)}`);
    if (ext.method === 'pi') latex.push(`\\theta_i' = \\theta_i/\\kappa,\\quad \\kappa = ${latexNumber(ext.scale)}`);
    if (ext.method === 'yarn') latex.push(`\\theta_i' = (1-\\gamma_i)\\frac{\\theta_i}{\\kappa} + \\gamma_i\\theta_i,\\quad \\gamma_i = \\operatorname{clip}\\left(\\frac{L\\theta_i/2\\pi - 1}{32 - 1}, 0, 1\\right)`);
  }
  rows.push([t('backend'), backend], [t('time'), time]);
  return { headline, latex, table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t) };
}
