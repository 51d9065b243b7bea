// msign and the SPD matrix functions as a reader sees them: the matrix, the error per iteration
// against the SVD's U Vᵀ (or the residual ‖I − Z·Y‖ of the coupled iteration), and where the singular values ended up.
import type { MatfunResponse, MsignResponse } from '../protocol/compute';
import { latexMatrix, plainNumber } from './latex';
import { untranslated, type PlotSeries, type Presentation } from './presentation';
import { backendLabel, iterationCount, milliseconds, positiveOrNull, type PresentOptions } from './presentParts';
import { translatedAll } from '../l10n/localizable';

const range = (values: Float64Array) => (values.length === 0 ? '—' : `${plainNumber(Math.min(...values), 4)} … ${plainNumber(Math.max(...values), 4)}`);

export function presentMsign(r: MsignResponse, { t = untranslated, maxMatrix = 8 }: PresentOptions): Presentation {
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const final = r.errors[r.errors.length - 1];
  const name = r.coefficients === 'cubic' ? t('cubic Newton–Schulz 1.5X − 0.5XXᵀX') : t('Muon\'s quintic Newton–Schulz (3.4445, −4.7750, 2.0315)');
  const headline = t('msign(M) by {0}: {1} · error vs U Vᵀ {2} · {3} · {4}', name, iterationCount(t, r.iterations), plainNumber(final), time, backend);
  const rows: string[][] = [
    [t('iterations'), String(r.iterations)],
    [t('‖X − U Vᵀ‖_F / ‖U Vᵀ‖_F'), plainNumber(final)],
    [t('converged'), r.converged ? t('yes') : t('no')],
    [t('rank of M'), String(r.rank)],
    [t('singular values of M'), range(r.singularValues)],
    [t('singular values of the result'), range(r.finalSingularValues)],
    [t('backend'), backend],
    [t('time'), time],
  ];
  const plots: PlotSeries[] = [
    {
      id: 'msignError',
      title: t('Error against the SVD\'s U Vᵀ per iteration'),
      kind: 'line',
      xLabel: t('iteration'),
      yLabel: '‖X_k − U Vᵀ‖/‖U Vᵀ‖',
      log: 'y',
      x: Array.from(r.errors, (_, k) => k),
      lines: [{ label: t('relative error'), values: Array.from(r.errors, positiveOrNull) }],
    },
  ];
  if (r.finalSingularValues.length > 0) {
    const norm = Math.hypot(...r.singularValues);
    plots.push({
      id: 'msignSingularValues',
      title: t('Singular values: of M/‖M‖_F, and of the result (all 1 for U Vᵀ)'),
      kind: 'line',
      xLabel: t('index i'),
      yLabel: 'σᵢ',
      x: Array.from(r.singularValues, (_, i) => i + 1),
      lines: [
        { label: 'σᵢ(M)/‖M‖_F', values: Array.from(r.singularValues, (s) => (norm > 0 ? s / norm : 0)) },
        { label: t('σᵢ of the result'), values: Array.from(r.finalSingularValues) },
      ],
    });
  }
  return { headline, latex: [`\\operatorname{msign}(M) = ${latexMatrix(r.msign, { max: maxMatrix })}`], table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t) };
}

export function presentMatfun(r: MatfunResponse, { t = untranslated, maxMatrix = 8 }: PresentOptions): Presentation {
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const symbol = r.fn === 'sqrt' ? 'A^{1/2}' : 'A^{-1/2}';
  const plain = r.fn === 'sqrt' ? 'A^½' : 'A^−½';
  const comparison = r.errorVsEigen === undefined ? t('not compared') : plainNumber(r.errorVsEigen);
  const headline = t('{0} by coupled Newton–Schulz: {1} · vs eigendecomposition {2} · {3} · {4}', plain, iterationCount(t, r.iterations), comparison, time, backend);
  const rows: string[][] = [
    [t('iterations'), String(r.iterations)],
    [t('relative difference from V f(Λ) Vᵀ'), comparison],
    ...(r.eigenvalues ? [[t('eigenvalues of A'), range(r.eigenvalues)]] : []),
    [t('backend'), backend],
    [t('time'), time],
  ];
  const plots: PlotSeries[] = [
    {
      id: 'matfunResidual',
      title: t('Coupled Newton–Schulz: the residual ‖I − Z_k·Y_k‖ per iteration'),
      kind: 'line',
      xLabel: t('iteration'),
      yLabel: '‖I − Z_k·Y_k‖/√n',
      log: 'y',
      x: Array.from(r.residuals, (_, k) => k),
      lines: [{ label: t('residual'), values: Array.from(r.residuals, positiveOrNull) }],
    },
  ];
  return { headline, latex: [`${symbol} = ${latexMatrix(r.value, { max: maxMatrix })}`], table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t) };
}
