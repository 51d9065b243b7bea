// Mocha runner loaded by VS Code's extension host as `extensionTestsPath` (code-server via
// scripts/run-integration.mjs, or @vscode/test-electron via runElectron.ts).
//
// Which files run depends on the workspace the runner opened (see scripts/run-integration.mjs):
//   test/integration/*.test.ts            workspace-agnostic, run in the default run
//   test/integration/<name>/**/*.test.ts  run against <name>'s workspace (corpus, empty, sample, or
//                                         a copy of test/fixtures/<name>)
// The runner passes the groups in KEXUE_INTEGRATION_SUITES (comma-separated; "." = top level).
import * as path from 'node:path';
import { globSync } from 'glob';
import Mocha from 'mocha';

/** Groups to load; with no variable set (e.g. a plain test-electron run) everything runs. */
function selectedGroups(): Set<string> | undefined {
  const raw = process.env.KEXUE_INTEGRATION_SUITES;
  return raw ? new Set(raw.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
}

export function testFiles(root: string, groups = selectedGroups()): string[] {
  return globSync('**/*.test.js', { cwd: root, posix: true })
    .filter((file) => {
      if (!groups) return true;
      const slash = file.indexOf('/');
      return groups.has(slash < 0 ? '.' : file.slice(0, slash));
    })
    .sort()
    .map((file) => path.join(root, file));
}

/**
 * Promise rejections nobody handled while the tests ran, from our code (the extension's bundle or the
 * tests): each one fails the run. VS Code only logs them, so a closed panel or a deleted file that
 * leaves one behind would otherwise pass unnoticed. Other extensions' rejections are not ours to judge.
 */
function watchUnhandledRejections(repoRoot: string): { stop(): string[] } {
  const seen: string[] = [];
  const listener = (reason: unknown): void => {
    const text = reason instanceof Error ? `${reason.message}\n${reason.stack ?? ''}` : String(reason);
    if (text.includes(repoRoot)) seen.push(text);
  };
  process.on('unhandledRejection', listener);
  return {
    stop: () => {
      process.off('unhandledRejection', listener);
      return seen;
    },
  };
}

export async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..'); // out/test/integration
  const rejections = watchUnhandledRejections(path.resolve(root, '..', '..', '..'));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.KEXUE_INTEGRATION_TIMEOUT_MS ?? 60_000),
    ...(process.env.KEXUE_INTEGRATION_GREP ? { grep: process.env.KEXUE_INTEGRATION_GREP } : {}),
  });
  const files = testFiles(root);
  for (const file of files) mocha.addFile(file);
  const workspace = process.env.KEXUE_INTEGRATION_WORKSPACE ?? '(unnamed)';
  console.log(`integration [${workspace}]: ${files.length} test file(s)`);

  const { passed, failed, pending } = await new Promise<{ passed: number; failed: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error))); // e.g. a test file that throws while loading
    }
  });
  const unhandled = rejections.stop();
  for (const text of unhandled) console.error(`unhandled promise rejection during the tests:\n${text}`);
  const failedInAll = failed + unhandled.length;
  // scripts/run-integration.mjs parses this line.
  console.log(`integration: ${passed} passed, ${failedInAll} failed${pending ? `, ${pending} skipped` : ''}`);
  if (failedInAll > 0) throw new Error(`${failed} integration test(s) failed, ${unhandled.length} unhandled rejection(s)`);
}
