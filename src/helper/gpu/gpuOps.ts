/// <reference types="@webgpu/types" />
// Small typed wrappers around the WGSL kernels: f32 buffers, the tiled matmul, a sum of squares and
// LegS's recurrence driven by signals (the S4 kernel and LegT's state are matmuls: gpuKernel.ts).
// Every read-back awaits its mapAsync before returning.
import { ADD_IDENTITY_WGSL, CHANNEL_ERRORS_WGSL, LEGS_CHANNELS_WGSL, MATMUL_WGSL, ROW_TIMES_MATRIX_WGSL, SUM_SQUARES_WGSL, TRANSPOSE_WGSL } from './wgsl';

export interface GpuMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly buffer: GPUBuffer;
}

export class GpuOps {
  /** Compiled on first use: a job pays only for the kernels it runs. */
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly owned: GPUBuffer[] = [];
  private readonly dummy: GPUBuffer;

  constructor(readonly device: GPUDevice) {
    this.dummy = this.storage(4);
  }

  private pipeline(code: string): GPUComputePipeline {
    let made = this.pipelines.get(code);
    if (!made) {
      made = this.device.createComputePipeline({ layout: 'auto', compute: { module: this.device.createShaderModule({ code }), entryPoint: 'main' } });
      this.pipelines.set(code, made);
    }
    return made;
  }

  private bind(pipeline: GPUComputePipeline, buffers: readonly GPUBuffer[]): GPUBindGroup {
    return this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) });
  }

  storage(bytes: number): GPUBuffer {
    const b = this.device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    this.owned.push(b);
    return b;
  }

  upload(values: ArrayLike<number>): GPUBuffer {
    const b = this.storage(values.length * 4);
    this.device.queue.writeBuffer(b, 0, Float32Array.from(values));
    return b;
  }

  matrix(rows: number, cols: number, values?: ArrayLike<number>): GpuMatrix {
    return { rows, cols, buffer: values ? this.upload(values) : this.storage(rows * cols * 4) };
  }

  private uniform(data: ArrayBuffer): GPUBuffer {
    const b = this.device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.owned.push(b);
    this.device.queue.writeBuffer(b, 0, data);
    return b;
  }

  /** out = α·a·b + β·d (d optional). */
  matmul(a: GpuMatrix, b: GpuMatrix, out: GpuMatrix, alpha = 1, beta = 0, d?: GpuMatrix): void {
    if (a.cols !== b.rows || out.rows !== a.rows || out.cols !== b.cols) throw new Error(`GPU matmul shapes ${a.rows}×${a.cols} · ${b.rows}×${b.cols} → ${out.rows}×${out.cols}`);
    const params = new ArrayBuffer(32);
    new Uint32Array(params, 0, 4).set([a.rows, b.cols, a.cols, 0]);
    new Float32Array(params, 16, 4).set([alpha, beta, 0, 0]);
    const pipeline = this.pipeline(MATMUL_WGSL);
    const bind = this.bind(pipeline, [a.buffer, b.buffer, (d ?? { buffer: this.dummy }).buffer, out.buffer, this.uniform(params)]);
    this.dispatch(pipeline, bind, Math.ceil(b.cols / 64), Math.ceil(a.rows / 64));
  }

  /** out = xᵀ. */
  transpose(x: GpuMatrix, out: GpuMatrix): void {
    if (out.rows !== x.cols || out.cols !== x.rows) throw new Error(`GPU transpose ${x.rows}×${x.cols} → ${out.rows}×${out.cols}`);
    const pipeline = this.pipeline(TRANSPOSE_WGSL);
    const params = new Uint32Array([x.rows, x.cols, 0, 0]);
    this.dispatch(pipeline, this.bind(pipeline, [x.buffer, out.buffer, this.uniform(params.buffer)]), Math.ceil(x.cols / 16), Math.ceil(x.rows / 16));
  }

  /**
   * Rows [from, to) of r, each the row before it times m (m square, r.cols = m.rows): dependent
   * dispatches in one pass and one submit, since each row is too little work to pay for its own.
   */
  rowChain(r: GpuMatrix, m: GpuMatrix, from: number, to: number): void {
    if (m.rows !== m.cols || r.cols !== m.rows || from < 1 || to > r.rows) throw new Error(`GPU rows ${from}…${to} of ${r.rows}×${r.cols} · ${m.rows}×${m.cols}`);
    const pipeline = this.pipeline(ROW_TIMES_MATRIX_WGSL);
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    for (let row = from; row < to; row++) {
      pass.setBindGroup(0, this.bind(pipeline, [r.buffer, m.buffer, this.uniform(new Uint32Array([m.rows, row - 1, row, 0]).buffer)]));
      pass.dispatchWorkgroups(Math.ceil(m.rows / 256));
    }
    pass.end();
    this.device.queue.submit([enc.finish()]);
  }

  /** m ← m + I (m square). */
  addIdentity(m: GpuMatrix): void {
    if (m.rows !== m.cols) throw new Error(`GPU add identity to ${m.rows}×${m.cols}`);
    const pipeline = this.pipeline(ADD_IDENTITY_WGSL);
    this.dispatch(pipeline, this.bind(pipeline, [m.buffer, this.uniform(new Uint32Array([m.rows, 0, 0, 0]).buffer)]), Math.ceil(m.rows / 256), 1);
  }

  async sumOfSquares(x: GpuMatrix): Promise<number> {
    const out = this.storage(4);
    const params = new Uint32Array([x.rows * x.cols, 0, 0, 0]);
    const pipeline = this.pipeline(SUM_SQUARES_WGSL);
    this.dispatch(pipeline, this.bind(pipeline, [x.buffer, out, this.uniform(params.buffer)]), 1, 1);
    return (await this.read(out, 1))[0];
  }

  /** Copies `count` f32 values from src[srcIndex…] to dst[dstIndex…], in queue order with the dispatches. */
  copyInto(src: GPUBuffer, srcIndex: number, dst: GPUBuffer, dstIndex: number, count: number): void {
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(src, srcIndex * 4, dst, dstIndex * 4, count * 4);
    this.device.queue.submit([enc.finish()]);
  }

  /** LegS's state (index-major: state[i·channels + channel]) after every channel's signal, GBT step α. */
  async legsState(n: number, alpha: number, signal: GPUBuffer, length: number, channels: number, between: () => void): Promise<GPUBuffer> {
    const r = this.upload(Float64Array.from({ length: n }, (_, i) => Math.sqrt(2 * i + 1)));
    const state = this.storage(channels * n * 4);
    const pipeline = this.pipeline(LEGS_CHANNELS_WGSL);
    const chunk = samplesPerDispatch(channels * n * 8, 4096);
    for (let start = 0; start < length; start += chunk) {
      const params = new ArrayBuffer(32);
      new Uint32Array(params, 0, 5).set([n, start, Math.min(chunk, length - start), length, channels]);
      new Float32Array(params, 20, 1)[0] = alpha;
      this.dispatch(pipeline, this.bind(pipeline, [r, signal, state, this.uniform(params)]), Math.ceil(channels / 64), 1);
      await this.device.queue.onSubmittedWorkDone();
      between();
    }
    return state;
  }

  /** Per channel: [max |error|, Σ error²] over samples [first, length) of the series in `state`. */
  async channelErrors(
    state: GPUBuffer,
    layout: { readonly channelStride: number; readonly indexStride: number },
    n: number,
    signal: GPUBuffer,
    length: number,
    channels: number,
    grid: { readonly first: number; readonly s0: number; readonly ds: number },
  ): Promise<Float32Array> {
    if (n > 1024) throw new Error(`the GPU reconstruction supports N ≤ 1024, got ${n}`);
    const errors = this.storage(channels * 2 * 4);
    const params = new ArrayBuffer(32);
    new Uint32Array(params, 0, 5).set([n, length, grid.first, layout.channelStride, layout.indexStride]);
    new Float32Array(params, 20, 2).set([grid.s0, grid.ds]);
    const pipeline = this.pipeline(CHANNEL_ERRORS_WGSL);
    this.dispatch(pipeline, this.bind(pipeline, [state, signal, errors, this.uniform(params)]), channels, 1);
    return this.read(errors, channels * 2);
  }

  async read(buffer: GPUBuffer, count: number): Promise<Float32Array> {
    const staging = this.device.createBuffer({ size: Math.max(16, Math.ceil((count * 4) / 16) * 16), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(buffer, 0, staging, 0, staging.size);
    this.device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const out = new Float32Array(staging.getMappedRange().slice(0, count * 4));
    staging.unmap();
    staging.destroy();
    return out;
  }

  async readMatrix(m: GpuMatrix): Promise<Float32Array> {
    return this.read(m.buffer, m.rows * m.cols);
  }

  /** Waits for queued work, then frees every buffer this object made. */
  async release(): Promise<void> {
    await this.device.queue.onSubmittedWorkDone();
    for (const b of this.owned.splice(0)) b.destroy();
  }

  private dispatch(pipeline: GPUComputePipeline, bind: GPUBindGroup, x: number, y: number): void {
    const enc = this.device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    this.device.queue.submit([enc.finish()]);
  }
}

/**
 * Samples per dispatch for work of `perSample` multiply-adds each: about 2²⁸ per dispatch, so a
 * cancel is seen within a fraction of a second on a real GPU, and at most `cap`.
 */
function samplesPerDispatch(perSample: number, cap: number): number {
  return Math.max(1, Math.min(cap, Math.floor(2 ** 28 / Math.max(1, perSample))));
}
