// HiPPO transition matrices (A, B) exactly as state-spaces/s4 `transition(measure, N)` defines them
// (src/models/hippo/hippo.py, the version with `fout` and LegT "halved again for timescale
// correctness"), plus LegT in the scaling of the post 重温SSM(一), labelled separately.
import { type Matrix, zeros } from './matrix';

export type HippoMeasure = 'legs' | 'legt' | 'lagt' | 'fout' | 'legt-post';

export const HIPPO_MEASURES: readonly HippoMeasure[] = ['legs', 'legt', 'lagt', 'fout', 'legt-post'];

export interface HippoSystem {
  readonly measure: HippoMeasure;
  readonly a: Matrix;
  readonly b: Float64Array;
  /** Which convention the numbers follow, for display. */
  readonly convention: string;
}

export function transition(measure: HippoMeasure, n: number, options: { window?: number } = {}): HippoSystem {
  if (!Number.isInteger(n) || n < 1) throw new Error(`N must be a whole number ≥ 1, got ${n}`);
  const a = zeros(n, n);
  const b = new Float64Array(n);
  const A = a.data;
  const r = (k: number) => Math.sqrt(2 * k + 1);
  switch (measure) {
    case 'legs':
      // A[n,k] = −√((2n+1)(2k+1)) below the diagonal, −(n+1) on it; B[n] = √(2n+1).
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < i; k++) A[i * n + k] = -r(i) * r(k);
        A[i * n + i] = -(i + 1);
        b[i] = r(i);
      }
      return { measure, a, b, convention: 'state-spaces/s4 transition("legs")' };
    case 'legt':
      // −½·√((2n+1)(2k+1)), times (−1)^(n−k) above the diagonal; B[n] = ½√(2n+1).
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) A[i * n + k] = -0.5 * r(i) * r(k) * (i < k && (k - i) % 2 === 1 ? -1 : 1);
        b[i] = 0.5 * r(i);
      }
      return { measure, a, b, convention: 'state-spaces/s4 transition("legt"), halved (window length 2)' };
    case 'legt-post': {
      // 重温SSM(一) eq. leg-t-hippo-1: basis g_n = √((2n+1)/2)·p_n on a window of length w;
      // A[n,k] = −(1/w)√((2n+1)(2k+1)) for k < n, −(1/w)(−1)^(n−k)√(…) for k ≥ n; B[n] = √(2(2n+1))/w.
      const w = options.window ?? 1;
      if (!(w > 0)) throw new Error(`window must be > 0, got ${w}`);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) A[i * n + k] = (-(k >= i && (k - i) % 2 === 1 ? -1 : 1) * r(i) * r(k)) / w;
        b[i] = Math.sqrt(2) * r(i) / w;
      }
      return { measure, a, b, convention: `重温SSM(一) LegT, basis √((2n+1)/2)·p_n, window w = ${w}` };
    }
    case 'lagt':
      // A = I/2 − tril(ones), B = ones (β = 1).
      for (let i = 0; i < n; i++) {
        for (let k = 0; k <= i; k++) A[i * n + k] = -1;
        A[i * n + i] += 0.5;
        b[i] = 1;
      }
      return { measure, a, b, convention: 'state-spaces/s4 transition("lagt"), beta = 1' };
    case 'fout': {
      if (n % 2 !== 0) throw new Error(`FouT needs an even N (cos/sin pairs), got ${n}`);
      // B = [1, 0, √2, 0, √2, 0, …]; A = π·(diag(d,−1) − diag(d,1)) − B·Bᵀ with d[i] = i/2 for even i, else 0.
      for (let i = 0; i < n; i += 2) b[i] = i === 0 ? 1 : Math.SQRT2;
      for (let i = 0; i + 1 < n; i++) {
        const d = i % 2 === 0 ? i / 2 : 0;
        A[i * n + i + 1] = -Math.PI * d;
        A[(i + 1) * n + i] = Math.PI * d;
      }
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) A[i * n + k] -= b[i] * b[k];
      return { measure, a, b, convention: 'state-spaces/s4 transition("fout")' };
    }
    default:
      throw new Error(`unknown measure "${String(measure)}": use ${HIPPO_MEASURES.join(', ')}`);
  }
}
