// src/helper/ holds only what runs in the compute helper process: every file there is reached from the
// helper's entry (main.ts, bundled to dist/helper.mjs), and no file outside imports one — what the CLI
// and the helper both run (the CPU jobs, request checks, errors, the finished response) is in
// src/computeJobs/, which in turn imports nothing of the helper, nor `vscode`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';
import { importedSpecifiers, resolveImport, sourceFiles } from './sourceImports';

const root = repoRoot();
const rel = (file: string): string => path.relative(root, file).split(path.sep).join('/');
const inFolder = (folder: string) => (file: string): boolean => rel(file).startsWith(`${folder}/`);
const inHelper = inFolder('src/helper');

function importsOf(file: string): string[] {
  return importedSpecifiers(file)
    .map((s) => resolveImport(file, s))
    .filter((t): t is string => t !== undefined);
}

test('no module outside src/helper/ imports one inside it (static, dynamic or type-only)', () => {
  const files = sourceFiles(path.join(root, 'src'));
  assert.ok(files.length > 100, `read ${files.length} source files`);
  const crossings = files.filter((file) => !inHelper(file)).flatMap((file) => importsOf(file).filter(inHelper).map((target) => `${rel(file)} → ${rel(target)}`));
  assert.deepEqual(crossings, []);
});

test('every file in src/helper/ runs in the helper: it is reached from the helper entry, the only bundle entry there', () => {
  const entries = [...readFileSync(path.join(root, 'esbuild.mjs'), 'utf8').matchAll(/entryPoints: \[([^\]]*)\]/g)].flatMap((m) => [...m[1].matchAll(/'([^']+)'/g)].map((e) => e[1]));
  assert.ok(entries.includes('src/cli.ts'), `esbuild.mjs entries read: ${entries.join(', ')}`);
  assert.deepEqual(entries.filter((entry) => entry.startsWith('src/helper/')), ['src/helper/main.ts']);
  const reached = new Set<string>();
  const work = [path.join(root, 'src/helper/main.ts')];
  while (work.length > 0) {
    const file = work.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    work.push(...importsOf(file));
  }
  const helperFiles = sourceFiles(path.join(root, 'src/helper'));
  assert.ok(helperFiles.length >= 5, `read ${helperFiles.length} helper files`);
  assert.deepEqual(helperFiles.filter((file) => !reached.has(file)).map(rel), []);
});

test('src/computeJobs/ (run by the helper and by the CLI) imports neither the helper nor vscode', () => {
  const files = sourceFiles(path.join(root, 'src/computeJobs'));
  assert.ok(files.length >= 5, `read ${files.length} files`);
  const wrong = files.flatMap((file) => [
    ...importedSpecifiers(file).filter((s) => s === 'vscode').map((s) => `${rel(file)} → ${s}`),
    ...importsOf(file).filter((target) => !inFolder('src/computeJobs')(target) && !inFolder('src/core')(target)).map((target) => `${rel(file)} → ${rel(target)}`),
  ]);
  assert.deepEqual(wrong, []);
});
