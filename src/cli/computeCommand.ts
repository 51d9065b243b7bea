// `kexue compute pinv|hippo|approximate …`: runs a job in the compute helper and prints JSON or a short report.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DISCRETIZATIONS, type Discretization } from '../core/numerics/discretize';
import { formatRationalMatrix } from '../core/numerics/exactPinv';
import { HIPPO_MEASURES, type HippoMeasure } from '../core/numerics/hippo';
import { LimitError, validateRequest } from '../core/numerics/limits';
import { type Matrix, toRows } from '../core/numerics/matrix';
import { MatrixParseError, parseMatrix } from '../core/numerics/parseMatrix';
import type { ApproximateResponse, BackendChoice, HippoResponse, PinvResponse } from '../core/protocol/compute';
import { BlockParamsError, dataSignal, DEFAULT_APPROXIMATION, GENERATED_SIGNALS, type GeneratedSignal, type SignalSpec } from '../core/compute/blockParams';
import { signalSamples, signalShape } from '../core/compute/signals';
import { ComputeClient, ComputeRequestError } from '../computeClient/computeClient';

export const COMPUTE_USAGE = `usage:
  kexue compute pinv (--matrix TEXT | --matrix-file FILE) [--backend cpu|gpu|auto] [--exact] [--rcond R | --rtol-none] [--routes eigen,epsilon,newtonSchulz] [--json]
      TEXT/FILE: JSON [[1,2],[3,4]], LaTeX \\begin{pmatrix}…\\end{pmatrix}, CSV or a Markdown table
  kexue compute hippo --measure legs|legt|lagt|fout|legt-post --n N [--discretize bilinear|zoh|euler|backward --dt D] [--kernel L] [--backend cpu|gpu|auto] [--json]
  kexue compute hippo --measure legs --n N --discretize METHOD --step K [--json]     (time-varying LegS: Ā_k, B̄_k of (A/t, B/t) at t = kΔ)
  kexue compute approximate --measure legs|legt --n N (--signal sine|step|noise [--length L] [--channels C] | --signal-file FILE [--channels C])
      [--method bilinear|euler|backward|zoh] [--dt D] [--window W] [--backend cpu|gpu|auto] [--json]
      FILE: one sample a line, or C numbers a line (one column per channel); dt defaults to 1/L`;

class UsageError extends Error {}

interface ParsedArgs {
  readonly flags: Map<string, string>;
  readonly switches: Set<string>;
}

const SWITCHES = new Set(['json', 'exact', 'rtol-none', 'help']);

function parseArgs(args: readonly string[]): ParsedArgs {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (SWITCHES.has(name)) {
      switches.add(name);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, switches };
}

function backendOf(flags: Map<string, string>): BackendChoice {
  const b = flags.get('backend') ?? 'auto';
  if (b !== 'auto' && b !== 'cpu' && b !== 'gpu') throw new UsageError(`--backend must be cpu, gpu or auto, got "${b}"`);
  return b;
}

function positiveInteger(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return value;
}

export function resolveHelperPath(): string {
  const candidates = [process.env.KEXUE_HELPER_PATH, path.join(__dirname, 'helper.mjs'), path.resolve('dist', 'helper.mjs')];
  const found = candidates.find((c): c is string => c !== undefined && existsSync(c));
  if (!found) throw new Error(`compute helper not found (looked for ${candidates.filter(Boolean).join(', ')}); run \`node esbuild.mjs\` first`);
  return found;
}

export async function computeCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'pinv') return await pinvCommand(parseArgs(rest));
    if (sub === 'hippo') return await hippoCommand(parseArgs(rest));
    if (sub === 'approximate') return await approximateCommand(parseArgs(rest));
    process.stderr.write(`${COMPUTE_USAGE}\n`);
    return sub === '--help' || sub === undefined ? (sub ? 0 : 2) : 2;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kexue compute: ${error.message}\n${COMPUTE_USAGE}\n`);
      return 2;
    }
    if (error instanceof MatrixParseError || error instanceof LimitError || error instanceof BlockParamsError || error instanceof ComputeRequestError) {
      process.stderr.write(`kexue compute: ${error.message}\n`);
      return error instanceof ComputeRequestError && error.code === 'noAdapter' ? 4 : 3;
    }
    throw error;
  }
}

async function withClient<T>(run: (client: ComputeClient) => Promise<T>): Promise<T> {
  const client = new ComputeClient({ helperPath: resolveHelperPath(), requestTimeoutMs: 600_000 });
  try {
    return await run(client);
  } finally {
    client.dispose();
  }
}

async function pinvCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const inline = flags.get('matrix');
  const file = flags.get('matrix-file');
  if ((inline === undefined) === (file === undefined)) throw new UsageError('give exactly one of --matrix or --matrix-file');
  const text = inline ?? readFileSync(file as string, 'utf8');
  const parsed = parseMatrix(text);
  const exact = switches.has('exact');
  validateRequest({ kind: 'pinv', rows: parsed.matrix.rows, cols: parsed.matrix.cols, exact });
  if (exact && !parsed.rational) throw new UsageError('--exact needs every cell to be an exact rational (integers, decimals or \\frac{a}{b})');
  const rcond = flags.get('rcond');
  if (rcond !== undefined && switches.has('rtol-none')) throw new UsageError('give at most one of --rcond and --rtol-none');
  const tolerance = switches.has('rtol-none') ? ('maxDimEps' as const) : rcond !== undefined ? Number(rcond) : undefined;
  if (tolerance !== undefined && tolerance !== 'maxDimEps' && !(tolerance >= 0)) throw new UsageError(`--rcond must be a number ≥ 0, got "${rcond}"`);
  const routes = flags.get('routes')?.split(',').map((r) => r.trim());
  const known = ['eigen', 'epsilon', 'newtonSchulz'] as const;
  const badRoute = routes?.find((r) => !(known as readonly string[]).includes(r));
  if (badRoute !== undefined) throw new UsageError(`unknown route "${badRoute}": use ${known.join(', ')}`);
  const response = await withClient((client) =>
    client.request({
      type: 'pinv',
      matrix: parsed.matrix,
      backend: backendOf(flags),
      tolerance,
      exactCells: exact && parsed.rational ? formatRationalMatrix(parsed.rational) : undefined,
      routes: routes as (typeof known)[number][] | undefined,
    }),
  );
  process.stdout.write(switches.has('json') ? `${JSON.stringify(pinvJson(response))}\n` : pinvText(response));
  return 0;
}

export function pinvJson(r: PinvResponse) {
  return {
    backend: r.backend,
    adapter: r.adapter,
    rank: r.rank,
    singularValues: Array.from(r.singularValues),
    ...(r.singularValueExponent !== undefined ? { singularValueExponent: r.singularValueExponent } : {}),
    pinv: toRows(r.pinv),
    ...(r.exact ? { exact: r.exact.pinv } : {}),
    residuals: r.residuals,
    ...(r.routes ? { routes: r.routes } : {}),
    ms: round(r.timings.totalMs),
    notes: r.notes,
  };
}

function pinvText(r: PinvResponse): string {
  const lines = [
    `backend: ${r.backend}${r.adapter ? ` (${r.adapter.description || r.adapter.vendor}${r.adapter.isFallbackAdapter ? ', fallback' : ''})` : ''}`,
    `rank: ${r.rank}   cutoff: ${r.cutoff.toExponential(3)}`,
    `singular values: ${Array.from(r.singularValues, (v) => v.toPrecision(6)).join(', ')}`,
    'pinv:',
    ...formatRows(r.pinv),
    ...(r.exact ? ['exact:', ...r.exact.pinv.map((row) => `  ${row.join('\t')}`)] : []),
    `Penrose residuals: ‖AXA−A‖=${r.residuals.axa.toExponential(2)} ‖XAX−X‖=${r.residuals.xax.toExponential(2)} ` +
      `‖(AX)ᵀ−AX‖=${r.residuals.axSymmetry.toExponential(2)} ‖(XA)ᵀ−XA‖=${r.residuals.xaSymmetry.toExponential(2)}`,
    ...(r.routes ?? []).map((route) => `route ${route.route}: ‖X − A⁺‖/‖A⁺‖ = ${route.relativeError.toExponential(2)} (${route.detail})`),
    ...r.notes,
    `${round(r.timings.totalMs)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

async function hippoCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const measure = flags.get('measure');
  if (!measure || !(HIPPO_MEASURES as readonly string[]).includes(measure)) throw new UsageError(`--measure must be one of ${HIPPO_MEASURES.join(', ')}`);
  const n = positiveInteger(flags, 'n');
  if (n === undefined) throw new UsageError('--n N is required');
  const kernelLength = positiveInteger(flags, 'kernel');
  validateRequest({ kind: 'hippo', n, kernelLength });
  const method = flags.get('discretize');
  const dtText = flags.get('dt');
  const step = positiveInteger(flags, 'step');
  if (method !== undefined && !(DISCRETIZATIONS as readonly string[]).includes(method)) throw new UsageError(`--discretize must be one of ${DISCRETIZATIONS.join(', ')}`);
  if (step !== undefined && method === undefined) throw new UsageError('--step needs --discretize (the method for the time-varying LegS step)');
  // With --step, Δ cancels (A/t·Δ = A/k), so --dt may be left out.
  if (step === undefined && (method === undefined) !== (dtText === undefined)) throw new UsageError('--discretize and --dt go together');
  const dt = dtText === undefined ? (step !== undefined ? 1 : undefined) : Number(dtText);
  if (dt !== undefined && !(dt > 0 && Number.isFinite(dt))) throw new UsageError(`--dt must be a number > 0, got "${dtText}"`);
  if (kernelLength !== undefined && method === undefined) throw new UsageError('--kernel needs --discretize and --dt');
  const response = await withClient((client) =>
    client.request({
      type: 'hippo',
      measure: measure as HippoMeasure,
      n,
      discretization: method && dt !== undefined ? { method: method as Discretization, dt, ...(step !== undefined ? { step } : {}) } : undefined,
      kernelLength,
      backend: backendOf(flags),
    }),
  );
  process.stdout.write(switches.has('json') ? `${JSON.stringify(hippoJson(response))}\n` : hippoText(response));
  return 0;
}

export function hippoJson(r: HippoResponse) {
  return {
    backend: r.backend,
    adapter: r.adapter,
    convention: r.convention,
    A: toRows(r.a),
    B: Array.from(r.b),
    ...(r.aBar ? { Abar: toRows(r.aBar) } : {}),
    ...(r.bBar ? { Bbar: Array.from(r.bBar) } : {}),
    ...(r.step !== undefined ? { step: r.step } : {}),
    ...(r.kernel ? { kernel: Array.from(r.kernel) } : {}),
    ms: round(r.timings.totalMs),
    notes: r.notes,
  };
}

function hippoText(r: HippoResponse): string {
  const lines = [`${r.convention} — backend ${r.backend}`, 'A:', ...formatRows(r.a), `B: ${Array.from(r.b, fmt).join('\t')}`];
  if (r.aBar) lines.push('Ā:', ...formatRows(r.aBar));
  if (r.bBar) lines.push(`B̄: ${Array.from(r.bBar, fmt).join('\t')}`);
  if (r.kernel) lines.push(`K (first ${Math.min(16, r.kernel.length)} of ${r.kernel.length}): ${Array.from(r.kernel.subarray(0, 16), fmt).join(' ')}`);
  lines.push(...r.notes, `${round(r.timings.totalMs)} ms`);
  return `${lines.join('\n')}\n`;
}

async function approximateCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const measure = flags.get('measure') ?? 'legs';
  if (measure !== 'legs' && measure !== 'legt') throw new UsageError(`--measure must be legs or legt, got "${measure}"`);
  const n = positiveInteger(flags, 'n') ?? DEFAULT_APPROXIMATION.n;
  const channels = positiveInteger(flags, 'channels') ?? 1;
  const method = flags.get('method') ?? 'bilinear';
  if (!(DISCRETIZATIONS as readonly string[]).includes(method)) throw new UsageError(`--method must be one of ${DISCRETIZATIONS.join(', ')}`);
  const file = flags.get('signal-file');
  const kind = flags.get('signal');
  if ((file === undefined) === (kind === undefined)) throw new UsageError('give exactly one of --signal and --signal-file');
  let spec: SignalSpec;
  if (file !== undefined) {
    if (flags.has('length')) throw new UsageError('--length is for generated signals; a file has as many samples as it has');
    spec = dataSignal(readFileSync(file, 'utf8'), channels);
  } else {
    if (!(GENERATED_SIGNALS as readonly string[]).includes(kind as string)) throw new UsageError(`--signal must be one of ${GENERATED_SIGNALS.join(', ')}`);
    spec = { kind: kind as GeneratedSignal, length: positiveInteger(flags, 'length') ?? DEFAULT_APPROXIMATION.length, channels };
  }
  const { length } = signalShape(spec);
  // Checked before the samples are made.
  validateRequest({ kind: 'approximate', n, length, channels });
  const signal = signalSamples(spec);
  const dt = optionalPositive(flags, 'dt') ?? 1 / length;
  const window = optionalPositive(flags, 'window');
  const response = await withClient((client) =>
    client.request({ type: 'approximate', measure, n, signal, channels, dt, window, method: method as Discretization, backend: backendOf(flags) }),
  );
  process.stdout.write(switches.has('json') ? `${JSON.stringify(approximateJson(response))}\n` : approximateText(response));
  return 0;
}

function optionalPositive(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0 && Number.isFinite(value))) throw new UsageError(`--${name} must be a number > 0, got "${text}"`);
  return value;
}

export function approximateJson(r: ApproximateResponse) {
  return {
    backend: r.backend,
    adapter: r.adapter,
    channels: r.channels,
    coefficients: Array.from(r.coefficients),
    maxError: r.maxError,
    rmsError: r.rmsError,
    ...(r.channelErrors ? { channelErrors: { maxError: Array.from(r.channelErrors.maxError), rmsError: Array.from(r.channelErrors.rmsError) } } : {}),
    ms: round(r.timings.totalMs),
    phases: r.timings.phases,
    notes: r.notes,
  };
}

function approximateText(r: ApproximateResponse): string {
  const lines = [
    `backend ${r.backend}${r.adapter ? ` (${r.adapter.description || r.adapter.vendor}${r.adapter.isFallbackAdapter ? ', fallback' : ''})` : ''}`,
    `N=${r.coefficients.length}, ${r.channels} channel${r.channels === 1 ? '' : 's'} × ${r.signal.length} samples`,
    `channel 1: max error ${r.maxError.toExponential(3)}, RMS ${r.rmsError.toExponential(3)}`,
  ];
  if (r.channelErrors) {
    const worst = Math.max(...r.channelErrors.maxError);
    lines.push(`all channels: worst max error ${worst.toExponential(3)} (channel ${r.channelErrors.maxError.indexOf(worst) + 1})`);
  }
  lines.push(`coefficients (first ${Math.min(8, r.coefficients.length)}): ${Array.from(r.coefficients.subarray(0, 8), fmt).join(' ')}`, ...r.notes, `${round(r.timings.totalMs)} ms`);
  return `${lines.join('\n')}\n`;
}

function formatRows(m: Matrix, max = 12): string[] {
  const rows = toRows(m).slice(0, max).map((row) => `  ${row.slice(0, max).map(fmt).join('\t')}${m.cols > max ? '\t…' : ''}`);
  if (m.rows > max) rows.push(`  … (${m.rows}×${m.cols})`);
  return rows;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));
const round = (ms: number) => Math.round(ms * 1000) / 1000;
