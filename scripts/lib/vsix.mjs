// Packages the extension as a .vsix WITH its production dependencies (the extension loads katex's CSS
// and fonts and webgpu's native binary from node_modules at run time); .vscodeignore trims the rest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

export function packageVsix(outFile) {
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node esbuild.mjs` first');
  mkdirSync(path.dirname(outFile), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--out', outFile, '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--no-update-package-json', '--no-git-tag-version'],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) {
    throw new Error(`vsce package failed (${result.status ?? result.error?.message}):\n${result.stdout}\n${result.stderr}`);
  }
  const done = /DONE\s+Packaged: .*\(([^)]*)\)/.exec(result.stdout);
  console.log(`vsix: ${path.relative(repoRoot, outFile)} (${done ? done[1] : 'packaged'}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outFile;
}
