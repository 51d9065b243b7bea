// Test signals for the online function approximation, sampled at t_k = (k+1)/length on (0, 1].
// Deterministic (the noise is seeded), so a result can be reproduced and tested.
import type { GeneratedSignal, SignalSpec } from './blockParams';

/** Samples per channel and channels of a signal, known before any sample is made (limits are checked on it). */
export function signalShape(spec: SignalSpec): { readonly length: number; readonly channels: number } {
  const channels = spec.channels ?? 1;
  return { length: spec.kind === 'data' ? spec.values.length / channels : spec.length, channels };
}

/** The samples of a signal, channel after channel. */
export function signalSamples(spec: SignalSpec): Float64Array {
  return spec.kind === 'data' ? Float64Array.from(spec.values) : generateChannels(spec.kind, spec.length, spec.channels ?? 1);
}

/**
 * `channels` signals of `length` samples, one after the other. Channel c (from 0) is the same kind of
 * signal made different: the sweep starts at phase 2πc/channels, the steps jump c/(3·channels) later,
 * the noise has seed c + 1. Channel 0 is generateSignal(kind, length) itself.
 */
export function generateChannels(kind: GeneratedSignal, length: number, channels: number): Float64Array {
  const out = new Float64Array(channels * length);
  for (let c = 0; c < channels; c++) out.set(generateSignal(kind, length, c + 1, c / channels), c * length);
  return out;
}

/** One signal; `shift` ∈ [0, 1) moves the sweep's phase (by 2π·shift) or the steps' jumps (by shift/3). */
export function generateSignal(kind: GeneratedSignal, length: number, seed = 1, shift = 0): Float64Array {
  const out = new Float64Array(length);
  switch (kind) {
    case 'sine':
      // A sweep from 1 to 6 cycles per unit time: slow enough at the start that the early
      // history is still recognisable in a LegS memory of N ≈ 32.
      for (let k = 0; k < length; k++) {
        const t = (k + 1) / length;
        out[k] = Math.sin(2 * Math.PI * (t + 2.5 * t * t + shift));
      }
      return out;
    case 'step': {
      // Two jumps: the Gibbs ringing of a truncated Legendre series shows at each.
      const first = (1 + shift) / 3, second = (2 + shift) / 3;
      for (let k = 0; k < length; k++) {
        // The sample's midpoint decides its side, so the pieces get equal numbers of samples.
        const t = (k + 0.5) / length;
        out[k] = t < first ? 0 : t < second ? 1 : -0.5;
      }
      return out;
    }
    case 'noise': {
      let state = seed >>> 0 || 1;
      for (let k = 0; k < length; k++) {
        // mulberry32: small, fast, good enough for a picture.
        state = (state + 0x6d2b79f5) >>> 0;
        let z = state;
        z = Math.imul(z ^ (z >>> 15), z | 1);
        z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
        out[k] = (((z ^ (z >>> 14)) >>> 0) / 4294967296) * 2 - 1;
      }
      return out;
    }
  }
}
