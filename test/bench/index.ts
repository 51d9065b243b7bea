// `npm run bench`: runs every out/test/bench/*.bench.js in one process, one after another, so the
// ratios each prints are measured in the same run on the same machine.
import * as path from 'node:path';
import { readdirSync } from 'node:fs';

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only)))
    .sort();
  const failed: string[] = [];
  console.log(`kexue bench — node ${process.version}, ${new Date().toISOString()}`);
  for (const file of files) {
    console.log(`\n== ${file.replace(/\.bench\.js$/, '')} ==`);
    const bench = require(path.join(__dirname, file)) as BenchModule;
    // One bench that breaks (a UI changed under the click bench) must not hide the figures of the others.
    await bench.run().catch((error: unknown) => {
      failed.push(file);
      console.error(error);
    });
  }
  if (failed.length) {
    console.error(`\nFAILED: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
