#!/usr/bin/env node
// Packs what the GPU checks need into .gpu-kit/ (gitignored), for a machine with a real GPU that has
// no Node and no package registry (the device machine some tasks are lent): this machine's node
// binary and the linux-x64 Dawn binary (xz-compressed), the CLI and compute helper bundles, the
// throughput probe, the Vulkan loader packages from Debian's apt, and the script that runs there.
//
//   node scripts/gpu-kit.mjs                 then, on the GPU machine, carrying .gpu-kit:
//   bash .gpu-kit/device-check.sh            results in $OUT/device-check.log (or ./device-check.log)
//
// Try it here first: `bash .gpu-kit/device-check.sh --swiftshader` runs the same steps on SwiftShader.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kit = path.join(repoRoot, '.gpu-kit');
const limitBytes = 48 * 1024 * 1024; // the device tool carries 64 MiB with the working tree

function xz(from, to) {
  const result = spawnSync('xz', ['-6', '-T2', '-c', from], { maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`xz failed on ${from}: ${result.stderr}`);
  writeFileSync(to, result.stdout);
}

function copy(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
}

rmSync(kit, { recursive: true, force: true });
mkdirSync(kit, { recursive: true });
execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { stdio: 'inherit', cwd: repoRoot });

xz(process.execPath, path.join(kit, 'node.xz'));
const webgpu = path.join(repoRoot, 'node_modules', 'webgpu');
for (const file of ['package.json', 'index.js']) copy(path.join(webgpu, file), path.join(kit, 'node_modules', 'webgpu', file));
mkdirSync(path.join(kit, 'node_modules', 'webgpu', 'dist', 'linux-x64'), { recursive: true });
xz(path.join(webgpu, 'dist', 'linux-x64', 'dawn.node'), path.join(kit, 'dawn.node.xz'));
// cli.js is the launcher; `compute` loads cliCompute.js beside it.
for (const file of ['cli.js', 'cliCompute.js', 'helper.mjs']) copy(path.join(repoRoot, 'dist', file), path.join(kit, 'dist', file));
copy(path.join(repoRoot, 'out', 'test', 'bench', 'support', 'gpuThroughput.js'), path.join(kit, 'probe', 'gpuThroughput.js'));
copy(path.join(repoRoot, 'scripts', 'gpu-device-check.sh'), path.join(kit, 'device-check.sh'));

// The Vulkan loader (libvulkan1) for a machine that has the NVIDIA driver but no loader, and glvnd's
// EGL dispatcher (libegl1, libglvnd0) for Dawn's OpenGL ES backend where NVIDIA's Vulkan driver does not
// start (the first H200 lent: no vkCreateInstance from its ICD) but its EGL library is there.
const debs = path.join(kit, 'debs');
mkdirSync(debs, { recursive: true });
for (const pkg of ['libvulkan1', 'libegl1', 'libglvnd0']) {
  const apt = spawnSync('apt-get', ['download', pkg], { cwd: debs, stdio: 'inherit' });
  if (apt.status !== 0) console.warn(`gpu-kit: apt-get download ${pkg} failed; the check will rely on the machine's own copy`);
}

let total = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else total += statSync(full).size;
  }
};
walk(kit);
console.log(`gpu-kit: ${path.relative(repoRoot, kit)}/ holds ${(total / 1024 / 1024).toFixed(1)} MiB`);
if (total > limitBytes) {
  console.error(`gpu-kit: over ${limitBytes / 1024 / 1024} MiB, too large to carry`);
  process.exit(1);
}
