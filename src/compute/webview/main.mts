// The Compute Results webview: headline, formulas (KaTeX), table, notes and plots (uPlot), themed by
// the --vscode-* variables. `.mts` keeps this DOM code out of the extension's Node program; it is
// checked by ./tsconfig.json and bundled to dist/computeWebview.js.
import katex from 'katex';
import uPlot from 'uplot';
import type { PlotSeries, Presentation } from '../../core/compute/presentation';
import type { ResultsHostMessage, ResultsWebviewMessage, ResultsWebviewState, ShowResultMessage } from '../../core/compute/resultsMessages';

interface VsCodeApi {
  postMessage(message: ResultsWebviewMessage): void;
  getState(): ResultsWebviewState | undefined;
  setState(state: ResultsWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('results') as HTMLElement;
let plots: uPlot[] = [];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function show(message: ShowResultMessage): void {
  for (const plot of plots) plot.destroy();
  plots = [];
  root.replaceChildren();
  const { presentation: p } = message;
  const errors: string[] = [];
  root.append(element('h2', undefined, message.title), element('div', 'headline', p.headline));
  // Plots first: for HiPPO and the approximation they are the point; the matrices are detail below.
  for (const series of p.plots ?? []) {
    try {
      plots.push(plot(series));
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
  vscode.setState({ last: message });
  vscode.postMessage({ type: 'rendered', title: message.title, formulas, plots: plots.length, errors });
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

function plot(series: PlotSeries): uPlot {
  const box = element('div', 'plot');
  box.append(element('h3', undefined, series.title));
  root.append(box);
  const foreground = cssVar('--vscode-foreground', '#cccccc');
  const grid = cssVar('--vscode-editorWidget-border', '#8884');
  const axis = (label: string): uPlot.Axis => ({ label, stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } });
  const scatter = series.kind === 'scatter';
  const options: uPlot.Options = {
    width: plotWidth(),
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

// Plots have a pixel width: follow the panel when it is resized.
window.addEventListener('resize', () => {
  for (const p of plots) p.setSize({ width: plotWidth(), height: p.height });
});

function plotWidth(): number {
  return Math.max(320, root.clientWidth - 16);
}

function paddedRange(values: readonly (number | null)[]): [number, number] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return [-1, 1];
  const lo = Math.min(...finite), hi = Math.max(...finite);
  const pad = (hi - lo) * 0.08 || Math.max(Math.abs(hi) * 0.1, 1);
  return [lo - pad, hi + pad];
}

window.addEventListener('message', (event: MessageEvent<ResultsHostMessage>) => {
  if (event.data?.type === 'show') show(event.data);
});

const restored = vscode.getState()?.last;
if (restored) show(restored);
else root.append(element('p', 'empty', root.dataset.empty ?? ''));
vscode.postMessage({ type: 'ready' });
