// What a compute result looks like to a reader, independent of where it is shown (editor decoration
// and hover, the Compute Results panel, the preview card). Plain JSON: it crosses postMessage.
import type { JobResponse } from '../protocol/compute';
import type { ComputeBlockSpec } from './blockParams';

export interface PlotLine {
  readonly label: string;
  /** NaN where there is no value (e.g. outside LegT's window); JSON turns it into null. */
  readonly values: readonly (number | null)[];
}

export interface PlotSeries {
  /** Stable id for the webview ('eigenvalues', 'kernel', 'approximation', 'error'). */
  readonly id: string;
  readonly title: string;
  /** 'scatter': points (x, y) without lines, e.g. eigenvalues in the complex plane. */
  readonly kind: 'line' | 'scatter';
  readonly xLabel: string;
  readonly yLabel: string;
  /** Axes drawn on a log₁₀ scale (values ≤ 0 are left out there). */
  readonly log?: 'x' | 'y' | 'xy';
  readonly x: readonly number[];
  readonly lines: readonly PlotLine[];
}

export interface ResultTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface Presentation {
  /** One line: what was computed and how well, e.g. "rank 2 · max residual 3.1e-16 · 0.8 ms · CPU". */
  readonly headline: string;
  /**
   * The editor's inline text when the headline is too long for it (the hover and the panel give the
   * headline): an `after` decoration does not wrap and is cut off in a split editor.
   */
  readonly inline?: string;
  /** Display formulas (no $$), each renderable by KaTeX or MathJax on its own. */
  readonly latex: readonly string[];
  /** The input as LaTeX (a pseudo-inverse's A), drawn before the result formulas; latex[0] stays the result. */
  readonly inputLatex?: string;
  readonly table?: ResultTable;
  readonly plots?: readonly PlotSeries[];
  /** The helper's notes (fallbacks, precision) to show under the result. */
  readonly notes: readonly string[];
  /** 'formulas' when the formulas are the answer (A⁺) and the plots a detail; by default plots lead. */
  readonly leadWith?: 'plots' | 'formulas';
}

/** A block run: what was asked, what came back, and how to show it. */
export interface ComputeBlockResult {
  readonly spec: ComputeBlockSpec;
  readonly response: JobResponse;
  readonly presentation: Presentation;
}

// Translate and its English default (untranslated) live with Localizable; presentations use them.
export { untranslated, type Translate } from '../l10n/localizable';
