/// <reference types="@webgpu/types" />
// The helper's one WebGPU device: created lazily (the `webgpu` package loads a native Dawn binary, so
// it is imported only when a GPU job arrives), watched for loss, and destroyed only after all queued
// work is done (destroying with work or a mapAsync in flight aborted the process in our tests).
import type { AdapterSummary } from '../../core/protocol/compute';
import { ComputeError } from '../../computeJobs/errors';
import { localizable, verbatim } from '../../core/l10n/localizable';

export interface GpuHandle {
  readonly device: GPUDevice;
  readonly adapter: AdapterSummary;
}

export const NO_ADAPTER_HINT = localizable(
  'no WebGPU adapter was found. On a machine without a GPU, set VK_ICD_FILENAMES={0} (and XDG_RUNTIME_DIR) to use SwiftShader, or choose --backend cpu',
  '/usr/lib/chromium/vk_swiftshader_icd.json',
);

/** The job failed because the device was lost (not because of its own error). */
export class DeviceLostError extends ComputeError {
  constructor(message: string) {
    super('deviceLost', verbatim(message));
  }
}

/**
 * Fault injection for tests: KEXUE_HELPER_FAULT=lose-device-once destroys the first device right
 * before its first job, which Dawn reports exactly like a real device loss; refuse-once makes the
 * first job's device refuse one call (a buffer of usages WebGPU forbids together), as Dawn refuses a
 * pipeline over the device's limits.
 */
const FAULT = process.env.KEXUE_HELPER_FAULT;

/**
 * Dawn's own switches, space-separated (e.g. `backend=opengles`), for a machine whose default backend
 * finds no adapter: a container with NVIDIA's EGL library but no working Vulkan driver. An OpenGL
 * backend offers only WebGPU's compatibility feature level, so it is asked for then.
 */
const DAWN_FLAGS = (process.env.KEXUE_DAWN_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== '');
const FEATURE_LEVEL = DAWN_FLAGS.some((flag) => /^backend=opengl/.test(flag)) ? 'compatibility' : 'core';

const WANTED_LIMITS = [
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
] as const;

export class GpuContext {
  private handle?: Promise<GpuHandle>;
  private probe?: Promise<AdapterSummary | null>;
  private busy = 0;
  /** Dawn's GPU instance must outlive every adapter and device made from it (a collected one crashed). */
  private instance?: GPU;
  private readonly adapters: GPUAdapter[] = [];
  /** Devices we destroyed ourselves: their `lost` is not a loss. */
  private readonly ownDestroyed = new WeakSet<GPUDevice>();
  private faultInjected = false;
  /** What Dawn refused on each device (validation, out of memory): a job that caused any fails. */
  private readonly refusals = new WeakMap<GPUDevice, string[]>();

  /** The adapter, or null when there is none; never creates a device. */
  adapterSummary(): Promise<AdapterSummary | null> {
    this.probe ??= this.requestAdapter().then(
      (a) => (a ? summarise(a) : null),
      () => null,
    );
    return this.probe;
  }

  /** A live device, created on first use. */
  acquire(): Promise<GpuHandle> {
    this.handle ??= this.createDevice().catch((error: unknown) => {
      this.handle = undefined;
      throw error;
    });
    return this.handle;
  }

  /**
   * Runs one job on the device (dispose() waits for it). If the device is lost meanwhile, the job
   * rejects with DeviceLostError and the next acquire() makes a new device.
   */
  async run<T>(job: (gpu: GpuHandle) => Promise<T>): Promise<T> {
    this.busy++;
    let handle: GpuHandle | undefined;
    try {
      handle = await this.acquire();
      if (FAULT === 'lose-device-once' && !this.faultInjected) {
        this.faultInjected = true;
        handle.device.destroy();
      }
      const refusals = this.refusals.get(handle.device) ?? [];
      const before = refusals.length;
      if (FAULT === 'refuse-once' && !this.faultInjected) {
        this.faultInjected = true;
        handle.device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
      }
      const result = await job(handle);
      // A refused pipeline or dispatch leaves its output buffer as it was (zeros): never a result.
      await handle.device.queue.onSubmittedWorkDone();
      if (refusals.length > before) throw new ComputeError('internal', localizable('the GPU refused the work: {0}', refusals[before]));
      return result;
    } catch (error) {
      // A loss surfaces first as a failed mapAsync or submit; `lost` may settle a moment later.
      const lost = handle ? await this.lossOf(handle.device, 250) : undefined;
      if (!lost) throw error;
      const current = this.handle;
      if (current) void current.then((h) => h.device === handle?.device && (this.handle = undefined));
      throw new DeviceLostError(lost);
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
    this.ownDestroyed.add(device);
    device.destroy();
  }

  private lossOf(device: GPUDevice, waitMs: number): Promise<string | undefined> {
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs).unref());
    const lost = device.lost.then((info) => (this.ownDestroyed.has(device) ? undefined : `GPU device lost (${info.reason}): ${info.message}`));
    return Promise.race([lost, timeout]);
  }

  private async requestAdapter(): Promise<GPUAdapter | null> {
    const { create, globals } = await import('webgpu');
    // The package's GPUBufferUsage etc. live in `globals`; WebGPU code expects them on globalThis.
    Object.assign(globalThis, globals);
    this.instance ??= create(DAWN_FLAGS);
    const adapter = await this.instance.requestAdapter({ powerPreference: 'high-performance', featureLevel: FEATURE_LEVEL });
    if (adapter) this.adapters.push(adapter);
    return adapter;
  }

  private async createDevice(): Promise<GpuHandle> {
    const adapter = await this.requestAdapter();
    if (!adapter) throw new ComputeError('noAdapter', NO_ADAPTER_HINT);
    // The defaults are WebGPU's minimums (in compatibility mode 128 invocations a workgroup, fewer than
    // our kernels use); ask for what the adapter has.
    const requiredLimits = Object.fromEntries(WANTED_LIMITS.map((name) => [name, adapter.limits[name]]));
    const device = await adapter.requestDevice({ requiredLimits });
    const refusals: string[] = [];
    this.refusals.set(device, refusals);
    device.onuncapturederror = (event) => refusals.push(event.error.message.split('\n')[0]);
    // Unprompted loss: the next acquire() replaces the device.
    void device.lost.then(() => {
      if (this.ownDestroyed.has(device) || !this.handle) return;
      void this.handle.then((h) => h.device === device && (this.handle = undefined));
    });
    return { device, adapter: summarise(adapter) };
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
