// Headless entry: `kexue index|render|compute …`. Each subcommand lives in src/cli/ and returns an exit code.
import { indexCommand } from './cli/indexCommand';

const USAGE = `usage:
  kexue index <dir> [--json]
  kexue render <file|dir> [--stats] [--json] [--out post.html]
  kexue compute pinv|hippo|approximate … --json
  kexue search <dir> "<query>" [--limit N] [--json]
  kexue search <dir> --queries <file> [--limit N] [--json]
  kexue symbols <post.md> [--json]`;

type Subcommand = (args: string[]) => Promise<number>;

async function loadSubcommand(name: string): Promise<Subcommand | undefined> {
  switch (name) {
    case 'index':
      return indexCommand;
    case 'render':
      return (await import('./cli/renderCommand')).renderCommand;
    case 'compute':
      return (await import('./cli/computeCommand')).computeCommand;
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
    process.stderr.write(`${USAGE}\n`);
    return name === '--help' || name === '-h' ? 0 : 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`kexue: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
