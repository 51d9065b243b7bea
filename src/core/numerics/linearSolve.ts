// LU with partial pivoting, for the small dense solves of discretisation and the ε-limit route.
import { type Matrix, clone, identity } from './matrix';

export interface LuFactors {
  readonly lu: Matrix;
  readonly pivots: Int32Array;
}

export function luFactor(a: Matrix): LuFactors {
  if (a.rows !== a.cols) throw new Error(`LU needs a square matrix, got ${a.rows}×${a.cols}`);
  const n = a.rows;
  const lu = clone(a);
  const d = lu.data;
  const pivots = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(d[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(d[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (best === 0) throw new Error(`matrix is singular (no pivot in column ${k + 1})`);
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = d[k * n + j];
        d[k * n + j] = d[p * n + j];
        d[p * n + j] = t;
      }
    }
    const inv = 1 / d[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = (d[i * n + k] *= inv);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) d[i * n + j] -= f * d[k * n + j];
    }
  }
  return { lu, pivots };
}

/** Solves A·X = B for X (B may have many columns). */
export function luSolve(f: LuFactors, b: Matrix): Matrix {
  const n = f.lu.rows;
  if (b.rows !== n) throw new Error(`right-hand side has ${b.rows} rows, expected ${n}`);
  const x = clone(b);
  const X = x.data, L = f.lu.data, c = b.cols;
  for (let k = 0; k < n; k++) {
    const p = f.pivots[k];
    if (p !== k) for (let j = 0; j < c; j++) {
      const t = X[k * c + j];
      X[k * c + j] = X[p * c + j];
      X[p * c + j] = t;
    }
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) {
    const l = L[i * n + k];
    if (l !== 0) for (let j = 0; j < c; j++) X[i * c + j] -= l * X[k * c + j];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = L[i * n + k];
      if (u !== 0) for (let j = 0; j < c; j++) X[i * c + j] -= u * X[k * c + j];
    }
    const inv = 1 / L[i * n + i];
    for (let j = 0; j < c; j++) X[i * c + j] *= inv;
  }
  return x;
}

export function solve(a: Matrix, b: Matrix): Matrix {
  return luSolve(luFactor(a), b);
}

export function inverse(a: Matrix): Matrix {
  return solve(a, identity(a.rows));
}
