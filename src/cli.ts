// Headless entry: `kexue index|render|compute …`. Each subcommand lives in src/cli/ and returns an exit code.
import { indexCommand } from './cli/indexCommand';

const USAGE = `usage:
  kexue index <dir> [--json]
  kexue render <file|dir> [--stats] [--json] [--out post.html]
  kexue compute pinv|hippo|approximate … --json`;

type Subcommand = (args: string[]) => Promise<number>;

async function loadSubcommand(name: string): Promise<Subcommand | undefined> {
  switch (name) {
    case 'index':
      return indexCommand;
    case 'render':
      return (await import('./cli/renderCommand')).renderCommand;
    case 'compute':
      return (await import('./cli/computeCommand')).computeCommand;
    default:
      return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? await loadSubcommand(name) : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return name === '--help' || name === '-h' ? 0 : 2;
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
    process.stderr.write(`kexue: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
