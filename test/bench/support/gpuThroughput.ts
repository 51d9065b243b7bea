/// <reference types="@webgpu/types" />
// Run by gpu.bench.ts in a child process (the Vulkan ICD is chosen when Dawn loads, so SwiftShader
// needs a process of its own). Measures on the adapter Dawn picks:
//   - the f32 peak: a register-only kernel of independent FMA chains (no memory traffic), and
//   - our tiled WGSL matmul (src/helper/gpu/wgsl.ts) on S×S, S doubled until one product takes ≥ 40 ms;
// then prints one JSON line. Times are wall clock from submit to onSubmittedWorkDone, best of five.
import { GpuContext } from '../../../src/helper/gpu/context';
import { GpuOps } from '../../../src/helper/gpu/gpuOps';

const CHAINS = 8;
const ITERATIONS = 512;
const FMA_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let seed = f32(gid.x + gid.y * 65535u) * 1e-9;
  var x: array<vec4f, ${CHAINS}>;
  for (var c = 0u; c < ${CHAINS}u; c++) { x[c] = vec4f(seed + f32(c), 1.0, 2.0, 3.0); }
  let m = vec4f(0.999999);
  let k = vec4f(1e-6);
  for (var i = 0u; i < ${ITERATIONS}u; i++) {
    for (var c = 0u; c < ${CHAINS}u; c++) { x[c] = fma(x[c], m, k); }
  }
  var s = vec4f(0.0);
  for (var c = 0u; c < ${CHAINS}u; c++) { s += x[c]; }
  // Written only in an impossible case, so the work cannot be optimised away and memory stays idle.
  if (s.x == -1.0) { out[0] = s.y; }
}`;
const FLOPS_PER_THREAD = ITERATIONS * CHAINS * 4 * 2;

async function best(device: GPUDevice, submit: () => void, rounds = 5): Promise<number> {
  let ms = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    submit();
    await device.queue.onSubmittedWorkDone();
    ms = Math.min(ms, performance.now() - t0);
  }
  return ms;
}

async function peakGflops(device: GPUDevice): Promise<number> {
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: FMA_WGSL }), entryPoint: 'main' } });
  const out = device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE });
  const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: out } }] });
  const run = (groups: number) => () => {
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(Math.min(groups, 65535), Math.ceil(groups / 65535));
    pass.end();
    device.queue.submit([enc.finish()]);
  };
  // Grow the dispatch until it runs ≥ 40 ms, so launch overhead is noise.
  let groups = 16;
  let ms = await best(device, run(groups), 1);
  while (ms < 40 && groups < 1 << 22) {
    groups *= 2;
    ms = await best(device, run(groups), 1);
  }
  ms = await best(device, run(groups));
  const threads = Math.min(groups, 65535) * Math.ceil(groups / 65535) * 256;
  out.destroy();
  return (threads * FLOPS_PER_THREAD) / ms / 1e6;
}

async function matmulGflops(device: GPUDevice): Promise<{ size: number; gflops: number }> {
  let size = 128;
  for (;;) {
    const ops = new GpuOps(device);
    try {
      const a = ops.matrix(size, size, Float32Array.from({ length: size * size }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5));
      const b = ops.matrix(size, size, Float32Array.from({ length: size * size }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5));
      const c = ops.matrix(size, size);
      const ms = await best(device, () => ops.matmul(a, b, c), size >= 1024 ? 5 : 3);
      if (ms >= 40 || size >= 8192) return { size, gflops: (2 * size ** 3) / ms / 1e6 };
    } finally {
      await ops.release();
    }
    size *= 2;
  }
}

async function main(): Promise<void> {
  const context = new GpuContext();
  const adapter = await context.adapterSummary();
  if (!adapter) {
    console.log(JSON.stringify({ adapter: null }));
    return;
  }
  const result = await context.run(async ({ device }) => {
    const peak = await peakGflops(device);
    const matmul = await matmulGflops(device);
    return { peak, matmul };
  });
  await context.dispose();
  console.log(JSON.stringify({ adapter, ...result }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exitCode = 1;
});
