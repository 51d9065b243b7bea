// Reads a ```kexue-compute fenced block: parameters only, never code. The first non-empty line names
// the job and its `key=value` parameters; a pinv block carries its matrix (or an approximate block its
// samples) on the lines after. Everything is validated here so a bad block says what is wrong before
// anything is sent to the helper; sizes against the user's limits are checked later, by the host.
import type { ApproximationMeasure } from '../numerics/approximate';
import { DISCRETIZATIONS, type Discretization } from '../numerics/discretize';
import { HIPPO_MEASURES, type HippoMeasure } from '../numerics/hippo';
import type { PinvTolerance } from '../numerics/pinv';
import type { BackendChoice, HippoDiscretization } from '../protocol/compute';
import { readNumber } from '../text/readNumber';
import { ALGORITHM_KEYS, ALGORITHM_KINDS, isAlgorithmKind } from './algorithmBlockKeys';
import { algorithmBlock, type AlgorithmBlock } from './algorithmBlocks';
import { BlockParamsError, Params } from './blockParamValues';
import { localizable, type Localizable } from '../l10n/localizable';

export { BlockParamsError, Params };

export const COMPUTE_BLOCK_LANGUAGE = 'kexue-compute';

export type GeneratedSignal = 'sine' | 'step' | 'noise';
export const GENERATED_SIGNALS: readonly GeneratedSignal[] = ['sine', 'step', 'noise'];

/** `channels` signals (default 1) run side by side; data values hold them one after the other. */
export type SignalSpec =
  | { readonly kind: GeneratedSignal; readonly length: number; readonly channels?: number }
  | { readonly kind: 'data'; readonly values: readonly number[]; readonly channels?: number };

export interface PinvBlock {
  readonly kind: 'pinv';
  /** The matrix as written (LaTeX, JSON, CSV or a Markdown table), for parseMatrix. */
  readonly matrixText: string;
  readonly backend?: BackendChoice;
  readonly tolerance?: PinvTolerance;
  /** false turns the exact rational pseudo-inverse off even where it applies. */
  readonly exact?: boolean;
  /** false turns off the comparison with the post's other routes (AᵀA, the ε-limit, Newton–Schulz). */
  readonly routes?: boolean;
}

export interface HippoBlock {
  readonly kind: 'hippo';
  readonly measure: HippoMeasure;
  readonly n: number;
  readonly discretization?: HippoDiscretization;
  readonly kernelLength?: number;
  readonly backend?: BackendChoice;
}

export interface ApproximateBlock {
  readonly kind: 'approximate';
  readonly measure: ApproximationMeasure;
  readonly n: number;
  readonly signal: SignalSpec;
  /** Sample spacing; default 1/length, so the signal spans t ∈ (0, 1]. */
  readonly dt?: number;
  readonly window?: number;
  readonly method?: Discretization;
  readonly backend?: BackendChoice;
}

export type ComputeBlockSpec = PinvBlock | HippoBlock | ApproximateBlock | AlgorithmBlock;
export type ComputeBlockKind = ComputeBlockSpec['kind'];


const KNOWN_KEYS: Record<ComputeBlockKind, readonly string[]> = {
  pinv: ['backend', 'rcond', 'exact', 'routes'],
  hippo: ['measure', 'N', 'method', 'dt', 'step', 'kernel', 'backend'],
  approximate: ['measure', 'N', 'signal', 'length', 'channels', 'dt', 'window', 'method', 'backend'],
  ...ALGORITHM_KEYS,
};

export const DEFAULT_APPROXIMATION = { n: 32, length: 1000 } as const;

/** Parses a block's text (without its fences). Throws BlockParamsError with a message a reader can act on. */
export function parseBlockParams(source: string): ComputeBlockSpec {
  const lines = source.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) throw new BlockParamsError(localizable('the block is empty: start it with {0}, e.g. "hippo measure=legs N=16"', BLOCK_JOBS.join(', ')));
  const [kindWord, ...words] = lines[first].trim().split(/\s+/);
  const kind = BLOCK_JOBS.find((k) => k === kindWord.toLowerCase());
  if (kind === undefined) {
    throw new BlockParamsError(localizable('line {0}: unknown job "{1}": the first word must be one of {2}', first + 1, kindWord, BLOCK_JOBS.join(', ')));
  }
  const params = readParams(words, kind, first + 1);
  const body = lines.slice(first + 1).join('\n').trim();
  if (isAlgorithmKind(kind)) return algorithmBlock(kind, params, body);
  switch (kind) {
    case 'pinv':
      return pinvBlock(params, body);
    case 'hippo':
      if (body !== '') throw new BlockParamsError(localizable('a hippo block takes its parameters on the first line only; remove the lines after it'));
      return hippoBlock(params);
    case 'approximate':
      return approximateBlock(params, body, { text: lines.slice(first + 1).join('\n'), firstLine: first + 2 });
  }
}

const BLOCK_JOBS: readonly ComputeBlockKind[] = ['pinv', 'hippo', 'approximate', ...ALGORITHM_KINDS];

function readParams(words: readonly string[], kind: ComputeBlockKind, line: number): Params {
  const values = new Map<string, string>();
  const known = KNOWN_KEYS[kind];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0 || eq === word.length - 1) throw new BlockParamsError(localizable('line {0}: "{1}" is not key=value (e.g. N=16)', line, word));
    const rawKey = word.slice(0, eq);
    // N is written upper-case in the posts; accept n too, and any case for the other keys.
    const key = known.find((k) => k.toLowerCase() === rawKey.toLowerCase());
    if (key === undefined) throw new BlockParamsError(localizable('line {0}: unknown parameter "{1}" for {2}: use {3}', line, rawKey, kind, known.join(', ')));
    if (values.has(key)) throw new BlockParamsError(localizable('line {0}: {1} is given twice', line, key));
    values.set(key, word.slice(eq + 1));
  }
  return new Params(values, kind);
}

function pinvBlock(params: Params, body: string): PinvBlock {
  if (body === '') throw new BlockParamsError(localizable('a pinv block needs a matrix on the lines after "pinv" (LaTeX pmatrix, JSON [[1,2],[3,4]], CSV or a Markdown table)'));
  const rcond = params.text('rcond');
  let tolerance: PinvTolerance | undefined;
  if (rcond !== undefined) {
    if (rcond === 'maxDimEps') tolerance = 'maxDimEps';
    else {
      const x = readNumber(rcond);
      if (x === undefined || x < 0) throw new BlockParamsError(localizable('rcond={0} must be a number ≥ 0 or maxDimEps', rcond));
      tolerance = x;
    }
  }
  const exact = params.oneOf('exact', ['true', 'false']);
  const routes = params.oneOf('routes', ['true', 'false']);
  return {
    kind: 'pinv',
    matrixText: body,
    backend: params.backend(),
    tolerance,
    exact: exact === undefined ? undefined : exact === 'true',
    ...(routes !== undefined ? { routes: routes === 'true' } : {}),
  };
}

function hippoBlock(params: Params): HippoBlock {
  const measure = params.oneOf<HippoMeasure>('measure', HIPPO_MEASURES);
  if (measure === undefined) throw new BlockParamsError(localizable('hippo needs measure=…: one of {0}', HIPPO_MEASURES.join(', ')));
  const n = params.wholeNumber('N', 1);
  if (n === undefined) throw new BlockParamsError(localizable('hippo needs the state size N=… (e.g. N=16)'));
  if (measure === 'fout' && n % 2 !== 0) throw new BlockParamsError(localizable('FouT pairs cosines with sines, so N must be even; got N={0}', n));
  const method = params.oneOf<Discretization>('method', DISCRETIZATIONS);
  const dt = params.positive('dt');
  const kernelLength = params.wholeNumber('kernel', 1);
  const step = params.wholeNumber('step', 1);
  if (step !== undefined) {
    if (measure !== 'legs') throw new BlockParamsError(localizable('step={0} is for measure=legs, the time-varying measure (A/t, B/t); {1} is time-invariant: remove step=…', step, measure));
    if (kernelLength !== undefined) throw new BlockParamsError(localizable('a time-varying LegS has no convolution kernel (Ā changes every step): remove kernel=… or step=…'));
    // Δ cancels in A/t·Δ = A/k, so the step alone fixes Ā_k, B̄_k; dt is optional.
    return { kind: 'hippo', measure, n, discretization: { method: method ?? 'bilinear', dt: dt ?? 1, step }, backend: params.backend() };
  }
  if (method !== undefined && dt === undefined) throw new BlockParamsError(localizable('method={0} needs a step dt=… (e.g. dt=0.01), or step=k for LegS\'s time-varying Ā_k', method));
  if (kernelLength !== undefined && dt === undefined) throw new BlockParamsError(localizable('kernel=… needs a discretisation: add dt=… (and optionally method=bilinear|zoh|euler|backward)'));
  const discretization = dt === undefined ? undefined : { method: method ?? 'bilinear', dt };
  return { kind: 'hippo', measure, n, discretization, kernelLength, backend: params.backend() };
}

/** `rawBody`: the lines after the first, untrimmed, so messages can give the block's own line numbers. */
function approximateBlock(params: Params, body: string, rawBody: { readonly text: string; readonly firstLine: number }): ApproximateBlock {
  const measure = params.oneOf<ApproximationMeasure>('measure', ['legs', 'legt']) ?? 'legs';
  const n = params.wholeNumber('N', 1) ?? DEFAULT_APPROXIMATION.n;
  const signalName = params.oneOf<GeneratedSignal | 'data'>('signal', [...GENERATED_SIGNALS, 'data']) ?? (body === '' ? 'sine' : 'data');
  const length = params.wholeNumber('length', 2);
  const channels = params.wholeNumber('channels', 1);
  let signal: SignalSpec;
  if (signalName === 'data') {
    if (body === '') throw new BlockParamsError(localizable('signal=data needs the samples on the lines after the first (numbers separated by spaces, commas or new lines)'));
    if (length !== undefined) throw new BlockParamsError(localizable('length=… is for generated signals; with signal=data the length is the number of samples'));
    signal = dataSignal(rawBody.text, channels, rawBody.firstLine);
  } else {
    if (body !== '') throw new BlockParamsError(localizable('signal={0} is generated: remove the lines after the first, or use signal=data for your own samples', signalName));
    signal = { kind: signalName, length: length ?? DEFAULT_APPROXIMATION.length, ...(channels !== undefined ? { channels } : {}) };
  }
  return {
    kind: 'approximate',
    measure,
    n,
    signal,
    dt: params.positive('dt'),
    window: params.positive('window'),
    method: params.oneOf<Discretization>('method', DISCRETIZATIONS),
    backend: params.backend(),
  };
}


/** Numbers separated by whitespace, commas or semicolons (what one pastes from a table or an array). */
export function parseSamples(text: string): number[] {
  const tokens = text.replace(/^\s*\[|\]\s*$/g, '').split(/[\s,;]+/).filter((t) => t !== '');
  if (tokens.length < 2) throw new BlockParamsError(localizable('a signal needs at least 2 samples, got {0}', tokens.length));
  return tokens.map((token, i) => {
    const x = readNumber(token);
    if (x === undefined) throw new BlockParamsError(localizable('sample {0}: cannot read "{1}" as a finite number', i + 1, token));
    return x;
  });
}

/**
 * Samples as written: one signal (numbers separated by spaces, commas or new lines), or with channels > 1
 * a table, one time step a line and one channel a column. Messages count lines from `firstLine`.
 */
export function dataSignal(text: string, channels = 1, firstLine = 1): SignalSpec {
  return channels === 1 ? { kind: 'data', values: parseSamples(text) } : { kind: 'data', values: parseSampleColumns(text, channels, firstLine), channels };
}

/** The numbers on each line that holds any; a Markdown table's rule (|---|---|) is not a line of numbers. */
function numberLines(text: string, firstLine = 1): { readonly line: number; readonly tokens: readonly string[] }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: firstLine + i, raw: raw.trim() }))
    .filter(({ raw }) => raw !== '' && !/^[|:\-\s]+$/.test(raw))
    .map(({ line, raw }) => ({ line, tokens: raw.split(/[\s,;|]+/).filter((t) => t !== '') }));
}

/**
 * A table of samples, one time step a line and one channel a column (as pasted from a spreadsheet, a
 * CSV or a Markdown table), returned channel after channel. Messages count lines from `firstLine`.
 */
export function parseSampleColumns(text: string, channels: number, firstLine = 1): number[] {
  const lines = numberLines(text, firstLine);
  if (lines.length < 2) throw new BlockParamsError(localizable('a signal needs at least 2 samples (lines), got {0}', lines.length));
  const out = new Array<number>(channels * lines.length);
  lines.forEach(({ line, tokens }, k) => {
    if (tokens.length !== channels) throw new BlockParamsError(localizable('line {0}: {1} numbers where channels={2} needs {2} (one column per channel)', line, tokens.length, channels));
    tokens.forEach((token, c) => {
      const x = readNumber(token);
      if (x === undefined) throw new BlockParamsError(localizable('line {0}, column {1}: cannot read "{2}" as a finite number', line, c + 1, token));
      out[c * lines.length + k] = x;
    });
  });
  return out;
}

/** k when every line of `text` holds the same k ≥ 2 numbers on at least 2 lines (a table of channels), else undefined. */
export function sampleColumns(text: string): number | undefined {
  // One number a line (most signals) is settled by the first such line, before the rest is split.
  for (let from = 0; from < text.length; ) {
    const end = text.indexOf('\n', from);
    const [first] = numberLines(text.slice(from, end < 0 ? text.length : end));
    if (first) {
      if (first.tokens.length < 2) return undefined;
      break;
    }
    from = end < 0 ? text.length : end + 1;
  }
  const lines = numberLines(text);
  if (lines.length < 2) return undefined;
  const k = lines[0].tokens.length;
  if (k < 2 || lines.some((l) => l.tokens.length !== k || l.tokens.some((t) => readNumber(t) === undefined))) return undefined;
  return k;
}

/**
 * Text selected in the editor as a signal (and as a table of channels when it is one), or why it is not
 * a signal — a matrix left selected for the pseudo-inverse is not the approximation's input, and used to
 * fail the command with "a signal needs at least 2 samples, got 1" before any question was asked.
 */
export function selectionSignals(text: string): { readonly flat: SignalSpec; readonly table?: SignalSpec; readonly columns?: number } | { readonly notASignal: Localizable } {
  try {
    const flat = dataSignal(text);
    const columns = sampleColumns(text);
    return columns === undefined ? { flat } : { flat, table: dataSignal(text, columns), columns };
  } catch (error) {
    if (error instanceof BlockParamsError) return { notASignal: error.words };
    throw error;
  }
}
