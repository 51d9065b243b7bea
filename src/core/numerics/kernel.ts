// S4 convolution kernel K_l = C·Ā^l·B̄, l = 0…L−1.
// Blocked so most work is O(N²) vector products instead of L matrix–vector products:
// with block size b, W = [B̄, ĀB̄, …, Ā^{b−1}B̄], P = Ā^b and rows c_j = C·P^j, K_{jb+i} = c_j·W_i.
import { type Matrix, matVec, multiply } from './matrix';

export interface KernelOptions {
  /** Defaults to all ones, as in the post. */
  readonly c?: Float64Array;
  readonly checkpoint?: () => void;
}

export function s4Kernel(aBar: Matrix, bBar: Float64Array, length: number, options: KernelOptions = {}): Float64Array {
  const n = aBar.rows;
  const c = options.c ?? new Float64Array(n).fill(1);
  if (c.length !== n) throw new Error(`C has ${c.length} entries, expected N = ${n}`);
  const k = new Float64Array(length);
  if (length === 0) return k;
  const block = chooseBlock(n, length);
  // W rows: w[i] = Ā^i B̄, stored row-major as b × N.
  const w = new Float64Array(block * n);
  let v: Float64Array = new Float64Array(bBar);
  for (let i = 0; i < block; i++) {
    w.set(v, i * n);
    if (i + 1 < block) v = matVec(aBar, v);
  }
  let p = aBar;
  for (let s = block; s > 1; s >>= 1) p = multiply(p, p);
  let row: Float64Array = new Float64Array(c);
  const rowTimesP = (x: Float64Array): Float64Array => {
    const y = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      const xq = x[q];
      if (xq === 0) continue;
      const base = q * n;
      for (let j = 0; j < n; j++) y[j] += xq * p.data[base + j];
    }
    return y;
  };
  for (let start = 0; start < length; start += block) {
    const count = Math.min(block, length - start);
    for (let i = 0; i < count; i++) {
      let s = 0;
      const base = i * n;
      for (let q = 0; q < n; q++) s += row[q] * w[base + q];
      k[start + i] = s;
    }
    if (start + block < length) row = rowTimesP(row);
    if (((start / block) & 63) === 63) options.checkpoint?.();
  }
  return k;
}

/** Power-of-two block minimising (b + L/b)·N² + log₂b·N³. */
function chooseBlock(n: number, length: number): number {
  let best = 1, bestCost = Infinity;
  for (let b = 1, lg = 0; b <= Math.max(1, length); b *= 2, lg++) {
    const cost = (b + length / b) * n * n + lg * n * n * n;
    if (cost < bestCost) {
      bestCost = cost;
      best = b;
    }
  }
  return best;
}

/** The straightforward O(L·N²) recurrence, kept as the test reference. */
export function s4KernelNaive(aBar: Matrix, bBar: Float64Array, length: number, c?: Float64Array): Float64Array {
  const n = aBar.rows;
  const cc = c ?? new Float64Array(n).fill(1);
  const k = new Float64Array(length);
  let v: Float64Array = new Float64Array(bBar);
  for (let l = 0; l < length; l++) {
    let s = 0;
    for (let q = 0; q < n; q++) s += cc[q] * v[q];
    k[l] = s;
    v = matVec(aBar, v);
  }
  return k;
}
