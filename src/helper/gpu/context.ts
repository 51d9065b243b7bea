/// <reference types="@webgpu/types" />
// The helper's one WebGPU device: created lazily (the `webgpu` package loads a native Dawn binary, so
// it is imported only when a GPU job arrives), watched for loss, and destroyed only after all queued
// work is done (destroying with work or a mapAsync in flight aborted the process in our tests).
import type { AdapterSummary } from '../../core/protocol/compute';
import { ComputeError } from '../errors';

export interface GpuHandle {
  readonly device: GPUDevice;
  readonly adapter: AdapterSummary;
}

export const NO_ADAPTER_HINT =
  'no WebGPU adapter was found. On a machine without a GPU, set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json ' +
  '(and XDG_RUNTIME_DIR) to use SwiftShader, or choose --backend cpu';

export class GpuContext {
  private handle?: Promise<GpuHandle>;
  private probe?: Promise<AdapterSummary | null>;
  private lostMessage?: string;
  private busy = 0;
  /** Dawn's GPU instance must outlive every adapter and device made from it (a collected one crashed). */
  private instance?: GPU;
  private adapters: GPUAdapter[] = [];

  /** The adapter, or null when there is none; never creates a device. */
  adapterSummary(): Promise<AdapterSummary | null> {
    this.probe ??= this.requestAdapter().then(
      (a) => (a ? summarise(a) : null),
      () => null,
    );
    return this.probe;
  }

  /** A live device; a lost device is replaced by a fresh one. */
  acquire(): Promise<GpuHandle> {
    this.handle ??= this.createDevice().catch((error: unknown) => {
      this.handle = undefined;
      throw error;
    });
    return this.handle;
  }

  /** The loss message since the last call, if the device was lost. */
  takeLostMessage(): string | undefined {
    const m = this.lostMessage;
    this.lostMessage = undefined;
    return m;
  }

  /** Drops the current device (after a loss) so the next acquire() creates a new one. */
  forget(): void {
    this.handle = undefined;
  }

  /** Wraps one job so dispose() waits for it. */
  async run<T>(job: (gpu: GpuHandle) => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await job(await this.acquire());
    } finally {
      this.busy--;
    }
  }

  async dispose(): Promise<void> {
    const pending = this.handle;
    this.handle = undefined;
    if (!pending) return;
    const { device } = await pending.catch(() => ({ device: undefined }));
    if (!device) return;
    while (this.busy > 0) await new Promise((r) => setTimeout(r, 5));
    await device.queue.onSubmittedWorkDone();
    device.destroy();
  }

  private async requestAdapter(): Promise<GPUAdapter | null> {
    const { create, globals } = await import('webgpu');
    // The package's GPUBufferUsage etc. live in `globals`; WebGPU code expects them on globalThis.
    Object.assign(globalThis, globals);
    this.instance ??= create([]);
    const adapter = await this.instance.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter) this.adapters.push(adapter);
    return adapter;
  }

  private async createDevice(): Promise<GpuHandle> {
    const adapter = await this.requestAdapter();
    if (!adapter) throw new ComputeError('noAdapter', NO_ADAPTER_HINT);
    const device = await adapter.requestDevice();
    const handle = { device, adapter: summarise(adapter) };
    void device.lost.then((info) => {
      if (info.reason === 'destroyed') return;
      this.lostMessage = `GPU device lost (${info.reason}): ${info.message}`;
      if (this.handle) void this.handle.then((h) => h.device === device && (this.handle = undefined));
    });
    return handle;
  }
}

function summarise(adapter: GPUAdapter): AdapterSummary {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacy.isFallbackAdapter),
  };
}
