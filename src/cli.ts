// Headless entry `kexue …` (dist/cli.js): a small launcher. `kexue compute …` loads only the compute
// bundle beside it (dist/cliCompute.js, ~0.4 MB), every other command the rest of the CLI
// (dist/cliCommands.js, ~1.7 MB with KaTeX and markdown-it; MathJax is dist/mathjax.js, loaded on first need): reading and compiling the whole
// CLI cost a one-shot `compute pinv` ~140 ms of CPU before its first number was read.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { reportFailure, wantsJson } from './cli/cliArgs';
import { requireWithCodeCache } from './cli/codeCache';
// Types only (erased): the modules themselves are the sibling bundles loaded below.
import type { main } from './cli/commands';
import type { computeCommand } from './cli/computeCommand';

type Main = (argv: string[]) => Promise<number>;

/** A bundle built beside this one (esbuild.mjs), loaded at run time so that it stays out of this file. */
function sibling<T>(file: string, load: (full: string) => unknown = createRequire(__filename)): T {
  const full = path.join(__dirname, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: the CLI's bundles go together (build them with \`node esbuild.mjs\`)`);
  return load(full) as T;
}

function load(name: string | undefined): Main {
  if (name === 'compute') {
    // With V8's code cache (cli/codeCache): a one-shot compute does not compile its bundle anew each run.
    const compute = sibling<{ computeCommand: typeof computeCommand }>('cliCompute.js', requireWithCodeCache).computeCommand;
    return (argv) => compute(argv.slice(1));
  }
  // The same for every other command: `kexue render` compiled KaTeX, markdown-it and the render
  // engine anew on each run (≈ 0.1 s of CPU of a first render of the corpus's eight posts).
  return sibling<{ main: typeof main }>('cliCommands.js', requireWithCodeCache).main;
}

// Output piped into a reader that has gone (`| head`, a killed pipeline): stop quietly, not with an
// EPIPE stack trace from an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
Promise.resolve()
  .then(() => load(argv[0])(argv))
  .then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      reportFailure('kexue', error instanceof Error ? error.message : String(error), { json: wantsJson(process.argv) });
      process.exitCode = 1;
    },
  );
