// What every result presentation shares (options, backend label, durations, plot helpers): apart from
// presentResult.ts so that the presentations of the later algorithms need not import the dispatcher.
import type { Matrix } from '../numerics/matrix';
import type { AdapterSummary } from '../protocol/compute';
import type { Translate } from './presentation';

export interface PresentOptions {
  readonly t?: Translate;
  /** Rows/columns of a matrix shown before eliding. */
  readonly maxMatrix?: number;
  /** Kernel and signal plots keep at most this many points (evenly strided). */
  readonly maxPlotPoints?: number;
  /** The matrix a pseudo-inverse was asked of, shown first (the response carries only A†). */
  readonly input?: Matrix;
}

/** "GPU (SwiftShader Device)" or "CPU". */
export function backendLabel(backend: 'cpu' | 'gpu', adapter: AdapterSummary | null): string {
  if (backend === 'cpu' || !adapter) return backend.toUpperCase();
  const name = adapter.description || adapter.device || adapter.vendor || adapter.architecture;
  return name ? `GPU (${name})` : 'GPU';
}

export function milliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** "1 iteration", "13 iterations", translated. */
export function iterationCount(t: (message: string, ...args: Array<string | number>) => string, count: number): string {
  return count === 1 ? t('1 iteration') : t('{0} iterations', count);
}

export const positiveOrNull = (v: number): number | null => (v > 0 && Number.isFinite(v) ? v : null);

export const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function strided(length: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(length / maxPoints));
  const indices: number[] = [];
  for (let i = 0; i < length; i += step) indices.push(i);
  if (indices[indices.length - 1] !== length - 1) indices.push(length - 1);
  return indices;
}
