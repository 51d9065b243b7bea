// Packages the extension as a .vsix WITH its production dependencies (the extension loads katex's CSS
// and fonts and webgpu's native binary from node_modules at run time); .vscodeignore trims the rest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

/** VS Code's platform targets → the folder of webgpu's dist that carries that platform's Dawn binary. */
export const DAWN_FOLDER = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-universal',
  'darwin-arm64': 'darwin-universal',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};

export function currentTarget() {
  return `${process.platform}-${process.arch}`;
}

/**
 * .vscodeignore for one target: the shared rules, minus its lines about webgpu's platform folders, plus
 * one exclusion for every Dawn build the target does not run.
 */
function ignoreFileFor(target) {
  const keep = DAWN_FOLDER[target];
  if (!keep) throw new Error(`unknown target ${target}; one of ${Object.keys(DAWN_FOLDER).join(', ')}`);
  const shared = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('node_modules/webgpu/dist/'));
  const others = [...new Set(Object.values(DAWN_FOLDER))].filter((folder) => folder !== keep);
  const file = path.join(os.tmpdir(), `kexue-vscodeignore-${target}-${process.pid}`);
  writeFileSync(file, [...shared, `# ${target}: only dist/${keep} of webgpu`, ...others.map((f) => `node_modules/webgpu/dist/${f}/**`), ''].join('\n'));
  return file;
}

/** Packages for one platform target (default: this machine's), carrying only that platform's Dawn. */
export function packageVsix(outFile, target = currentTarget()) {
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node esbuild.mjs` first');
  mkdirSync(path.dirname(outFile), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const started = Date.now();
  const ignoreFile = ignoreFileFor(target);
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--out', outFile, '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--no-update-package-json', '--no-git-tag-version'],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  rmSync(ignoreFile, { force: true });
  if (result.status !== 0) {
    throw new Error(`vsce package failed (${result.status ?? result.error?.message}):\n${result.stdout}\n${result.stderr}`);
  }
  const done = /DONE\s+Packaged: .*\(([^)]*)\)/.exec(result.stdout);
  console.log(`vsix: ${path.relative(repoRoot, outFile)} (${done ? done[1] : 'packaged'}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outFile;
}
