// Where the built helper and CLI are, and the environment that gives them SwiftShader on a GPU-less machine.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

export function helperPath(): string {
  const p = join(repoRoot(), 'dist', 'helper.mjs');
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`node esbuild.mjs\` (npm run test:unit does)`);
  return p;
}

export function cliPath(): string {
  return join(repoRoot(), 'dist', 'cli.js');
}

/** process.env plus VK_ICD_FILENAMES (when unset and SwiftShader is installed) and XDG_RUNTIME_DIR. */
export function gpuEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (!env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  if (!env.XDG_RUNTIME_DIR) env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'kexue-xdg-'));
  return env;
}

/** An environment in which Vulkan finds no driver at all, hence no WebGPU adapter. */
export function noGpuEnv(): NodeJS.ProcessEnv {
  return { ...gpuEnv(), VK_ICD_FILENAMES: '/nonexistent/kexue-no-icd.json' };
}
