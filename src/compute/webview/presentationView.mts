// Draws a compute result (headline, plots, notes, table, formulas) into an element. Shared by the
// Compute Results panel and the result cards of ```kexue-compute blocks in the post preview.
import katex from 'katex';
import uPlot from 'uplot';
import type { PlotSeries, Presentation } from '../../core/compute/presentation';

export interface PresentationView {
  readonly formulas: number;
  readonly plots: number;
  readonly errors: readonly string[];
  dispose(): void;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Appends the presentation to `root` (after what is already there) and returns what it drew. */
export function renderPresentation(root: HTMLElement, p: Presentation): PresentationView {
  const plots: uPlot[] = [];
  const errors: string[] = [];
  root.append(element('div', 'headline', p.headline));
  // Plots first: for HiPPO and the approximation they are the point; the matrices are detail below.
  for (const series of p.plots ?? []) {
    try {
      plots.push(plot(root, series));
    } catch (error) {
      errors.push(`${series.id}: ${String(error)}`);
    }
  }
  for (const note of p.notes) root.append(element('p', 'note', note));
  if (p.table) root.append(table(p));
  let formulas = 0;
  for (const tex of p.latex) {
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
  const axis = (label: string): uPlot.Axis => ({ label, stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } });
  const scatter = series.kind === 'scatter';
  const options: uPlot.Options = {
    width: plotWidth(root),
    height: 260,
    // A scatter's x values repeat (conjugate pairs share Re λ), which uPlot's automatic range
    // handles poorly at the ends; give both axes their range from the data.
    scales: scatter ? { x: { time: false, range: paddedRange(series.x) }, y: { range: paddedRange(series.lines.flatMap((l) => l.values)) } } : { x: { time: false } },
    axes: [axis(series.xLabel), axis(series.yLabel)],
    legend: { show: series.lines.length > 1 || scatter },
    series: [
      { label: series.xLabel },
      ...series.lines.map((line, i): uPlot.Series => {
        const colour = cssVar(PALETTE[i % PALETTE.length], FALLBACK[i % FALLBACK.length]);
        return scatter
          ? { label: line.label, stroke: colour, fill: colour, paths: () => null, points: { show: true, size: 7, stroke: colour, fill: colour } }
          : { label: line.label, stroke: colour, width: 1.5, points: { show: false }, spanGaps: false };
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
