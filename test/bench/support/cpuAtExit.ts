// Runs a script as `node <script> args…` would, and at exit writes the whole process's CPU time
// (every thread: workers, JIT and GC helpers; start-up included) to stderr as one JSON line
// `{"cpuMs": …}` — so the render bench can compare the CLI, which works on worker threads, with a
// one-thread baseline by what each costs, not only by the wall clock.
import { writeSync } from 'node:fs';
import * as path from 'node:path';

const [script, ...args] = process.argv.slice(2);
process.on('exit', () => {
  const used = process.cpuUsage();
  writeSync(2, `\n${JSON.stringify({ cpuMs: (used.user + used.system) / 1000 })}\n`);
});
process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
