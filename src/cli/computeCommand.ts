// `kexue compute pinv|hippo|approximate …`: runs a job in the compute helper and prints JSON or a short report.
import { counted } from './counted';
import { BlockParamsError, dataSignal, DEFAULT_APPROXIMATION, sampleColumns, GENERATED_SIGNALS, type ApproximateBlock, type HippoBlock, type PinvBlock, type GeneratedSignal, type SignalSpec } from '../core/compute/blockParams';
import { ExactCellsError, jobRequestFor, PINV_ROUTES, type JobRequestOptions, type PinvRoute } from '../core/compute/jobRequests';
import { DISCRETIZATIONS, type Discretization } from '../core/numerics/discretize';
import { HIPPO_MEASURES, type HippoMeasure } from '../core/numerics/hippo';
import { DEFAULT_LIMITS, LimitError, MAX_TOTAL_SAMPLES } from '../core/numerics/limits';
import { toRows } from '../core/numerics/matrix';
import type { PenroseResiduals } from '../core/numerics/pinv';
import { MatrixParseError, maxMatrixBytes, type ParsedMatrix, parsePlainCsvFile } from '../core/numerics/parseMatrix';
import type { ApproximateResponse, HippoResponse, JobRequest, PinvResponse, Unidentified } from '../core/protocol/compute';
import { ComputeRequestError } from '../computeClient/requestError';
import { matrixMemory } from '../computeJobs/parallelProduct';
import { type CliOptions, parseCli, reportFailure, reportUsageError, UsageError, wantsJson } from './cliArgs';
import { backendOf, fmt, formatRows, JsonMatrix, optionalPositive, positiveInteger, round, computeJob, type ParsedArgs, writeJson } from './computeSupport';
import { InputFileError, readInputFile, withRegularFile } from './readInputFile';
import { englishText } from '../core/l10n/localizable';

export { resolveHelperPath } from './computeSupport';

export const COMPUTE_USAGE = `usage:
  kexue compute pinv (--matrix TEXT | --matrix-file FILE) [--backend cpu|gpu|auto] [--exact] [--rcond R | --rtol-none] [--routes eigen,epsilon,newtonSchulz] [--json]
      TEXT/FILE: JSON [[1,2],[3,4]], LaTeX \\begin{pmatrix}…\\end{pmatrix}, CSV or a Markdown table
  kexue compute hippo --measure legs|legt|lagt|fout|legt-post --n N [--discretize bilinear|zoh|euler|backward --dt D] [--kernel L] [--backend cpu|gpu|auto] [--json]
  kexue compute hippo --measure legs --n N --discretize METHOD --step K [--json]     (time-varying LegS: Ā_k, B̄_k of (A/t, B/t) at t = kΔ)
  kexue compute approximate --measure legs|legt --n N (--signal sine|step|noise [--length L] [--channels C] | --signal-file FILE [--channels C])
      [--method bilinear|euler|backward|zoh] [--dt D] [--window W] [--backend cpu|gpu|auto] [--json]
      FILE: one sample a line, or C numbers a line (one column per channel); dt defaults to 1/L
  kexue compute msign (--matrix TEXT | --matrix-file FILE) [--iterations K] [--coefficients cubic|muon] [--backend cpu|gpu|auto] [--json]
  kexue compute matfun --fn sqrt|invsqrt (--matrix TEXT | --matrix-file FILE) [--backend cpu|gpu|auto] [--json]     (symmetric positive definite)
  kexue compute schedule --kind linear|cosine --steps T [--ddim S] [--json]
  kexue compute rope --dim D --base B [--scale K] [--method pi|ntk|yarn] [--trained L] [--json]
  kexue compute argmax (--matrix TEXT | --matrix-file FILE | --random N,D [--seed S]) [--json]     (W: one class a row)`;

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const COMMON = { backend: str, json: bool, help: { type: 'boolean', short: 'h' } };

/** Each subcommand's flags: every other flag is an error (it used to swallow the next argument as its value). */
const OPTIONS = {
  pinv: { ...COMMON, matrix: str, 'matrix-file': str, exact: bool, rcond: str, 'rtol-none': bool, routes: str },
  hippo: { ...COMMON, measure: str, n: str, discretize: str, dt: str, kernel: str, step: str },
  approximate: { ...COMMON, measure: str, n: str, signal: str, 'signal-file': str, length: str, channels: str, method: str, dt: str, window: str },
  msign: { ...COMMON, matrix: str, 'matrix-file': str, iterations: str, coefficients: str, fn: str },
  matfun: { ...COMMON, matrix: str, 'matrix-file': str, iterations: str, coefficients: str, fn: str },
  schedule: { ...COMMON, kind: str, steps: str, ddim: str, dim: str, base: str, scale: str, method: str, trained: str },
  rope: { ...COMMON, kind: str, steps: str, ddim: str, dim: str, base: str, scale: str, method: str, trained: str },
  argmax: { ...COMMON, matrix: str, 'matrix-file': str, random: str, seed: str },
} as const;

type Subcommand = keyof typeof OPTIONS;

/** The CLI's one strict parser (cliArgs): unknown flags, missing values and positionals are usage errors. */
function parseFlags(sub: Subcommand, args: readonly string[]): ParsedArgs {
  const { values } = parseCli(args, OPTIONS[sub] as CliOptions);
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value === 'string') flags.set(name, value);
    else if (value === true) switches.add(name);
  }
  return { flags, switches };
}

const isSubcommand = (name: string | undefined): name is Subcommand => name !== undefined && Object.prototype.hasOwnProperty.call(OPTIONS, name);

export async function computeCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  // Known before parsing, so a usage error can be JSON too ({"error": "…"}, as every subcommand prints it).
  const json = wantsJson(rest);
  const usageError = (message: string): number => reportUsageError('kexue compute', new UsageError(message), { json, usage: COMPUTE_USAGE });
  const fail = (code: number, message: string): number => {
    reportFailure('kexue compute', message, { json });
    return code;
  };
  if (!isSubcommand(sub)) {
    if (sub === '--help' || sub === '-h') {
      process.stdout.write(`${COMPUTE_USAGE}\n`);
      return 0;
    }
    return usageError(sub === undefined ? 'name a computation: pinv, hippo, approximate, msign, matfun, schedule, rope or argmax' : `unknown computation "${sub}": use pinv, hippo, approximate, msign, matfun, schedule, rope or argmax`);
  }
  try {
    const parsed = parseFlags(sub, rest);
    if (parsed.switches.has('help')) {
      process.stdout.write(`${COMPUTE_USAGE}\n`);
      return 0;
    }
    switch (sub) {
      case 'pinv':
        return await pinvCommand(parsed);
      case 'hippo':
        return await hippoCommand(parsed);
      case 'approximate':
        return await approximateCommand(parsed);
      // The later algorithms, each in its own file (loaded on use, like the CLI's subcommands).
      case 'msign':
        return await (await import('./matrixFunctionCommands')).msignCommand(parsed);
      case 'matfun':
        return await (await import('./matrixFunctionCommands')).matfunCommand(parsed);
      case 'schedule':
        return await (await import('./formulaCommands')).scheduleCommand(parsed);
      case 'rope':
        return await (await import('./formulaCommands')).ropeCommand(parsed);
      case 'argmax':
        return await (await import('./argmaxCommand')).argmaxCommand(parsed);
    }
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('kexue compute', error, { json, usage: COMPUTE_USAGE });
    if (error instanceof InputFileError || error instanceof ExactCellsError) return fail(2, error.message);
    if (error instanceof MatrixParseError || error instanceof LimitError || error instanceof BlockParamsError) return fail(3, error.message);
    if (error instanceof ComputeRequestError) return fail(error.code === 'noAdapter' ? 4 : 3, error.message);
    throw error;
  }
}

/** The request, built by the same code as blocks and commands (core/compute/jobRequests); `parsed`: the matrix already read. */
function request(spec: ApproximateBlock | HippoBlock | PinvBlock, pinv?: JobRequestOptions['pinv'], parsed?: ParsedMatrix): Unidentified<JobRequest> {
  return jobRequestFor(spec, { limits: DEFAULT_LIMITS, backend: 'auto', pinv, ...(parsed ? { readMatrix: () => parsed } : {}) });
}

async function pinvCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const inline = flags.get('matrix');
  const file = flags.get('matrix-file');
  if ((inline === undefined) === (file === undefined)) throw new UsageError('give exactly one of --matrix or --matrix-file');
  const rcond = flags.get('rcond');
  if (rcond !== undefined && switches.has('rtol-none')) throw new UsageError('give at most one of --rcond and --rtol-none');
  const tolerance = switches.has('rtol-none') ? ('maxDimEps' as const) : rcond !== undefined ? Number(rcond) : undefined;
  if (tolerance !== undefined && tolerance !== 'maxDimEps' && !(tolerance >= 0 && Number.isFinite(tolerance))) throw new UsageError(`--rcond must be a finite number ≥ 0, got "${rcond}"`);
  const routes = flags.get('routes')?.split(',').map((r) => r.trim());
  const badRoute = routes?.find((r) => !(PINV_ROUTES as readonly string[]).includes(r));
  if (badRoute !== undefined) throw new UsageError(`unknown route "${badRoute}": use ${PINV_ROUTES.join(', ')}`);
  const backend = backendOf(flags);
  // A large plain CSV is read from the file's bytes through one small buffer, never made into text;
  // anything else (or any trouble) as text, as before.
  const maxBytes = maxMatrixBytes(DEFAULT_LIMITS);
  // Into shared memory (when large): the residuals' products on two threads take it as it is; a GPU job's
  // request is serialised to the helper process as a copy either way.
  const csv = file !== undefined && !switches.has('exact') ? withRegularFile(file, maxBytes, (readAt, size) => parsePlainCsvFile(readAt, size, DEFAULT_LIMITS, undefined, matrixMemory)) : undefined;
  const text = inline ?? (csv ? '' : readInputFile(file as string, maxBytes, 'matrix file'));
  const req = request(
    { kind: 'pinv', matrixText: text, backend, tolerance, exact: switches.has('exact'), routes: false },
    { requireExact: switches.has('exact'), routes: (routes ?? []) as PinvRoute[] },
    csv,
  );
  const response = await computeJob(req);
  // A⁺ itself in pieces of rows (writeJson): a 1024² one is a million numbers.
  if (switches.has('json')) writeJson(pinvJson(response as PinvResponse));
  else process.stdout.write(pinvText(response as PinvResponse));
  return 0;
}

export function pinvJson(r: PinvResponse) {
  return {
    backend: r.backend,
    adapter: r.adapter,
    rank: r.rank,
    singularValues: Array.from(r.singularValues),
    ...(r.singularValueExponent !== undefined ? { singularValueExponent: r.singularValueExponent } : {}),
    pinv: new JsonMatrix(r.pinv),
    ...(r.exact ? { exact: r.exact.pinv } : {}),
    residuals: r.residuals,
    ...(r.exact?.residuals ? { exactResiduals: r.exact.residuals } : {}),
    ...(r.routes ? { routes: r.routes } : {}),
    ms: round(r.timings.totalMs),
    notes: r.notes.map(englishText),
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
    ...(r.exact?.residuals ? [exactResidualsLine(r.exact.residuals)] : []),
    ...(r.routes ?? []).map((route) => `route ${route.route}: ‖X − A⁺‖/‖A⁺‖ = ${route.relativeError.toExponential(2)} (${route.detail})`),
    ...r.notes.map(englishText),
    `${round(r.timings.totalMs)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The exact pseudo-inverse's Penrose conditions, checked in rational arithmetic: each holds (0) or not. */
function exactResidualsLine(residuals: PenroseResiduals): string {
  const failed = (Object.keys(residuals) as (keyof PenroseResiduals)[]).filter((key) => residuals[key] !== 0);
  return failed.length === 0
    ? 'Penrose residuals of the exact pinv (rational arithmetic): all exactly 0'
    : `Penrose residuals of the exact pinv (rational arithmetic): NOT 0 for ${failed.join(', ')}`;
}

async function hippoCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const measure = flags.get('measure');
  if (!measure || !(HIPPO_MEASURES as readonly string[]).includes(measure)) throw new UsageError(`--measure must be one of ${HIPPO_MEASURES.join(', ')}`);
  const n = positiveInteger(flags, 'n');
  if (n === undefined) throw new UsageError('--n N is required');
  const kernelLength = positiveInteger(flags, 'kernel');
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
  const req = request({
    kind: 'hippo',
    measure: measure as HippoMeasure,
    n,
    discretization: method && dt !== undefined ? { method: method as Discretization, dt, ...(step !== undefined ? { step } : {}) } : undefined,
    kernelLength,
    backend: backendOf(flags),
  });
  const response = (await computeJob(req)) as HippoResponse;
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
    notes: r.notes.map(englishText),
  };
}

function hippoText(r: HippoResponse): string {
  const lines = [`${r.convention} — backend ${r.backend}`, 'A:', ...formatRows(r.a), `B: ${Array.from(r.b, fmt).join('\t')}`];
  if (r.aBar) lines.push('Ā:', ...formatRows(r.aBar));
  if (r.bBar) lines.push(`B̄: ${Array.from(r.bBar, fmt).join('\t')}`);
  if (r.kernel) lines.push(`K (first ${Math.min(16, r.kernel.length)} of ${r.kernel.length}): ${Array.from(r.kernel.subarray(0, 16), fmt).join(' ')}`);
  lines.push(...r.notes.map(englishText), `${round(r.timings.totalMs)} ms`);
  return `${lines.join('\n')}\n`;
}

async function approximateCommand({ flags, switches }: ParsedArgs): Promise<number> {
  const measure = flags.get('measure') ?? 'legs';
  if (measure !== 'legs' && measure !== 'legt') throw new UsageError(`--measure must be legs or legt, got "${measure}"`);
  const n = positiveInteger(flags, 'n') ?? DEFAULT_APPROXIMATION.n;
  const givenChannels = positiveInteger(flags, 'channels');
  const channels = givenChannels ?? 1;
  const method = flags.get('method') ?? 'bilinear';
  if (!(DISCRETIZATIONS as readonly string[]).includes(method)) throw new UsageError(`--method must be one of ${DISCRETIZATIONS.join(', ')}`);
  const file = flags.get('signal-file');
  const kind = flags.get('signal');
  if ((file === undefined) === (kind === undefined)) throw new UsageError('give exactly one of --signal and --signal-file');
  const dt = optionalPositive(flags, 'dt');
  const window = optionalPositive(flags, 'window');
  const backend = backendOf(flags);
  let spec: SignalSpec;
  if (file !== undefined) {
    if (flags.has('length')) throw new UsageError('--length is for generated signals; a file has as many samples as it has');
    // Up to 2²⁴ samples of ≤ 32 characters each.
    const text = readInputFile(file, MAX_TOTAL_SAMPLES * 32, 'signal file');
    // A table of k columns read as one signal would interleave its channels: ask which was meant.
    const columns = givenChannels === undefined ? sampleColumns(text) : undefined;
    if (columns !== undefined) throw new UsageError(`${file} has ${columns} numbers on every line: give --channels ${columns} (one column per channel), or --channels 1 to read them as one signal, line after line`);
    spec = dataSignal(text, channels);
  } else {
    if (!(GENERATED_SIGNALS as readonly string[]).includes(kind as string)) throw new UsageError(`--signal must be one of ${GENERATED_SIGNALS.join(', ')}`);
    spec = { kind: kind as GeneratedSignal, length: positiveInteger(flags, 'length') ?? DEFAULT_APPROXIMATION.length, channels };
  }
  const req = request({ kind: 'approximate', measure, n, signal: spec, dt, window, method: method as Discretization, backend });
  const response = (await computeJob(req)) as ApproximateResponse;
  process.stdout.write(switches.has('json') ? `${JSON.stringify(approximateJson(response))}\n` : approximateText(response));
  return 0;
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
    notes: r.notes.map(englishText),
  };
}

function approximateText(r: ApproximateResponse): string {
  const lines = [
    `backend ${r.backend}${r.adapter ? ` (${r.adapter.description || r.adapter.vendor}${r.adapter.isFallbackAdapter ? ', fallback' : ''})` : ''}`,
    `N=${r.coefficients.length}, ${counted(r.channels, 'channel')} × ${counted(r.signal.length, 'sample')}`,
    `channel 1: max error ${r.maxError.toExponential(3)}, RMS ${r.rmsError.toExponential(3)}`,
  ];
  if (r.channelErrors) {
    const worst = Math.max(...r.channelErrors.maxError);
    lines.push(`all channels: worst max error ${worst.toExponential(3)} (channel ${r.channelErrors.maxError.indexOf(worst) + 1})`);
  }
  lines.push(`coefficients (first ${Math.min(8, r.coefficients.length)}): ${Array.from(r.coefficients.subarray(0, 8), fmt).join(' ')}`, ...r.notes.map(englishText), `${round(r.timings.totalMs)} ms`);
  return `${lines.join('\n')}\n`;
}

