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
 * Row `dst` of R = row `src` of R times M (N×N): y_j = Σ_k x_k·M[k][j], one thread per j, so neighbouring
 * threads read neighbouring words of M. The S4 kernel's rows C·Ā^{cj} step this way (gpuKernel.ts);
 * the tiled matmul would spend 64 times the work on a single row.
 */
export const ROW_TIMES_MATRIX_WGSL = /* wgsl */ `
struct Params { n: u32, src: u32, dst: u32, pad: u32 }
@group(0) @binding(0) var<storage, read_write> R: array<f32>;
@group(0) @binding(1) var<storage, read> M: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let j = g.x;
  if (j >= p.n) { return; }
  let x = p.src * p.n;
  var acc = 0.0;
  for (var k = 0u; k < p.n; k++) { acc += R[x + k] * M[k * p.n + j]; }
  R[p.dst * p.n + j] = acc;
}
`;

/** M ← M + I in place (M: n×n): turns a power kept as Ā^w − I back into Ā^w (gpuKernel.ts). */
export const ADD_IDENTITY_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> M: array<f32>;
@group(0) @binding(1) var<uniform> p: vec4u;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) g: vec3u) {
  if (g.x < p.x) { M[g.x * p.x + g.x] += 1.0; }
}
`;

/**
 * LegS driven by many signals, one thread per channel. A LegS step is two running sums over the
 * state (core/numerics/approximate.ts legsGbtStep: the generalised bilinear transform with α, in
 * O(N)), so it is sequential within a channel; the GPU's width goes to the channels. Sample k
 * (1-based) takes m = ⌈N/(2k−1)⌉ sub-steps of h = 1/((k−1)m + j + ½), as on the CPU. The state is
 * stored index-major (state[i·channels + channel]) so neighbouring threads touch neighbouring words.
 */
export const LEGS_CHANNELS_WGSL = /* wgsl */ `
struct Params { n: u32, start: u32, count: u32, length: u32, channels: u32, alpha: f32, pad0: u32, pad1: u32 }
@group(0) @binding(0) var<storage, read> r: array<f32>;
@group(0) @binding(1) var<storage, read> signal: array<f32>;
@group(0) @binding(2) var<storage, read_write> state: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ch = gid.x;
  if (ch >= p.channels) { return; }
  for (var l = 0u; l < p.count; l++) {
    let k = p.start + l + 1u;
    let u = signal[ch * p.length + k - 1u];
    let m = max(1u, (p.n + 2u * k - 2u) / (2u * k - 1u));
    for (var j = 0u; j < m; j++) {
      let h = 1.0 / (f32((k - 1u) * m + j) + 0.5);
      let ex = (1.0 - p.alpha) * h;
      let im = p.alpha * h;
      var s = 0.0;
      var acc = 0.0;
      for (var i = 0u; i < p.n; i++) {
        let ri = r[i];
        let at = i * p.channels + ch;
        let x = state[at];
        let z = x - ex * (f32(i + 1u) * x + ri * s) + h * ri * u;
        s += ri * x;
        let y = (z - im * ri * acc) / (1.0 + im * f32(i + 1u));
        acc += ri * y;
        state[at] = y;
      }
    }
  }
}
`;

/**
 * Each channel's reconstruction error from its final state, without sending the reconstruction back:
 * one workgroup per channel evaluates Σ x_n·√(2n+1)·P_n(s) (three-term recurrence) at samples
 * [first, length), s = s0 + k·ds, and reduces max |error| and Σ error² into errors[2·channel + {0, 1}].
 * The state is read at coef[channel·channelStride + n·indexStride], so either layout serves.
 */
export const CHANNEL_ERRORS_WGSL = /* wgsl */ `
struct Params { n: u32, length: u32, first: u32, channelStride: u32, indexStride: u32, s0: f32, ds: f32, pad: u32 }
@group(0) @binding(0) var<storage, read> coef: array<f32>;
@group(0) @binding(1) var<storage, read> signal: array<f32>;
@group(0) @binding(2) var<storage, read_write> errors: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;
var<workgroup> x: array<f32, 1024>;
var<workgroup> pmax: array<f32, 256>;
var<workgroup> psum: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let ch = wg.x;
  for (var i = t; i < p.n; i += 256u) { x[i] = coef[ch * p.channelStride + i * p.indexStride] * sqrt(f32(2u * i + 1u)); }
  workgroupBarrier();
  var emax = 0.0;
  var esum = 0.0;
  for (var k = p.first + t; k < p.length; k += 256u) {
    let s = p.s0 + f32(k) * p.ds;
    var prev = 1.0;
    var cur = s;
    var sum = x[0];
    if (p.n > 1u) { sum += x[1] * s; }
    for (var m = 1u; m + 1u < p.n; m++) {
      let nxt = (f32(2u * m + 1u) * s * cur - f32(m) * prev) / f32(m + 1u);
      prev = cur;
      cur = nxt;
      sum += x[m + 1u] * nxt;
    }
    let e = abs(sum - signal[ch * p.length + k]);
    emax = max(emax, e);
    esum += e * e;
  }
  pmax[t] = emax;
  psum[t] = esum;
  workgroupBarrier();
  for (var h = 128u; h > 0u; h = h / 2u) {
    if (t < h) {
      pmax[t] = max(pmax[t], pmax[t + h]);
      psum[t] += psum[t + h];
    }
    workgroupBarrier();
  }
  if (t == 0u) {
    errors[2u * ch] = pmax[0];
    errors[2u * ch + 1u] = psum[0];
  }
}
`;

/** Y = Xᵀ, X: rows×cols row-major (msign's Newton–Schulz needs X·Xᵀ; the matmul takes no transposes). */
export const TRANSPOSE_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read> X: array<f32>;
@group(0) @binding(1) var<storage, read_write> Y: array<f32>;
@group(0) @binding(2) var<uniform> p: vec4u;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let r = g.y;
  let c = g.x;
  if (r < p.x && c < p.y) { Y[c * p.x + r] = X[r * p.y + c]; }
}
`;
