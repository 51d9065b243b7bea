// The integration suites under @vscode/test-electron (desktop VS Code 1.100.0), for machines that can
// download VS Code. Same layout and runner as scripts/run-integration.mjs (code-server): one VS Code
// per workspace group, isolated user-data and extensions folders in a temp dir.
//
//   npm run test:electron     (built by `node esbuild.mjs --tests` to out/test/integration/runElectron.js)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const VSCODE_VERSION = '1.100.0';
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The repository root: the nearest folder above this file whose package.json is the extension's. */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
  }
  throw new Error(`no repository root above ${start}`);
}

const repoRoot = findRepoRoot(__dirname);
const testsRoot = path.join(repoRoot, 'out', 'test', 'integration');

const hasTests = (dir: string, recursive: boolean): boolean =>
  existsSync(dir) && readdirSync(dir, { withFileTypes: true, recursive }).some((e) => e.isFile() && e.name.endsWith('.test.js'));

function corpusDir(): string | undefined {
  const candidate = process.env.KEXUE_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
  return existsSync(candidate) ? candidate : undefined;
}

/** undefined: the group's folder is missing; null: an empty folder. */
function workspaceSource(group: string): string | null | undefined {
  if (group === 'corpus') return corpusDir();
  if (group === 'empty') return null;
  const folder = group === 'sample' ? path.join(repoRoot, 'sample') : path.join(repoRoot, 'test', 'fixtures', group);
  return existsSync(folder) ? folder : undefined;
}

interface Run {
  name: string;
  groups: string[];
  source: string | null;
}

function planRuns(): Run[] {
  const runs: Run[] = [];
  for (const entry of readdirSync(testsRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'suite' || !hasTests(path.join(testsRoot, entry.name), true)) continue;
    const source = workspaceSource(entry.name);
    if (source === undefined) console.log(`integration: SKIPPED the ${entry.name} integration suite — its workspace folder is missing`);
    else runs.push({ name: entry.name, groups: [entry.name], source });
  }
  if (hasTests(testsRoot, false)) {
    const host = runs.find((r) => r.name === 'corpus') ?? runs.find((r) => r.name === 'empty');
    if (host) host.groups.unshift('.');
    else runs.unshift({ name: corpusDir() ? 'corpus' : 'empty', groups: ['.'], source: corpusDir() ?? null });
  }
  return runs;
}

async function main(): Promise<number> {
  if (!existsSync(path.join(testsRoot, 'suite', 'index.js'))) throw new Error('build first: node esbuild.mjs --tests');
  let failedRuns = 0;
  for (const run of planRuns()) {
    const scratch = mkdtempSync(path.join(os.tmpdir(), `kexue-electron-${run.name}-`));
    const workspace = path.join(scratch, 'workspace', run.name);
    if (run.source) cpSync(run.source, workspace, { recursive: true });
    else mkdirSync(workspace, { recursive: true });
    console.log(`\n── integration run "${run.name}" under VS Code ${VSCODE_VERSION} (suites: ${run.groups.join(', ')})`);
    try {
      await runTests({
        version: VSCODE_VERSION,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(testsRoot, 'suite', 'index.js'),
        extensionTestsEnv: {
          KEXUE_INTEGRATION_SUITES: run.groups.join(','),
          KEXUE_INTEGRATION_WORKSPACE: run.name,
          ...(process.env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD) ? {} : { VK_ICD_FILENAMES: SWIFTSHADER_ICD }),
        },
        launchArgs: [
          workspace,
          '--user-data-dir', path.join(scratch, 'user-data'),
          '--extensions-dir', path.join(scratch, 'extensions'),
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-telemetry',
        ],
      });
    } catch (error) {
      failedRuns++;
      console.error(`integration run "${run.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return failedRuns > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`runElectron: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
