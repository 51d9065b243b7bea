// What `kexue render --stats --json` reports for one file; made in the main thread or a worker.
import type { RenderError, RenderResult } from '../core/render';

export interface FileReport {
  file: string;
  mathNodes: number;
  errors: RenderError[];
  numbered: number;
  eqrefs: number;
  unresolvedEqrefs: number;
  /** Formulas KaTeX refused and MathJax drew. */
  fallbacks: number;
  ms: number;
}

export function reportOf(file: string, result: RenderResult): FileReport {
  const { mathNodes, numbered, eqrefs, unresolvedEqrefs, fallbacks, ms } = result.stats;
  return { file, mathNodes, errors: result.errors, numbered, eqrefs, unresolvedEqrefs, fallbacks, ms: round(ms) };
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
