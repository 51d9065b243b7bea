// Cyclic Jacobi for symmetric matrices: slow (O(n³) per sweep) but accurate, used by the post's
// "AᵀA = UΛUᵀ" route, which is a teaching route rather than the production pinv.
import { type Matrix, clone, identity } from './matrix';

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  readonly values: Float64Array;
  /** Columns are the eigenvectors, in the order of `values`. */
  readonly vectors: Matrix;
}

export function symmetricEigen(s: Matrix, checkpoint?: () => void): SymmetricEigen {
  const n = s.rows;
  if (n !== s.cols) throw new Error(`symmetric eigen needs a square matrix, got ${s.rows}×${s.cols}`);
  const a = clone(s).data;
  const v = identity(n).data;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0, total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const x = a[i * n + j] * a[i * n + j];
      total += x;
      if (i !== j) off += x;
    }
    if (off <= 1e-34 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p], aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
    checkpoint?.();
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x]);
  const values = new Float64Array(order.map((i) => a[i * n + i]));
  const vectors = identity(n);
  for (let r = 0; r < n; r++) order.forEach((from, to) => (vectors.data[r * n + to] = v[r * n + from]));
  return { values, vectors };
}
