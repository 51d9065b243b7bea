#!/usr/bin/env node
// Builds minified bundles and packages kexue-reader-<version>.vsix WITH the runtime dependencies
// (`vsce package --no-dependencies` would leave out webgpu's native binary and KaTeX's CSS and fonts).
//
// One package per platform target (`vsce package --target`), each carrying only that platform's Dawn.
//
//   node scripts/package-vsix.mjs [--target linux-x64|linux-arm64|darwin-x64|darwin-arm64|win32-x64|win32-arm64] [out.vsix]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.mjs';
import { currentTarget, packageVsix } from './lib/vsix.mjs';

const { values, positionals } = parseArgs({ options: { target: { type: 'string' } }, allowPositionals: true });
const target = values.target ?? currentTarget();
const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const out = path.resolve(positionals[0] ?? path.join(repoRoot, `${name}-${target}-${version}.vsix`));
const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
try {
  packageVsix(out, target);
} catch (error) {
  console.error(`package-vsix: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
