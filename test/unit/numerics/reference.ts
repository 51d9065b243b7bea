// Test oracles: numpy through /usr/bin/python3 when it is installed (values computed at test time),
// else ml-matrix; plus seeded test matrices with prescribed singular values.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Matrix, multiply, transpose, zeros } from '../../../src/core/numerics/matrix';

export const PYTHON = '/usr/bin/python3';

let numpyChecked: boolean | undefined;

/** True when Debian's python3 with numpy is present. */
export function hasNumpy(): boolean {
  if (numpyChecked === undefined) {
    try {
      numpyChecked = existsSync(PYTHON) && execFileSync(PYTHON, ['-c', 'import numpy; print("ok")'], { encoding: 'utf8' }).trim() === 'ok';
    } catch {
      numpyChecked = false;
    }
  }
  return numpyChecked;
}

/**
 * Runs `body` (Python, with `np`, `json` and `inp` = the decoded JSON input) and returns `out` as JSON.
 * Floats cross as JSON, which round-trips doubles exactly in both languages.
 */
export function numpy<T>(body: string, input: unknown): T {
  const script = `import json, sys\nimport numpy as np\ninp = json.loads(sys.stdin.read())\n${body}\nsys.stdout.write(json.dumps(out))\n`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 })) as T;
}

export function rowsOf(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

export function fromNested(rows: number[][]): Matrix {
  const r = rows.length, c = r ? rows[0].length : 0;
  return { rows: r, cols: c, data: Float64Array.from(rows.flat()) };
}

/** Deterministic uniform(−½, ½) stream. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296 - 0.5;
  };
}

export function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const next = seeded(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = next();
  return m;
}

/** n×k with orthonormal columns (modified Gram–Schmidt, twice for safety). */
export function orthonormalColumns(n: number, k: number, seed: number): Matrix {
  const q = transpose(randomMatrix(n, k, seed)); // rows are the vectors
  const d = q.data;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let t = 0; t < n; t++) dot += d[i * n + t] * d[j * n + t];
        for (let t = 0; t < n; t++) d[i * n + t] -= dot * d[j * n + t];
      }
      let norm = 0;
      for (let t = 0; t < n; t++) norm += d[i * n + t] ** 2;
      norm = Math.sqrt(norm);
      for (let t = 0; t < n; t++) d[i * n + t] /= norm;
    }
  }
  return transpose(q);
}

/** U·diag(σ)·Vᵀ with random orthonormal U (m×k), V (n×k), k = σ.length. */
export function withSingularValues(m: number, n: number, sigma: readonly number[], seed: number): Matrix {
  const k = sigma.length;
  const u = orthonormalColumns(m, k, seed);
  const v = orthonormalColumns(n, k, seed + 1);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) u.data[i * k + j] *= sigma[j];
  return multiply(u, transpose(v));
}

export function relativeDifference(a: Matrix, b: Matrix): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.data.length; i++) {
    num += (a.data[i] - b.data[i]) ** 2;
    den += b.data[i] ** 2;
  }
  return Math.sqrt(num / (den || 1));
}
