// Every `kexue` command but `compute` (bundled as dist/cliCommands.js, loaded by the launcher src/cli.ts):
// each subcommand lives in src/cli/ and returns an exit code.
import { reportUsageError, UsageError, wantsJson } from './cliArgs';
import { indexCommand } from './indexCommand';

export const USAGE = `usage:
  kexue index <dir> [--json] [--max-file-size-mb MB]
  kexue render <file|dir> [--stats] [--json] [--max-file-size-mb MB] [--out post.html [--force] [--remote-images]]
  kexue compute pinv|hippo|approximate|msign|matfun|schedule|rope|argmax … --json
  kexue notes add|list|export …
  kexue search <dir> "<query>" [--limit N] [--json]
  kexue search <dir> --queries <file> [--limit N] [--json]
  kexue symbols <post.md> [--json]
kexue <command> --help prints that command's usage.
An unknown option is an error (exit 2; under --json the answer is {"error": "..."}).`;

type Subcommand = (args: string[]) => Promise<number>;

async function loadSubcommand(name: string): Promise<Subcommand | undefined> {
  switch (name) {
    case 'index':
      return indexCommand;
    case 'render':
      return (await import('./renderCommand')).renderCommand;
    case 'compute':
      return (await import('./computeCommand')).computeCommand;
    case 'notes':
      return (await import('./notesCommand')).notesCommand;
    case 'symbols':
      return (await import('./symbolsCommand')).symbolsCommand;
    case 'search':
      return (await import('./searchCommand')).searchCommand;
    default:
      return undefined;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? await loadSubcommand(name) : undefined;
  if (!command) {
    if (name === '--help' || name === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const problem = name === undefined || name.startsWith('-') ? 'missing command (index, render, compute, notes, search or symbols)' : `unknown command "${name}"`;
    return reportUsageError('kexue', new UsageError(problem), { json: wantsJson(argv), usage: USAGE });
  }
  return command(rest);
}
