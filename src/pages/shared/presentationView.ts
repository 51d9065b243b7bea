// Draws a compute result (headline, plots, notes, table, formulas; a pinv leads with its formulas) into an element. Shared by the
// Compute Results panel and the result cards of ```kexue-compute blocks in the post preview.
import katex from 'katex';
import uPlot from 'uplot';
import { decadeTicks, linearTickLabels, powerOfTenLabel, WHOLE_STEPS } from '../../core/compute/plotTicks';
import type { PlotSeries, Presentation } from '../../core/compute/presentation';
import { element } from './dom';

export interface PresentationView {
  readonly formulas: number;
  readonly plots: number;
  readonly errors: readonly string[];
  dispose(): void;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export { element };

/** Appends the presentation to `root` (after what is already there) and returns what it drew. */
export function renderPresentation(root: HTMLElement, p: Presentation): PresentationView {
  const plots: uPlot[] = [];
  const errors: string[] = [];
  root.append(element('div', 'headline', p.headline));
  const drawPlots = (): void => {
    for (const series of p.plots ?? []) {
      try {
        plots.push(plot(root, series));
      } catch (error) {
        errors.push(`${series.id}: ${String(error)}`);
      }
    }
  };
  let formulas = 0;
  const drawFormulas = (): void => {
    for (const tex of p.inputLatex !== undefined ? [p.inputLatex, ...p.latex] : p.latex) {
      const div = element('div', 'formula');
      try {
        katex.render(tex, div, { displayMode: true, throwOnError: true, strict: false, trust: false, maxSize: 50, maxExpand: 1000 });
        formulas++;
      } catch (error) {
        errors.push(String(error));
        div.className = 'error';
        div.textContent = tex;
      }
      root.append(div);
    }
  };
  const drawDetails = (): void => {
    for (const note of p.notes) root.append(element('p', 'note', note));
    if (p.table) root.append(table(p));
  };
  if (p.leadWith === 'formulas') {
    // A⁺ is the answer: the matrix first, then the table, then how the other routes fared.
    drawFormulas();
    drawDetails();
    drawPlots();
  } else {
    // For HiPPO and the approximation the plots are the point; the matrices are detail below.
    drawPlots();
    drawDetails();
    drawFormulas();
  }
  // Plots have a pixel width: follow the page when it is resized.
  const resize = (): void => {
    for (const u of plots) u.setSize({ width: plotWidth(root), height: u.height });
  };
  window.addEventListener('resize', resize);
  return {
    formulas,
    plots: plots.length,
    errors,
    dispose() {
      window.removeEventListener('resize', resize);
      for (const u of plots) u.destroy();
    },
  };
}

function table(p: Presentation): HTMLTableElement {
  const t = element('table');
  const head = element('tr');
  for (const c of p.table?.columns ?? []) head.append(element('th', undefined, c));
  t.append(head);
  for (const row of p.table?.rows ?? []) {
    const tr = element('tr');
    for (const cell of row) tr.append(element('td', undefined, cell));
    t.append(tr);
  }
  return t;
}

const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-red', '--vscode-charts-green'];
const FALLBACK = ['#3794ff', '#d18616', '#f14c4c', '#89d185'];

function plot(root: HTMLElement, series: PlotSeries): uPlot {
  const box = element('div', 'plot');
  box.append(element('h3', undefined, series.title));
  root.append(box);
  const foreground = cssVar('--vscode-foreground', '#cccccc');
  const grid = cssVar('--vscode-editorWidget-border', '#8884');
  const scatter = series.kind === 'scatter';
  const logX = series.log === 'x' || series.log === 'xy', logY = series.log === 'y' || series.log === 'xy';
  const axis = (label: string, { log = false, integers = false, maxLabels = 10 } = {}): uPlot.Axis => {
    // A log axis: ticks, grid and labels at powers of ten only (every 2nd, 3rd… when there are many),
    // written 10⁻⁸; the default would draw every 2·10ᵏ…9·10ᵏ and print the small ones as 0.
    const decades = (_u: uPlot, splits: number[]) => decadeTicks(splits, maxLabels);
    return {
      label,
      stroke: foreground,
      grid: { stroke: grid, width: 1, ...(log ? { filter: decades } : {}) },
      ticks: { stroke: grid, width: 1, ...(log ? { filter: decades } : {}) },
      // A linear axis: labels that stay distinct at any scale (uPlot's default printed ±2e-4 as "0, -0").
      ...(log
        ? { filter: decades, values: (_u: uPlot, splits: number[]) => splits.map((v) => (v === null || v === undefined ? '' : powerOfTenLabel(v))) }
        : { values: (_u: uPlot, splits: number[]) => linearTickLabels(splits) }),
      // Counts (iterations, sample indices) get whole-number ticks.
      ...(integers ? { incrs: [...WHOLE_STEPS] } : {}),
    };
  };
  // A few points (a convergence study) are drawn as points on the line, so each measurement shows.
  const fewPoints = series.x.length <= 64;
  const options: uPlot.Options = {
    width: plotWidth(root),
    height: 260,
    // A scatter's x values repeat (conjugate pairs share Re λ), which uPlot's automatic range
    // handles poorly at the ends; give both axes their range from the data.
    scales: scatter
      ? { x: { time: false, range: paddedRange(series.x) }, y: { range: paddedRange(series.lines.flatMap((l) => l.values)) } }
      : { x: { time: false, ...(logX ? { distr: 3, log: 10 } : {}) }, ...(logY ? { y: { distr: 3, log: 10 } } : {}) },
    axes: [axis(series.xLabel, { log: logX, integers: !scatter && series.x.every(Number.isInteger), maxLabels: 12 }), axis(series.yLabel, { log: logY, maxLabels: 6 })],
    legend: { show: series.lines.length > 1 || scatter },
    series: [
      { label: series.xLabel },
      ...series.lines.map((line, i): uPlot.Series => {
        const colour = cssVar(PALETTE[i % PALETTE.length], FALLBACK[i % FALLBACK.length]);
        return scatter
          ? { label: line.label, stroke: colour, fill: colour, paths: () => null, points: { show: true, size: 7, stroke: colour, fill: colour } }
          : { label: line.label, stroke: colour, width: 1.5, points: { show: fewPoints, size: 6, stroke: colour, fill: colour }, spanGaps: false };
      }),
    ],
  };
  const data: uPlot.AlignedData = [Float64Array.from(series.x), ...series.lines.map((line) => line.values.map((v) => v ?? null))];
  return new uPlot(options, data, box);
}

function plotWidth(root: HTMLElement): number {
  return Math.max(320, root.clientWidth - 16);
}

function paddedRange(values: readonly (number | null)[]): [number, number] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return [-1, 1];
  const lo = Math.min(...finite), hi = Math.max(...finite);
  const pad = (hi - lo) * 0.08 || Math.max(Math.abs(hi) * 0.1, 1);
  return [lo - pad, hi + pad];
}
