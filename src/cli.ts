// Headless entry: `kexue index|render|compute …`. Each subcommand lives in src/cli/ and returns an exit code.
import { reportFailure, reportUsageError, UsageError, wantsJson } from './cli/cliArgs';
import { indexCommand } from './cli/indexCommand';

const USAGE = `usage:
  kexue index <dir> [--json] [--max-file-size-mb MB]
  kexue render <file|dir> [--stats] [--json] [--max-file-size-mb MB] [--out post.html [--force] [--remote-images]]
  kexue compute pinv|hippo|approximate|msign|matfun|schedule|rope|argmax … --json
  kexue notes add|list|export …
  kexue search <dir> "<query>" [--limit N] [--json]
  kexue search <dir> --queries <file> [--limit N] [--json]
  kexue symbols <post.md> [--json]
An unknown option is an error (exit 2; under --json the answer is {"error": "..."}).`;

type Subcommand = (args: string[]) => Promise<number>;

async function loadSubcommand(name: string): Promise<Subcommand | undefined> {
  switch (name) {
    case 'index':
      return indexCommand;
    case 'render':
      return (await import('./cli/renderCommand')).renderCommand;
    case 'compute':
      return (await import('./cli/computeCommand')).computeCommand;
    case 'notes':
      return (await import('./cli/notesCommand')).notesCommand;
    case 'symbols':
      return (await import('./cli/symbolsCommand')).symbolsCommand;
    case 'search':
      return (await import('./cli/searchCommand')).searchCommand;
    default:
      return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? await loadSubcommand(name) : undefined;
  if (!command) {
    if (name === '--help' || name === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const problem = name === undefined || name.startsWith('-') ? 'missing command (index, render, compute, notes or search)' : `unknown command "${name}"`;
    return reportUsageError('kexue', new UsageError(problem), { json: wantsJson(argv), usage: USAGE });
  }
  return command(rest);
}

// Output piped into a reader that has gone (`| head`, a killed pipeline): stop quietly, not with an
// EPIPE stack trace from an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    reportFailure('kexue', error instanceof Error ? error.message : String(error), { json: wantsJson(process.argv) });
    process.exitCode = 1;
  },
);
