// WGSL kernels. f32 only: Dawn on SwiftShader offers no f16, and f64 does not exist in WGSL.

/** C = α·A·B + β·D, A: M×K, B: K×N, row-major. 64×64 output tile per workgroup, 4×4 per thread. */
export const MATMUL_WGSL = /* wgsl */ `
struct Params { M: u32, N: u32, K: u32, pad0: u32, alpha: f32, beta: f32, pad1: f32, pad2: f32 }
@group(0) @binding(0) var<storage, read> A: array<f32>;
@group(0) @binding(1) var<storage, read> B: array<f32>;
@group(0) @binding(2) var<storage, read> D: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;
var<workgroup> As: array<f32, 1024>; // 64 rows × 16
var<workgroup> Bs: array<f32, 1024>; // 16 rows × 64

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let tx = lid.x;
  let ty = lid.y;
  let t = ty * 16u + tx;
  let row0 = wid.y * 64u;
  let col0 = wid.x * 64u;
  var acc: array<f32, 16>;
  for (var i = 0u; i < 16u; i++) { acc[i] = 0.0; }
  for (var k0 = 0u; k0 < p.K; k0 += 16u) {
    for (var q = 0u; q < 4u; q++) {
      let e = t * 4u + q;
      let ar = row0 + e / 16u;
      let ac = k0 + e % 16u;
      var av = 0.0;
      if (ar < p.M && ac < p.K) { av = A[ar * p.K + ac]; }
      As[e] = av;
      let br = k0 + e / 64u;
      let bc = col0 + e % 64u;
      var bv = 0.0;
      if (br < p.K && bc < p.N) { bv = B[br * p.N + bc]; }
      Bs[e] = bv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      var a: array<f32, 4>;
      var b: array<f32, 4>;
      for (var i = 0u; i < 4u; i++) {
        a[i] = As[(ty * 4u + i) * 16u + kk];
        b[i] = Bs[kk * 64u + tx * 4u + i];
      }
      for (var i = 0u; i < 4u; i++) {
        for (var j = 0u; j < 4u; j++) { acc[i * 4u + j] += a[i] * b[j]; }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let r = row0 + ty * 4u + i;
    for (var j = 0u; j < 4u; j++) {
      let c = col0 + tx * 4u + j;
      if (r < p.M && c < p.N) {
        var v = p.alpha * acc[i * 4u + j];
        if (p.beta != 0.0) { v += p.beta * D[r * p.N + c]; }
        C[r * p.N + c] = v;
      }
    }
  }
}
`;

/** out[0] = Σ x², one workgroup of 256 (used once per Newton–Schulz iteration for the residual). */
export const SUM_SQUARES_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> X: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> p: vec4u;
var<workgroup> part: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) i: u32) {
  var s = 0.0;
  for (var j = i; j < p.x; j += 256u) { s += X[j] * X[j]; }
  part[i] = s;
  workgroupBarrier();
  for (var w = 128u; w > 0u; w = w / 2u) {
    if (i < w) { part[i] += part[i + w]; }
    workgroupBarrier();
  }
  if (i == 0u) { out[0] = part[0]; }
}
`;

/**
 * HiPPO recurrence v ← Ā·v with K_l = C·v, steps [start, start + count) of one chunk; the state v
 * persists in a storage buffer between chunks so long kernels are split into short dispatches.
 */
export const KERNEL_WGSL = /* wgsl */ `
struct Params { n: u32, start: u32, count: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> Abar: array<f32>;
@group(0) @binding(1) var<storage, read_write> state: array<f32>;
@group(0) @binding(2) var<storage, read> Cvec: array<f32>;
@group(0) @binding(3) var<storage, read_write> K: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;
var<workgroup> v: array<f32, 1024>;
var<workgroup> w: array<f32, 1024>;
var<workgroup> part: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  for (var i = t; i < p.n; i += 256u) { v[i] = state[i]; }
  workgroupBarrier();
  for (var l = 0u; l < p.count; l++) {
    var s = 0.0;
    for (var i = t; i < p.n; i += 256u) { s += Cvec[i] * v[i]; }
    part[t] = s;
    workgroupBarrier();
    for (var h = 128u; h > 0u; h = h / 2u) {
      if (t < h) { part[t] += part[t + h]; }
      workgroupBarrier();
    }
    if (t == 0u) { K[p.start + l] = part[0]; }
    for (var i = t; i < p.n; i += 256u) {
      var acc = 0.0;
      for (var k = 0u; k < p.n; k++) { acc += Abar[i * p.n + k] * v[k]; }
      w[i] = acc;
    }
    workgroupBarrier();
    for (var i = t; i < p.n; i += 256u) { v[i] = w[i]; }
    workgroupBarrier();
  }
  for (var i = t; i < p.n; i += 256u) { state[i] = v[i]; }
}
`;

/**
 * Driven HiPPO recurrence c ← Ā·c + B̄·f_l (LegT: Ā, B̄ fixed) over samples [start, start + count) of
 * one chunk. One workgroup: every step needs the whole previous state, so steps cannot be spread over
 * workgroups; c lives in workgroup memory within a chunk and in `state` between chunks.
 */
export const RECURRENCE_WGSL = /* wgsl */ `
struct Params { n: u32, start: u32, count: u32, pad: u32 }
@group(0) @binding(0) var<storage, read> Abar: array<f32>;
@group(0) @binding(1) var<storage, read> Bbar: array<f32>;
@group(0) @binding(2) var<storage, read> signal: array<f32>;
@group(0) @binding(3) var<storage, read_write> state: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;
var<workgroup> c: array<f32, 1024>;
var<workgroup> next: array<f32, 1024>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  for (var i = t; i < p.n; i += 256u) { c[i] = state[i]; }
  workgroupBarrier();
  for (var l = 0u; l < p.count; l++) {
    let f = signal[p.start + l];
    for (var i = t; i < p.n; i += 256u) {
      var acc = Bbar[i] * f;
      let row = i * p.n;
      for (var k = 0u; k < p.n; k++) { acc += Abar[row + k] * c[k]; }
      next[i] = acc;
    }
    workgroupBarrier();
    for (var i = t; i < p.n; i += 256u) { c[i] = next[i]; }
    workgroupBarrier();
  }
  for (var i = t; i < p.n; i += 256u) { state[i] = c[i]; }
}
`;
