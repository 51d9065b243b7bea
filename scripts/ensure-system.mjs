#!/usr/bin/env node
// Checks the Debian packages the test harness and `npm start` need, and installs the missing ones with
// apt-get when running as root (otherwise prints the exact command and stops).
//
//   node scripts/ensure-system.mjs           check, install when root
//   node scripts/ensure-system.mjs --check   check only (exit 1 when something is missing)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const has = (file) => existsSync(file);
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const sharedLib = (soname) => {
  const out = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' }).stdout ?? '';
  if (out.includes(soname)) return true;
  return ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'].some((d) => has(`${d}/${soname}`));
};
const anyFile = (dir, prefix) => {
  try {
    return readdirSync(dir).some((f) => f.startsWith(prefix));
  } catch {
    return false;
  }
};

/** Each requirement: the Debian package that provides it, why we need it, and how to see it is there. */
export const requirements = [
  { pkg: 'chromium', why: 'headless browser for integration/e2e tests (/usr/bin/chromium)', ok: () => has('/usr/bin/chromium') },
  { pkg: 'chromium-common', why: 'SwiftShader Vulkan ICD for WebGPU without a GPU', ok: () => has('/usr/lib/chromium/vk_swiftshader_icd.json') },
  { pkg: 'libvulkan1', why: 'Vulkan loader used by Dawn (webgpu)', ok: () => sharedLib('libvulkan.so.1') },
  { pkg: 'ripgrep', why: 'rg, seeds @vscode/ripgrep when installing code-server', ok: () => onPath('rg') },
  { pkg: 'libkrb5-dev', why: 'headers for code-server\'s native kerberos module', ok: () => has('/usr/include/gssapi/gssapi.h') || has('/usr/include/krb5.h') },
  { pkg: 'fonts-noto-cjk', why: 'Chinese glyphs in screenshots', ok: () => anyFile('/usr/share/fonts/opentype/noto', 'NotoSansCJK') || anyFile('/usr/share/fonts/opentype/noto', 'NotoSerifCJK') },
  // Native modules of code-server are compiled at install (kerberos): a compiler, make and python.
  { pkg: 'build-essential', why: 'C++ compiler and make for code-server\'s native modules', ok: () => onPath('g++') && onPath('make') },
  { pkg: 'python3', why: 'node-gyp', ok: () => onPath('python3') },
  // Debian's python3 is the one the tests and benches call: a python3 earlier on PATH (pyenv) may have its own numpy.
  { pkg: 'python3-numpy', why: 'numpy reference values for the numerics tests and benches',
    ok: () => spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0 },
];

export function missingPackages() {
  return requirements.filter((r) => !r.ok());
}

function apt(args) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${result.status ?? result.error?.message})`);
}

/** Returns true when everything is present (after installing as root); false when the user must act. */
export function ensureSystem({ checkOnly = false } = {}) {
  const missing = missingPackages();
  if (missing.length === 0) {
    console.log('system packages: all present');
    return true;
  }
  const names = missing.map((r) => r.pkg);
  for (const r of missing) console.log(`system packages: missing ${r.pkg} — ${r.why}`);
  const command = `apt-get update && apt-get install -y ${names.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (checkOnly || !isRoot || !onPath('apt-get')) {
    console.error(`\nsystem packages: install them first, then run again:\n\n  sudo sh -c '${command}'\n`);
    return false;
  }
  const started = Date.now();
  apt(['update']);
  apt(['install', '-y', ...names]);
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`system packages: still missing after apt-get: ${still.map((r) => r.pkg).join(' ')}`);
    return false;
  }
  console.log(`system packages: installed ${names.join(' ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exit(ensureSystem({ checkOnly: process.argv.includes('--check') }) ? 0 : 1);
  } catch (error) {
    console.error(`ensure-system: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
