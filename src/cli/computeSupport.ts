// What every `kexue compute` subcommand shares: its parsed flags, the common flag readers, a one-shot
// helper client, number formatting. Apart from computeCommand.ts so that the subcommands' own files
// (argmax, formulas, matrix functions) can use it without importing the dispatcher that imports them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Matrix, toRows } from '../core/numerics/matrix';
import type { BackendChoice, JobRequest, ResponseFor, Unidentified } from '../core/protocol/compute';
import { JSON_PIECE_ROWS, jsonRowsText } from '../computeJobs/helperTasks';
import { writeJsonRowsOnTwoThreads } from '../computeJobs/parallelProduct';
import type { ComputeClient } from '../computeClient/computeClient';
import { ComputeRequestError } from '../computeClient/requestError';
import { UsageError } from './cliArgs';

/** The algorithm subcommands' own files throw this too. */
export { UsageError };

export interface ParsedArgs {
  readonly flags: Map<string, string>;
  readonly switches: Set<string>;
}

export function backendOf(flags: Map<string, string>): BackendChoice {
  const b = flags.get('backend') ?? 'auto';
  if (b !== 'auto' && b !== 'cpu' && b !== 'gpu') throw new UsageError(`--backend must be cpu, gpu or auto, got "${b}"`);
  return b;
}

export function positiveInteger(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return value;
}

export function optionalPositive(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value > 0 && Number.isFinite(value))) throw new UsageError(`--${name} must be a number > 0, got "${text}"`);
  return value;
}

export function resolveHelperPath(): string {
  const candidates = [process.env.KEXUE_HELPER_PATH, path.join(__dirname, 'helper.mjs'), path.resolve('dist', 'helper.mjs')];
  const found = candidates.find((c): c is string => c !== undefined && existsSync(c));
  if (!found) throw new Error(`compute helper not found (looked for ${candidates.filter(Boolean).join(', ')}); run \`node esbuild.mjs\` first`);
  return found;
}

export async function withClient<T>(run: (client: ComputeClient) => Promise<T>): Promise<T> {
  // Loaded here, with node:child_process, only by jobs that go to the helper process.
  const { ComputeClient } = await import('../computeClient/computeClient');
  const client = new ComputeClient({ helperPath: resolveHelperPath(), requestTimeoutMs: 600_000, oneShot: true });
  try {
    return await run(client);
  } finally {
    client.dispose();
  }
}

/**
 * Runs one job and returns its response: in this process when it is CPU work the helper would not
 * hand to a GPU (computeJobs/inProcessJob: no helper process, no worker thread, no bundle loaded twice
 * more), else in the helper. Errors come back as ComputeRequestError either way, with the helper's codes.
 */
export async function computeJob<R extends Unidentified<JobRequest>>(request: R): Promise<ResponseFor[R['type']]> {
  const here = await import('../computeJobs/inProcessJob');
  // A one-shot job has no id to tell apart from others.
  const job = { ...request, id: 1 } as JobRequest;
  if (!here.runsHere(job)) return withClient((client) => client.request(request));
  const { errorCodeOf, wordsOf } = await import('../computeJobs/errors');
  try {
    return (await here.runJobHere(job)) as ResponseFor[R['type']];
  } catch (error) {
    throw new ComputeRequestError(errorCodeOf(error), wordsOf(error), job.id);
  }
}

/**
 * A matrix in a JSON result: JSON.stringify writes it as its rows (toJSON), and writeJson writes the
 * same text a block of rows at a time, without an array per row for the whole matrix nor one string of
 * it all (a 1024² A⁺ is 20 MB of text: built whole, then copied into one buffer, it cost ~0.3 s more).
 */
export class JsonMatrix {
  constructor(readonly matrix: Matrix) {}

  toJSON(): number[][] {
    return toRows(this.matrix);
  }
}

/**
 * process.stdout.write with stdout made blocking first when it is a pipe. Node leaves a pipe
 * non-blocking: a write that does not fit the pipe's 64 KB is queued, so every piece after the first
 * waited in memory until the result was all formatted, then went out while nothing else ran (a 1024²
 * A⁺'s 20 MB: ~150 ms after the last number was formatted, 512×256: ~25 ms). Blocking, each piece
 * goes into the pipe as it is made and the reader takes it while the next is formatted. A one-shot
 * command has nothing else to do meanwhile. (A terminal is blocking already; a file is written synchronously.)
 */
export function stdoutWrite(text: string | Uint8Array): void {
  if (!stdoutBlocking) {
    stdoutBlocking = true;
    (process.stdout as unknown as { _handle?: { setBlocking?: (blocking: boolean) => unknown } })._handle?.setBlocking?.(true);
  }
  process.stdout.write(text);
}
let stdoutBlocking = false;

/**
 * Writes `${JSON.stringify(value)}\n`, byte for byte, for a plain object whose top-level values may be
 * JsonMatrix: those are written in pieces of rows, everything else by JSON.stringify.
 */
export function writeJson(value: Record<string, unknown>, write: (text: string | Uint8Array) => void = stdoutWrite): void {
  let head = '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    const prefix = `${first ? '' : ','}${JSON.stringify(key)}:`;
    if (item instanceof JsonMatrix) {
      write(`${head}${prefix}[`);
      head = '';
      writeRows(item.matrix, write);
      head = ']';
    } else {
      const text = JSON.stringify(item) as string | undefined;
      // JSON.stringify leaves out what has no JSON (undefined, functions).
      if (text === undefined) continue;
      head += prefix + text;
    }
    first = false;
  }
  write(`${head}}\n`);
}

function writeRows(m: Matrix, write: (text: string | Uint8Array) => void): void {
  // A large A⁺ left in shared memory by a two-thread pinv: both threads format it.
  if (writeJsonRowsOnTwoThreads(m, write)) return;
  // One thread: the same pieces of JSON_PIECE_ROWS rows, formatted by the same function.
  for (let r0 = 0; r0 < m.rows; r0 += JSON_PIECE_ROWS) {
    write(`${r0 === 0 ? '' : ','}${jsonRowsText(m.data, m.cols, r0, Math.min(m.rows, r0 + JSON_PIECE_ROWS))}`);
  }
}

export function formatRows(m: Matrix, max = 12): string[] {
  const rows = toRows(m).slice(0, max).map((row) => `  ${row.slice(0, max).map(fmt).join('\t')}${m.cols > max ? '\t…' : ''}`);
  if (m.rows > max) rows.push(`  … (${m.rows}×${m.cols})`);
  return rows;
}

export const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));
export const round = (ms: number) => Math.round(ms * 1000) / 1000;
