/// <reference types="@webgpu/types" />
// Small typed wrappers around the WGSL kernels: f32 buffers, the tiled matmul, a sum of squares
// and the HiPPO recurrences (the S4 kernel, and the state driven by a signal). Every read-back awaits its mapAsync before returning.
import { KERNEL_WGSL, MATMUL_WGSL, RECURRENCE_WGSL, SUM_SQUARES_WGSL } from './wgsl';

export interface GpuMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly buffer: GPUBuffer;
}

export class GpuOps {
  private readonly matmulPipeline: GPUComputePipeline;
  private readonly sumSquaresPipeline: GPUComputePipeline;
  private readonly kernelPipeline: GPUComputePipeline;
  private readonly recurrencePipeline: GPUComputePipeline;
  private readonly owned: GPUBuffer[] = [];
  private readonly dummy: GPUBuffer;

  constructor(readonly device: GPUDevice) {
    const make = (code: string) => device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
    this.matmulPipeline = make(MATMUL_WGSL);
    this.sumSquaresPipeline = make(SUM_SQUARES_WGSL);
    this.kernelPipeline = make(KERNEL_WGSL);
    this.recurrencePipeline = make(RECURRENCE_WGSL);
    this.dummy = this.storage(4);
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
    const bind = this.device.createBindGroup({
      layout: this.matmulPipeline.getBindGroupLayout(0),
      entries: [a.buffer, b.buffer, (d ?? { buffer: this.dummy }).buffer, out.buffer, this.uniform(params)].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    this.dispatch(this.matmulPipeline, bind, Math.ceil(b.cols / 64), Math.ceil(a.rows / 64));
  }

  async sumOfSquares(x: GpuMatrix): Promise<number> {
    const out = this.storage(4);
    const params = new Uint32Array([x.rows * x.cols, 0, 0, 0]);
    const bind = this.device.createBindGroup({
      layout: this.sumSquaresPipeline.getBindGroupLayout(0),
      entries: [x.buffer, out, this.uniform(params.buffer)].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    this.dispatch(this.sumSquaresPipeline, bind, 1, 1);
    return (await this.read(out, 1))[0];
  }

  /** K_l = C·Ā^l·B̄ for l in [0, length), in chunks of `chunk` steps; `between` runs after each chunk. */
  async kernel(aBar: ArrayLike<number>, n: number, bBar: ArrayLike<number>, c: ArrayLike<number>, length: number, between: () => void, chunk = 1024): Promise<Float32Array> {
    if (n > 1024) throw new Error(`the GPU kernel supports N ≤ 1024, got ${n}`);
    const a = this.upload(aBar), state = this.upload(bBar), cv = this.upload(c), k = this.storage(length * 4);
    for (let start = 0; start < length; start += chunk) {
      const params = new Uint32Array([n, start, Math.min(chunk, length - start), 0]);
      const bind = this.device.createBindGroup({
        layout: this.kernelPipeline.getBindGroupLayout(0),
        entries: [a, state, cv, k, this.uniform(params.buffer)].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      this.dispatch(this.kernelPipeline, bind, 1, 1);
      await this.device.queue.onSubmittedWorkDone();
      between();
    }
    return this.read(k, length);
  }

  /** The state after c_{l+1} = Ā·c_l + B̄·f_l from c_0 = 0 over the whole signal, in chunks of `chunk` samples. */
  async drivenState(aBar: ArrayLike<number>, n: number, bBar: ArrayLike<number>, signal: ArrayLike<number>, between: () => void, chunk = 1024): Promise<Float32Array> {
    if (n > 1024) throw new Error(`the GPU recurrence supports N ≤ 1024, got ${n}`);
    const a = this.upload(aBar), b = this.upload(bBar), f = this.upload(signal), state = this.storage(n * 4);
    for (let start = 0; start < signal.length; start += chunk) {
      const params = new Uint32Array([n, start, Math.min(chunk, signal.length - start), 0]);
      const bind = this.device.createBindGroup({
        layout: this.recurrencePipeline.getBindGroupLayout(0),
        entries: [a, b, f, state, this.uniform(params.buffer)].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      this.dispatch(this.recurrencePipeline, bind, 1, 1);
      // One chunk in flight at a time, so a cancel lands between chunks rather than after all of them.
      await this.device.queue.onSubmittedWorkDone();
      between();
    }
    return this.read(state, n);
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
