// Eigenvalues of a general real matrix (HiPPO's A is not symmetric): reduction to upper Hessenberg
// form, then the Francis double-shift QR iteration (EISPACK hqr). Values only, no vectors.
import type { Matrix } from '../numerics/matrix';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export interface ComplexValue {
  readonly re: number;
  readonly im: number;
}

export class EigenvalueError extends WordedError {
  override readonly name = 'EigenvalueError';
}

/** A full (non-triangular) A has its eigenvalues computed only up to this N (O(N³)). */
export const MAX_EIGEN_N = 256;

/**
 * The eigenvalues a HiPPO result is shown with: a triangular A (LegS, LagT) at any size, a full one up
 * to MAX_EIGEN_N; undefined beyond. Computed in the compute helper and sent with the result, so the
 * extension host's thread does no numerics.
 */
export function presentedEigenvalues(a: Matrix): ComplexValue[] | undefined {
  return a.rows <= MAX_EIGEN_N || isTriangular(a) ? eigenvalues(a) : undefined;
}

export function eigenvalues(m: Matrix): ComplexValue[] {
  const n = m.rows;
  if (m.cols !== n) throw new EigenvalueError(localizable('eigenvalues need a square matrix, got {0}×{1}', m.rows, m.cols));
  // A triangular A (LegS, LagT) has its eigenvalues on the diagonal: exact and O(n²).
  if (isTriangular(m)) return Array.from({ length: n }, (_, i) => ({ re: m.data[i * n + i], im: 0 }));
  const a: number[][] = Array.from({ length: n }, (_, i) => Array.from(m.data.subarray(i * n, (i + 1) * n)));
  hessenberg(a);
  return hqr(a);
}

export function isTriangular(m: Matrix): boolean {
  const n = m.rows;
  let lower = true, upper = true;
  for (let i = 0; i < n && (lower || upper); i++) {
    for (let j = 0; j < n; j++) {
      if (m.data[i * n + j] === 0) continue;
      if (j > i) lower = false;
      if (j < i) upper = false;
    }
  }
  return lower || upper;
}

/** Gaussian elimination with pivoting to upper Hessenberg form (similarity transform, in place). */
function hessenberg(a: number[][]): void {
  const n = a.length;
  for (let m = 1; m < n - 1; m++) {
    let x = 0, i = m;
    for (let j = m; j < n; j++) {
      if (Math.abs(a[j][m - 1]) > Math.abs(x)) {
        x = a[j][m - 1];
        i = j;
      }
    }
    if (i !== m) {
      for (let j = m - 1; j < n; j++) [a[i][j], a[m][j]] = [a[m][j], a[i][j]];
      for (let j = 0; j < n; j++) [a[j][i], a[j][m]] = [a[j][m], a[j][i]];
    }
    if (x === 0) continue;
    for (i = m + 1; i < n; i++) {
      let y = a[i][m - 1];
      if (y === 0) continue;
      y /= x;
      a[i][m - 1] = y;
      for (let j = m; j < n; j++) a[i][j] -= y * a[m][j];
      for (let j = 0; j < n; j++) a[j][m] += y * a[j][i];
    }
  }
  for (let i = 2; i < n; i++) for (let j = 0; j < i - 1; j++) a[i][j] = 0;
}

/** Francis QR on an upper Hessenberg matrix (Numerical Recipes' hqr, 0-based). */
function hqr(a: number[][]): ComplexValue[] {
  const n = a.length;
  const out: ComplexValue[] = [];
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(a[i][j]);
  let nn = n - 1, t = 0;
  let p = 0, q = 0, r = 0, s = 0, w = 0, x = 0, y = 0, z = 0;
  while (nn >= 0) {
    let its = 0, l: number;
    do {
      for (l = nn; l >= 1; l--) {
        s = Math.abs(a[l - 1][l - 1]) + Math.abs(a[l][l]);
        if (s === 0) s = anorm;
        if (Math.abs(a[l][l - 1]) + s === s) {
          a[l][l - 1] = 0;
          break;
        }
      }
      x = a[nn][nn];
      if (l === nn) {
        out.push({ re: x + t, im: 0 });
        nn--;
      } else {
        y = a[nn - 1][nn - 1];
        w = a[nn][nn - 1] * a[nn - 1][nn];
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + (p >= 0 ? Math.abs(z) : -Math.abs(z));
            const first = x + z;
            out.push({ re: first, im: 0 }, { re: z !== 0 ? x - w / z : first, im: 0 });
          } else {
            out.push({ re: x + p, im: z }, { re: x + p, im: -z });
          }
          nn -= 2;
        } else {
          if (its === 60) throw new EigenvalueError(localizable('the QR iteration for the eigenvalues did not converge in {0} steps', 60));
          if (its === 10 || its === 20) {
            // Exceptional shift, to break a cycle.
            t += x;
            for (let i = 0; i <= nn; i++) a[i][i] -= x;
            s = Math.abs(a[nn][nn - 1]) + Math.abs(a[nn - 1][nn - 2]);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          ++its;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a[m][m];
            r = x - z;
            s = y - z;
            p = (r * s - w) / a[m + 1][m] + a[m][m + 1];
            q = a[m + 1][m + 1] - z - r - s;
            r = a[m + 2][m + 1];
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(a[m][m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[m - 1][m - 1]) + Math.abs(z) + Math.abs(a[m + 1][m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i][i - 2] = 0;
            if (i !== m + 2) a[i][i - 3] = 0;
          }
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k][k - 1];
              q = a[k + 1][k - 1];
              r = 0;
              if (k !== nn - 1) r = a[k + 2][k - 1];
              if ((x = Math.abs(p) + Math.abs(q) + Math.abs(r)) !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const sq = Math.sqrt(p * p + q * q + r * r);
            if ((s = p >= 0 ? sq : -sq) !== 0) {
              if (k === m) {
                if (l !== m) a[k][k - 1] = -a[k][k - 1];
              } else a[k][k - 1] = -s * x;
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = a[k][j] + q * a[k + 1][j];
                if (k !== nn - 1) {
                  p += r * a[k + 2][j];
                  a[k + 2][j] -= p * z;
                }
                a[k + 1][j] -= p * y;
                a[k][j] -= p * x;
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * a[i][k] + y * a[i][k + 1];
                if (k !== nn - 1) {
                  p += z * a[i][k + 2];
                  a[i][k + 2] -= p * r;
                }
                a[i][k + 1] -= p * q;
                a[i][k] -= p;
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return out.sort((u, v) => u.re - v.re || u.im - v.im);
}
