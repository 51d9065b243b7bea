// Unargmaxable classes: how many, which, and (in 2-D) where they sit — inside the hull of the others.
import type { ArgmaxResponse } from '../protocol/compute';
import { plainNumber } from './latex';
import { untranslated, type PlotSeries, type Presentation } from './presentation';
import { backendLabel, milliseconds, type PresentOptions } from './presentParts';
import { translatedAll } from '../l10n/localizable';

export function presentArgmax(r: ArgmaxResponse, { t = untranslated }: PresentOptions): Presentation {
  const backend = backendLabel(r.backend, r.adapter);
  const time = milliseconds(r.timings.totalMs);
  const count = r.unargmaxable.length;
  const examples = r.unargmaxable.slice(0, 20).map((i) => i + 1).join(', ') + (count > 20 ? ', …' : '');
  const positive = Array.from(r.margins).filter((m) => m > 0);
  const headline = t('{0} of {1} classes can never be the argmax (d = {2}) · {3} · {4}', count, r.classes, r.dim, time, backend);
  const rows: string[][] = [
    [t('classes n, dimension d'), `${r.classes}, ${r.dim}`],
    [t('unargmaxable classes'), String(count)],
    [t('examples (rows of W, from 1)'), count ? examples : t('none')],
    [t('witnesses checked (W·x has the class as strict argmax)'), t('{0} of {1}', r.witnessesChecked - r.witnessFailures.length, r.witnessesChecked)],
    [t('smallest positive margin'), positive.length ? plainNumber(Math.min(...positive)) : t('none')],
    [t('solver'), r.solver],
    [t('backend'), backend],
    [t('time'), time],
  ];
  const order = Array.from(r.margins, (m, i) => ({ m, i })).sort((a, b) => a.m - b.m);
  const plots: PlotSeries[] = [
    {
      id: 'argmaxMargins',
      title: t('LP margin t* of each class, sorted (≤ 0: never the argmax)'),
      kind: 'scatter',
      xLabel: t('class, by margin'),
      yLabel: 't*',
      x: order.map((_, k) => k + 1),
      lines: [{ label: 't*', values: order.map((o) => o.m) }],
    },
  ];
  const p = r.points;
  if (p && p.cols === 2) {
    const never = new Set(r.unargmaxable);
    const xs = Array.from({ length: p.rows }, (_, i) => i).sort((a, b) => p.data[a * 2] - p.data[b * 2]);
    plots.push({
      id: 'argmaxPoints',
      title: t('Rows of W in the plane: only vertices of the convex hull can win'),
      kind: 'scatter',
      xLabel: 'w₁',
      yLabel: 'w₂',
      x: xs.map((i) => p.data[i * 2]),
      lines: [
        { label: t('argmaxable'), values: xs.map((i) => (never.has(i) ? null : p.data[i * 2 + 1])) },
        { label: t('never the argmax'), values: xs.map((i) => (never.has(i) ? p.data[i * 2 + 1] : null)) },
      ],
    });
  }
  const latex = [`\\max_{x,\\,t}\\ t \\quad\\text{s.t.}\\quad (w_i - w_j)^{\\top}x \\ge t\\ \\ (j \\ne i),\\ \\ \\|x\\|_\\infty \\le 1,\\ t \\le 1`];
  return { headline, latex, table: { columns: [t('quantity'), t('value')], rows }, plots, notes: translatedAll(r.notes, t) };
}
