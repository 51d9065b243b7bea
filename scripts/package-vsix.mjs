#!/usr/bin/env node
// Builds minified bundles and packages kexue-reader-<version>.vsix WITH the runtime dependencies
// (`vsce package --no-dependencies` would leave out webgpu's native binary and KaTeX's CSS and fonts).
//
//   node scripts/package-vsix.mjs [out.vsix]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/paths.mjs';
import { packageVsix } from './lib/vsix.mjs';

const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const out = path.resolve(process.argv[2] ?? path.join(repoRoot, `${name}-${version}.vsix`));
const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
try {
  packageVsix(out);
} catch (error) {
  console.error(`package-vsix: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
