// The online function approximation on the GPU, for long signals and many channels at once.
// LegT: its fixed (Ā, B̄) in f64 on the CPU, the final state Σ Ā^m·B̄·f_{L−1−m} in f32 on the GPU as
// matrix products (gpuKernel.ts drivenStateProducts: blocks of samples times [B̄ … Ā^{c−1}B̄], then
// Horner steps by Ā^c, all channels together). LegS: the O(N) step of core/numerics/approximate.ts in f32, one thread
// per channel. Channel 1 is reconstructed in f64 on the CPU for the plot; every channel's error is
// reduced on the GPU, so only N numbers and two errors per channel come back.
import { gbtAlpha, legtSystem, legtWindow, reconstruct, reconstructionGrid, worstChannelIndex, type WorstChannel } from '../../core/numerics/approximate';
import type { ApproximateRequest, ApproximateResponse } from '../../core/protocol/compute';
import { checkApproximation } from '../../computeJobs/cpuJobs';
import { ComputeError } from '../../computeJobs/errors';
import type { GpuHandle } from './context';
import { drivenStateProducts } from './gpuKernel';
import { GpuOps } from './gpuOps';
import { localizable } from '../../core/l10n/localizable';

/** Channel 1 coefficients vs the f64 CPU, on SwiftShader: LegS 1.4e-6 (N = 24, 1500 samples) to 4e-5 (N = 64, 65536); LegT 1.3e-5 (N = 24, 1500). */
const F32_NOTE = localizable('f32 rounding accumulates over the samples: expect the coefficients within ~1e-5 (up to ~1e-4 for long signals and large N) of the f64 CPU result, and reconstruction errors no smaller than that.');

/** Refused before any device work: the one case with no GPU kernel. */
export function checkGpuApproximation(req: ApproximateRequest): void {
  if (req.measure === 'legs' && gbtAlpha(req.method ?? 'bilinear') === undefined) {
    throw new ComputeError(
      'unsupported',
      localizable('on the GPU, LegS runs with euler, backward or bilinear steps; {0} needs a matrix exponential per sample, which only the CPU does. Use method=bilinear or --backend cpu', String(req.method)),
    );
  }
}

export async function gpuApproximate(gpu: GpuHandle, req: ApproximateRequest, checkpoint: () => void): Promise<ApproximateResponse> {
  checkApproximation(req);
  checkGpuApproximation(req);
  const channels = req.channels ?? 1;
  const length = req.signal.length / channels;
  const method = req.method ?? 'bilinear';
  // The samples the errors are taken over, and where each one sits on [−1, 1].
  const grid = reconstructionGrid(req, length);
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  const ops = new GpuOps(gpu.device);
  // Every channel's final state, and where channel c's coefficient n sits in it.
  let all: Float32Array, layout: { channelStride: number; indexStride: number };
  let errors: Float32Array | undefined;
  try {
    const signal = ops.upload(req.signal);
    let state: GPUBuffer;
    if (req.measure === 'legt') {
      const t1 = performance.now();
      const { aBar, bBar } = legtSystem(req.n, req.dt, legtWindow({ ...req, signal: { length } }), method);
      phases.discretize = performance.now() - t1;
      const t2 = performance.now();
      state = await drivenStateProducts(ops, aBar.data, req.n, bBar, req.signal, length, channels, checkpoint);
      phases.gpuRecurrence = performance.now() - t2;
      layout = { channelStride: req.n, indexStride: 1 };
    } else {
      const t2 = performance.now();
      state = await ops.legsState(req.n, gbtAlpha(method) as number, signal, length, channels, checkpoint);
      phases.gpuRecurrence = performance.now() - t2;
      layout = { channelStride: 1, indexStride: channels };
    }
    const t3 = performance.now();
    all = await ops.read(state, channels * req.n);
    if (channels > 1) errors = await ops.channelErrors(state, layout, req.n, signal, length, channels, grid);
    phases.gpuErrors = performance.now() - t3;
  } finally {
    await ops.release();
  }
  // Channel 1, and the worst channel when it is another, are reconstructed in f64 for the plots.
  const redraw = (c: number) => {
    const coefficients = Float64Array.from({ length: req.n }, (_, i) => all[c * layout.channelStride + i * layout.indexStride]);
    return reconstruct({ ...req, signal: req.signal.slice(c * length, (c + 1) * length) }, coefficients);
  };
  const t4 = performance.now();
  const first = redraw(0);
  const channelErrors = errors && channelErrorsFrom(errors, length - grid.first, first);
  const worstIndex = channelErrors ? worstChannelIndex(channelErrors.maxError) : 0;
  let worst: WorstChannel | undefined;
  if (worstIndex > 0) {
    const { signal, reconstruction } = redraw(worstIndex);
    worst = { channel: worstIndex, signal, reconstruction };
  }
  phases.reconstruct = performance.now() - t4;
  const notes = [
    req.measure === 'legt'
      ? localizable('Ā, B̄ in f64 on the CPU; the final state x_L = Σ Ā^m·B̄·f_{L−1−m} in f32 on the GPU as matrix products (blocks of samples, then Horner steps by a power of Ā), all channels together.')
      : localizable('The LegS recurrence in f32 on the GPU, one thread per channel.'),
    F32_NOTE,
    channels > 1
      ? localizable('Channel 1 is reconstructed in f64 on the CPU; the errors of all {0} channels are evaluated in f32 on the GPU.', channels)
      : localizable('The reconstruction in f64 on the CPU.'),
    ...(gpu.adapter.isFallbackAdapter ? [localizable('The adapter is a software fallback (e.g. SwiftShader): correct but not fast.')] : []),
  ];
  return {
    type: 'approximateResult', id: req.id, backend: 'gpu', adapter: gpu.adapter, notes,
    timings: { totalMs: performance.now() - t0, phases },
    ...first,
    channels,
    channelErrors,
    worst,
  };
}

/** GPU [max, Σ²] pairs → per-channel max and RMS; channel 1 keeps its f64 figures, as plotted. */
function channelErrorsFrom(pairs: Float32Array, counted: number, first: { maxError: number; rmsError: number }) {
  const channels = pairs.length / 2;
  const maxError = new Float64Array(channels), rmsError = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    maxError[c] = pairs[2 * c];
    rmsError[c] = Math.sqrt(pairs[2 * c + 1] / Math.max(counted, 1));
  }
  maxError[0] = first.maxError;
  rmsError[0] = first.rmsError;
  return { maxError, rmsError };
}
