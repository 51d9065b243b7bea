// Indexing the corpus (the unit tests only check what it finds; the time is measured here): parse and
// build from bytes in memory, and the CLI's whole scan of the folder from disk.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildLibrary, parseFile } from '../../src/core/library/index';
import { listPostFiles } from '../../src/cli/postFiles';
import { scanLibrary } from '../../src/cli/scanLibrary';
import { repoRoot } from './support/corpusPosts';

export async function run(): Promise<void> {
  const root = process.env.KEXUE_CORPUS ?? path.join(repoRoot(), '..', 'shared', 'corpus');
  const { files } = await listPostFiles(root).catch(() => ({ files: [] as string[] }));
  if (files.length === 0) {
    console.log(`no corpus at ${root}: skipped`);
    return;
  }
  const bytes = files.map((file) => ({ file, bytes: readFileSync(file) }));
  const inMemory = (): number => {
    const started = performance.now();
    buildLibrary(bytes.map((f) => parseFile(f.file, f.bytes)));
    return performance.now() - started;
  };
  inMemory(); // warm the JIT
  const best = Math.min(inMemory(), inMemory(), inMemory());
  console.log(`corpus (${files.length} files): parse + build ${best.toFixed(1)} ms (best of 3; goal ≤ 50 ms)`);
  const started = performance.now();
  const library = await scanLibrary(root);
  console.log(`kexue index's scan from disk: ${(performance.now() - started).toFixed(1)} ms, ${library.posts.length} posts, ${library.problems.length} problems`);
}
