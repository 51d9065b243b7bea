// Online function approximation, the point of HiPPO: run the discrete recurrence over a signal and
// reconstruct the remembered history from the final state's Legendre coefficients.
// With s4's normalisation (B[n] = √(2n+1)) the state x satisfies  u ≈ Σ x_n·√(2n+1)·P_n(s), s ∈ [−1, 1]
// mapping to [0, T] for LegS and to the last window [T − w, T] for LegT.
import { discretize, type Discretization, type DiscreteSystem } from './discretize';
import { matVec, scale } from './matrix';
import { transition } from './hippo';
import { localizable } from '../l10n/localizable';
import { WordedError } from '../l10n/wordedError';

export type ApproximationMeasure = 'legs' | 'legt';

export interface ApproximationRequest {
  readonly measure: ApproximationMeasure;
  readonly n: number;
  /** Samples u(t_k) at t_k = (k+1)·dt. */
  readonly signal: Float64Array;
  readonly dt: number;
  /** LegT window length (in the same time unit as dt); default: the whole signal. */
  readonly window?: number;
  readonly method?: Discretization;
  readonly checkpoint?: () => void;
}

export interface ApproximationResult {
  readonly times: Float64Array;
  readonly signal: Float64Array;
  /** NaN outside the remembered window (LegT). */
  readonly reconstruction: Float64Array;
  readonly coefficients: Float64Array;
  readonly maxError: number;
  readonly rmsError: number;
}

export function approximate(req: ApproximationRequest): ApproximationResult {
  const { n, signal, dt } = req;
  const length = signal.length;
  checkApproximationParameters(req, length);
  const method = req.method ?? 'bilinear';
  let x: Float64Array = new Float64Array(n);
  if (req.measure === 'legs') {
    // Time-varying: step k covers [k−1, k] in units of dt; the rule evaluates A/t at the step's
    // midpoint t = k − ½ (using t = k lags by half a sample: errors ≈ 10× larger).
    const alpha = GBT_ALPHA[method];
    if (alpha !== undefined) {
      for (let k = 1; k <= length; k++) {
        // Mode n decays like −(n+1)/t: while t is small the step is stiff and bilinear rings (the
        // reconstruction near t = 0 was off by 5e-2 at N = 64). Early samples get m sub-steps with
        // m·(2k−1) ≥ N, at most (N/2)·ln N extra O(N) steps; RMS at N = 64, L = 20000: 2e-5 → 9e-7.
        const m = legsSubsteps(n, k);
        for (let j = 0; j < m; j++) legsGbtStep(x, signal[k - 1], 1 / m / (k - 1 + (j + 0.5) / m), alpha);
        if ((k & 4095) === 0) req.checkpoint?.();
      }
    } else {
      const legs = transition('legs', n);
      for (let k = 1; k <= length; k++) {
        const { aBar, bBar } = discretize(scale(legs.a, 1 / (k - 0.5)), legs.b.map((v) => v / (k - 0.5)), 1, method);
        const next = matVec(aBar, x);
        for (let i = 0; i < n; i++) next[i] += bBar[i] * signal[k - 1];
        x = next;
        if ((k & 255) === 0) req.checkpoint?.();
      }
    }
  } else {
    const { aBar, bBar } = legtSystem(n, dt, legtWindow(req), method);
    for (let k = 0; k < length; k++) {
      const next = matVec(aBar, x);
      for (let i = 0; i < n; i++) next[i] += bBar[i] * signal[k];
      x = next;
      if ((k & 1023) === 1023) req.checkpoint?.();
    }
  }
  return reconstruct(req, x);
}

/** Each channel's errors against its own signal. */
export interface ChannelErrors {
  readonly maxError: Float64Array;
  readonly rmsError: Float64Array;
}

/** The channel with the largest max error, drawn beside channel 1 (which the plotted fields are). */
export interface WorstChannel {
  /** 0-based; never 0 (channel 1 is drawn anyway). */
  readonly channel: number;
  readonly signal: Float64Array;
  readonly reconstruction: Float64Array;
}

export interface ChannelsResult extends ApproximationResult {
  readonly channels: number;
  /** When channels > 1; the plotted fields (signal, reconstruction, coefficients, errors) are channel 1's. */
  readonly channelErrors?: ChannelErrors;
  /** When channels > 1 and the worst channel is not channel 1. */
  readonly worst?: WorstChannel;
}

/** The first channel with the largest max error. */
export function worstChannelIndex(maxError: ArrayLike<number>): number {
  let worst = 0;
  for (let c = 1; c < maxError.length; c++) if (maxError[c] > maxError[worst]) worst = c;
  return worst;
}

/** `signal` holds `channels` signals of equal length, one after the other; throws when it cannot. */
export function samplesPerChannel(totalSamples: number, channels: number): number {
  if (!Number.isInteger(channels) || channels < 1) throw new WordedError(localizable('channels must be a whole number ≥ 1, got {0}', channels));
  if (totalSamples % channels !== 0) throw new WordedError(localizable('{0} samples cannot be split into {1} channels of equal length', totalSamples, channels));
  return totalSamples / channels;
}

/**
 * Several signals through the same recurrence, each on its own (the CPU reference for the GPU's
 * batched run). Channel 1 comes back whole, for the plot; the others as their errors.
 */
export function approximateChannels(req: ApproximationRequest & { readonly channels: number }): ChannelsResult {
  const length = samplesPerChannel(req.signal.length, req.channels);
  const maxError = new Float64Array(req.channels), rmsError = new Float64Array(req.channels);
  let first: ApproximationResult | undefined;
  let worst: WorstChannel | undefined;
  let worstIndex = 0;
  for (let c = 0; c < req.channels; c++) {
    // A copy for channel 1: a view would carry every channel's samples across IPC with it.
    const signal = c === 0 ? req.signal.slice(0, length) : req.signal.subarray(c * length, (c + 1) * length);
    const r = approximate({ ...req, signal });
    if (c === 0) first = r;
    maxError[c] = r.maxError;
    rmsError[c] = r.rmsError;
    // The first channel with the largest error, as worstChannelIndex picks it.
    if (c > 0 && r.maxError > maxError[worstIndex]) {
      worstIndex = c;
      worst = { channel: c, signal: signal.slice(), reconstruction: r.reconstruction };
    }
    req.checkpoint?.();
  }
  const result = first as ApproximationResult;
  if (req.channels === 1) return { ...result, channels: 1 };
  return { ...result, channels: req.channels, channelErrors: { maxError, rmsError }, ...(worst ? { worst } : {}) };
}

/**
 * Where the reconstruction is compared with the signal: samples [first, length), sample k at
 * s = s0 + k·ds ∈ [−1, 1] (the same points reconstruct() uses), for a GPU that evaluates the
 * series itself.
 */
export function reconstructionGrid(req: Pick<ApproximationRequest, 'measure' | 'dt' | 'window'>, length: number): { readonly first: number; readonly s0: number; readonly ds: number } {
  const { dt } = req;
  const total = length * dt;
  const windowStart = req.measure === 'legt' ? total - legtWindow({ ...req, signal: { length } }) : 0;
  // The first k with (k+1)·dt ≥ windowStart, by the same comparison reconstruct() makes.
  let first = Math.max(0, Math.ceil(windowStart / dt - 1) - 1);
  while (first < length && (first + 1) * dt < windowStart) first++;
  const span = total - windowStart;
  return { first, s0: (dt - 2 * windowStart) / span - 1, ds: (2 * dt) / span };
}

/** A step or window that cannot do what it is for; the message says what to change. */
export class ApproximationParameterError extends WordedError {
  override readonly name = 'ApproximationParameterError';
}

/**
 * Δ and the window checked for what they do, not only for being finite numbers: sample k sits at
 * t = (k+1)·Δ, so the whole signal's duration L·Δ must be a double; LegT remembers the last w of it,
 * so w must lie in (0, L·Δ] — a longer window remembers time before the signal began (and one of
 * 1e308 made every reconstruction point ∞ and every error NaN).
 */
export function checkApproximationParameters(req: Pick<ApproximationRequest, 'measure' | 'dt' | 'window'>, length: number): void {
  const { dt, window } = req;
  if (!(dt > 0) || !Number.isFinite(dt)) throw new ApproximationParameterError(localizable('the step Δ must be a finite number > 0, got {0}', dt));
  const duration = length * dt;
  if (!Number.isFinite(duration)) throw new ApproximationParameterError(localizable("the signal's duration L·Δ = {0}·{1} is beyond double precision: choose a smaller Δ (by default Δ = 1/L)", length, dt));
  // LegS remembers the whole signal and has no window to check.
  if (window === undefined || req.measure !== 'legt') return;
  if (!(window > 0) || !Number.isFinite(window)) throw new ApproximationParameterError(localizable('the window must be a finite number > 0, got {0}', window));
  if (window > duration * (1 + 1e-12)) {
    throw new ApproximationParameterError(localizable('the window {0} is longer than the whole signal (L·Δ = {1}): LegT would remember time before the signal began; choose a window ≤ {1}', window, duration));
  }
}

/** The LegT window w: the request's, or the whole signal. */
export function legtWindow(req: Pick<ApproximationRequest, 'dt' | 'window'> & { readonly signal: { readonly length: number } }): number {
  const w = req.window ?? req.signal.length * req.dt;
  if (!(w > 0) || !Number.isFinite(w)) throw new ApproximationParameterError(localizable('the window must be a finite number > 0, got {0}', w));
  return w;
}

/** LegT's time-invariant discrete system (Ā, B̄), rescaled to remember a window of length w. */
export function legtSystem(n: number, dt: number, window: number, method: Discretization = 'bilinear'): DiscreteSystem {
  // s4's LegT remembers a window of length 2; rescale time so it remembers w.
  const legt = transition('legt', n);
  return discretize(scale(legt.a, 2 / window), legt.b.map((v) => (v * 2) / window), dt, method);
}

/** Redraws the remembered history from the final state x (f64), with the errors against the signal. */
export function reconstruct(req: Pick<ApproximationRequest, 'measure' | 'signal' | 'dt' | 'window'>, x: Float64Array): ApproximationResult {
  const { signal, dt } = req;
  const length = signal.length;
  const total = length * dt;
  const windowStart = req.measure === 'legt' ? total - legtWindow(req) : 0;
  const times = new Float64Array(length);
  const reconstruction = new Float64Array(length);
  let maxError = 0, sumSq = 0, counted = 0;
  for (let k = 0; k < length; k++) {
    const t = (k + 1) * dt;
    times[k] = t;
    if (t < windowStart) {
      reconstruction[k] = NaN;
      continue;
    }
    // Sample k stands for the interval [k·dt, (k+1)·dt]: evaluate at its midpoint.
    const s = (2 * (t - dt / 2 - windowStart)) / (total - windowStart) - 1;
    reconstruction[k] = legendreSeries(x, s);
    const err = Math.abs(reconstruction[k] - signal[k]);
    maxError = Math.max(maxError, err);
    sumSq += err * err;
    counted++;
  }
  return { times, signal, reconstruction, coefficients: x, maxError, rmsError: Math.sqrt(sumSq / Math.max(counted, 1)) };
}

/** Σ x_n·√(2n+1)·P_n(s) by the three-term recurrence. */
export function legendreSeries(x: Float64Array, s: number): number {
  let pPrev = 1, p = s, sum = x[0];
  if (x.length > 1) sum += x[1] * Math.sqrt(3) * s;
  for (let m = 1; m + 1 < x.length; m++) {
    const pNext = ((2 * m + 1) * s * p - m * pPrev) / (m + 1);
    pPrev = p;
    p = pNext;
    sum += x[m + 1] * Math.sqrt(2 * m + 3) * p;
  }
  return sum;
}

/** The generalised bilinear transform (I − αhA)·x' = (I + (1−α)hA)·x + hB·u: Euler, backward, bilinear. */
const GBT_ALPHA: Partial<Record<Discretization, number>> = { euler: 0, backward: 1, bilinear: 0.5 };

/** α of the method's generalised bilinear transform; undefined for zoh (no O(N) LegS step). */
export function gbtAlpha(method: Discretization): number | undefined {
  return GBT_ALPHA[method];
}

/** Sub-steps for LegS sample k (1-based): early samples are stiff, see approximate(). */
export function legsSubsteps(n: number, k: number): number {
  return Math.max(1, Math.ceil(n / (2 * k - 1)));
}

/**
 * One LegS step in O(N), in place, for the system (A/t, B/t) with h = 1/t. LegS is A = −L with
 * L[n][j] = r_n·r_j below the diagonal and n+1 on it (r_n = √(2n+1) = B[n]), so A·c needs only the
 * prefix sums S_n = Σ_{j<n} r_j·c_j, and (I + αhL)·x = z is solved by the same running sum:
 * x_n = (z_n − αh·r_n·T_n) / (1 + αh(n+1)), T_{n+1} = T_n + r_n·x_n. Same arithmetic as a dense
 * triangular solve, without the N³ factorisation per sample.
 */
export function legsGbtStep(x: Float64Array, u: number, h: number, alpha: number): void {
  const n = x.length;
  const explicit = (1 - alpha) * h, implicit = alpha * h;
  let s = 0, t = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(2 * i + 1);
    const c = x[i];
    // z_i = c_i − (1−α)h·((i+1)c_i + r_i·S_i) + h·r_i·u, with S_i over the OLD state.
    const z = c - explicit * ((i + 1) * c + r * s) + h * r * u;
    s += r * c;
    const next = (z - implicit * r * t) / (1 + implicit * (i + 1));
    t += r * next;
    x[i] = next;
  }
}
