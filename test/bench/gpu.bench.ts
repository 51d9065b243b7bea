// GPU bench: the WGSL tiled matmul's f32 throughput against the device's f32 peak, measured on the
// same adapter in the same run (support/gpuThroughput.ts). The adapter Dawn finds by itself comes
// first; without one, SwiftShader (a CPU rasteriser) is measured and labelled as not a GPU figure.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

interface Measurement {
  adapter?: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter: boolean } | null;
  peak?: number;
  matmul?: { size: number; gflops: number };
  error?: string;
}

/** Dawn's warnings go to stderr and are dropped; the child's last stdout line is its JSON. */
function measure(env: NodeJS.ProcessEnv): Measurement {
  try {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'support', 'gpuThroughput.js')], { env: { XDG_RUNTIME_DIR: '/tmp', ...env }, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Measurement;
  } catch (error: unknown) {
    const output = (error as { stdout?: string }).stdout ?? '';
    const last = output.trim().split('\n').pop();
    return last?.startsWith('{') ? (JSON.parse(last) as Measurement) : { error: error instanceof Error ? error.message : String(error) };
  }
}

/** SwiftShader's adapter is not flagged as a fallback by Dawn: recognise it by name too. */
function isSoftware(m: Measurement): boolean {
  const a = m.adapter;
  return Boolean(a && (a.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(`${a.description} ${a.device} ${a.vendor}`)));
}

export async function run(): Promise<void> {
  let m = measure(process.env);
  let label = '';
  if (!m.adapter && !m.error && existsSync(SWIFTSHADER_ICD)) {
    m = measure({ ...process.env, VK_ICD_FILENAMES: SWIFTSHADER_ICD });
    label = ' — no GPU adapter here, so this is SwiftShader on the CPU: NOT a GPU figure';
  }
  if (m.error || !m.adapter || m.peak === undefined || !m.matmul) {
    console.log(`GPU matmul vs f32 peak SKIPPED: ${m.error ?? 'no WebGPU adapter (not even SwiftShader)'}`);
    return;
  }
  if (!label && isSoftware(m)) label = ' — software adapter: NOT a GPU figure';
  const name = m.adapter.description || `${m.adapter.vendor} ${m.adapter.architecture} ${m.adapter.device}`.trim();
  console.log(`adapter: ${name}${label}`);
  console.log(
    `WGSL matmul ${m.matmul.size}×${m.matmul.size} f32: ${m.matmul.gflops.toFixed(1)} GFLOP/s vs measured f32 FMA peak ${m.peak.toFixed(1)} GFLOP/s ` +
      `→ ${((m.matmul.gflops / m.peak) * 100).toFixed(1)}% of peak`,
  );
}

if (require.main === module) void run();
