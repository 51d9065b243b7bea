// The one argument parser of the CLI: node:util parseArgs in strict mode, so an unknown flag is an error
// (never a switch that swallows the next argument), and one way to report that error — text with the
// usage on stderr, or under --json a JSON object {"error": "..."} on stdout — always with exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { quoteInput, readNumber, readWholeNumber } from '../core/text/readNumber';

/** Exit code of a command-line mistake (unknown flag, missing value, bad combination). */
export const USAGE_EXIT = 2;

/** A mistake in the command line; the message says what to change. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * `--help` or `-h` on a command that has no help option of its own: not a mistake — the caller's
 * reportUsageError prints the usage on stdout and exits 0, as every subcommand's help does.
 */
export class HelpRequested extends UsageError {
  constructor() {
    super('help');
    this.name = 'HelpRequested';
  }
}

/** Whether the arguments ask for help (`--help`/`-h` before any `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface ParsedCli<V> {
  values: V;
  positionals: string[];
}

/**
 * Parses `args` against `options` strictly. Throws UsageError for an unknown flag, a flag without its
 * value, or a value that is itself a flag (`--out --json`). A value that starts with `-` (a negative
 * number) is written `--dt=-1`.
 */
export function parseCli<const O extends CliOptions>(
  args: readonly string[],
  options: O,
  { positionals = 0 }: { positionals?: number } = {},
): ParsedCli<ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>['values']> {
  if (!('help' in options) && asksForHelp(args)) throw new HelpRequested();
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, allowNegative: false } as {
      args: string[];
      options: O;
      strict: true;
      allowPositionals: true;
    });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[positionals]}"`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** node's messages name the code and suggest `--` for positionals; keep what a reader needs. */
function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']*)'/.exec(message)?.[1];
    return option ? `unknown option ${option}` : message;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[\w-]+)/.exec(message)?.[1];
    if (option && /argument missing/.test(message)) return `${option} needs a value`;
    if (option && /ambiguous/.test(message)) return `${option} needs a value (write ${option}=VALUE when the value starts with -)`;
    if (option && /does not take an argument/.test(message)) return `${option} takes no value`;
  }
  return message.split('\n')[0];
}

/** True when the raw arguments ask for JSON — read before parsing, so a parse error can be JSON too. */
export function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json');
}

/**
 * Reports a usage error the way the caller asked for output and returns the exit code (2); a
 * request for help gets the usage on stdout and 0.
 * Under --json stdout gets exactly `{"error": "..."}`; stderr always gets the text (and the usage).
 */
export function reportUsageError(
  command: string,
  error: UsageError,
  { json, usage }: { json: boolean; usage: string },
  io: CliIo = processIo,
): number {
  if (error instanceof HelpRequested) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (json) io.stdout(`${JSON.stringify({ error: error.message })}\n`);
  io.stderr(`${command}: ${error.message}\n${usage}\n`);
  return USAGE_EXIT;
}

/** Reports a failure that is not a usage mistake (exit code chosen by the caller). */
export function reportFailure(
  command: string,
  message: string,
  { json }: { json: boolean },
  io: CliIo = processIo,
): void {
  if (json) io.stdout(`${JSON.stringify({ error: message })}\n`);
  io.stderr(`${command}: ${message}\n`);
}

/** Where a command writes; tests pass their own (replacing process.stdout would also catch the test runner's). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** A flag's value as a number: finite, and (when asked) whole and within bounds; UsageError otherwise. */
export function numberOption(
  name: string,
  text: string | undefined,
  { integer = false, min, max }: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = integer ? readWholeNumber(text) : readNumber(text);
  const shown = quoteInput(text);
  if (value === undefined) throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'}, got ${shown}`);
  if (min !== undefined && value < min) throw new UsageError(`--${name} must be at least ${min}, got ${shown}`);
  if (max !== undefined && value > max) throw new UsageError(`--${name} must be at most ${max}, got ${shown}`);
  return value;
}
