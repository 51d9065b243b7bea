// Householder reflectors H = I − τ·v·vᵀ (v[0] = 1) in LAPACK's dlarfg convention, stored apart from
// the matrix they reduced so they can later be applied to row vectors (which is contiguous in row-major).

export interface Reflector {
  /** First index the reflector touches; it acts on indices offset … offset+v.length−1. */
  readonly offset: number;
  readonly tau: number;
  readonly v: Float64Array;
}

/** Builds H with H·x = β·e₁ and returns β; x is not modified. */
export function makeReflector(x: Float64Array, offset: number): { reflector: Reflector; beta: number } {
  const n = x.length;
  const alpha = x[0];
  let scaleMax = 0;
  for (let i = 1; i < n; i++) scaleMax = Math.max(scaleMax, Math.abs(x[i]));
  const v = new Float64Array(n);
  v[0] = 1;
  if (scaleMax === 0) return { reflector: { offset, tau: 0, v }, beta: alpha };
  let ss = 0;
  for (let i = 1; i < n; i++) {
    const t = x[i] / scaleMax;
    ss += t * t;
  }
  const xnorm = scaleMax * Math.sqrt(ss);
  const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
  const tau = (beta - alpha) / beta;
  const inv = 1 / (alpha - beta);
  for (let i = 1; i < n; i++) v[i] = x[i] * inv;
  return { reflector: { offset, tau, v }, beta };
}

/**
 * Applies H from the left to the block rows offset…, columns c0…c1−1 of a row-major matrix
 * (w = vᵀW, then W −= τ·v·wᵀ); both passes stream whole rows, four rows at a time so each load of
 * w serves four multiply-adds (JS has no SIMD: loads are the bottleneck).
 */
export function applyLeft(h: Reflector, data: Float64Array, cols: number, c0: number, c1: number, work: Float64Array): void {
  if (h.tau === 0) return;
  const { v, offset, tau } = h;
  const len = v.length;
  const w = work;
  w.fill(0, c0, c1);
  let t = 0;
  for (; t + 3 < len; t += 4) {
    const v0 = v[t], v1 = v[t + 1], v2 = v[t + 2], v3 = v[t + 3];
    const b0 = (offset + t) * cols, b1 = b0 + cols, b2 = b1 + cols, b3 = b2 + cols;
    for (let c = c0; c < c1; c++) w[c] += v0 * data[b0 + c] + v1 * data[b1 + c] + v2 * data[b2 + c] + v3 * data[b3 + c];
  }
  for (; t < len; t++) {
    const vt = v[t], base = (offset + t) * cols;
    for (let c = c0; c < c1; c++) w[c] += vt * data[base + c];
  }
  t = 0;
  for (; t + 3 < len; t += 4) {
    const f0 = tau * v[t], f1 = tau * v[t + 1], f2 = tau * v[t + 2], f3 = tau * v[t + 3];
    const b0 = (offset + t) * cols, b1 = b0 + cols, b2 = b1 + cols, b3 = b2 + cols;
    for (let c = c0; c < c1; c++) {
      const wc = w[c];
      data[b0 + c] -= f0 * wc;
      data[b1 + c] -= f1 * wc;
      data[b2 + c] -= f2 * wc;
      data[b3 + c] -= f3 * wc;
    }
  }
  for (; t < len; t++) {
    const f = tau * v[t], base = (offset + t) * cols;
    for (let c = c0; c < c1; c++) data[base + c] -= f * w[c];
  }
}
