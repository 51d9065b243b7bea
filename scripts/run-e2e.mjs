#!/usr/bin/env node
// UI tests (out/test/e2e/**/*.test.js, built by `node esbuild.mjs --tests`): packages the extension as
// a .vsix with its runtime dependencies, installs it into a private code-server profile, opens a copy of
// the library and runs the node:test files, which drive headless Chromium (KEXUE_E2E_URL).
//
// Library: sample/ when it holds files, else test/fixtures/library/, else the corpus
// ($KEXUE_CORPUS or ../shared/corpus); KEXUE_E2E_LIBRARY_DIR overrides. Screenshots: test-results/.
//
//   node scripts/run-e2e.mjs [NAME...] [--keep] [--locale=zh-cn]   only files whose names start with a NAME; last line:
//   `e2e: N passed, N failed[, N skipped]`. --locale: the workbench's display language (code-server's
//   --locale, with a stand-in language pack installed: lib/standInLanguagePack.mjs; the tests see it in
//   KEXUE_E2E_LOCALE).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerCli, newDataDir, startCodeServer } from './codeServer.mjs';
import { corpusDir, repoRoot, testResultsDir } from './lib/paths.mjs';
import { packageStandInLanguagePack, registerStandInLanguagePack } from './lib/standInLanguagePack.mjs';
import { packageVsix } from './lib/vsix.mjs';
import { workbenchUrl } from './lib/workbench.mjs';

const keep = process.argv.includes('--keep');
const locale = process.argv.find((arg) => arg.startsWith('--locale='))?.slice('--locale='.length);
const timeoutS = Number(process.env.KEXUE_E2E_TIMEOUT_S ?? 1800);
const hasFiles = (dir) => existsSync(dir) && readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());

function pickLibrary() {
  if (process.env.KEXUE_E2E_LIBRARY_DIR) return { kind: process.env.KEXUE_E2E_LIBRARY ?? 'custom', dir: path.resolve(process.env.KEXUE_E2E_LIBRARY_DIR) };
  const sample = path.join(repoRoot, 'sample');
  if (hasFiles(sample)) return { kind: 'sample', dir: sample };
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'library');
  if (hasFiles(fixture)) return { kind: 'library', dir: fixture };
  const corpus = corpusDir();
  return corpus ? { kind: 'corpus', dir: corpus } : undefined;
}

/** Runs node:test on the files, echoing its output; resolves with the counts from its summary. */
function runNodeTest(files, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const echo = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('exit', (code) => {
      const count = (name) => Number(new RegExp(`^\\S*\\s*${name} (\\d+)`, 'm').exec(output)?.[1] ?? 0);
      const counts = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      resolve({ code, ...counts });
    });
  });
}

async function main() {
  const e2eRoot = path.join(repoRoot, 'out', 'test', 'e2e');
  // `node scripts/run-e2e.mjs preview compute`: only the files whose names start with one of these.
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const files = existsSync(e2eRoot)
    ? readdirSync(e2eRoot, { recursive: true })
        .filter((f) => String(f).endsWith('.test.js'))
        .filter((f) => only.length === 0 || only.some((name) => path.basename(String(f)).startsWith(name)))
        .map((f) => path.join(e2eRoot, String(f)))
        .sort()
    : [];
  if (files.length === 0) {
    console.log('e2e: no tests found in out/test/e2e (build with `node esbuild.mjs --tests`)');
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  const library = pickLibrary();
  if (!library) {
    console.log('e2e: SKIPPED — no library to open (sample/ is empty, no test/fixtures/library/, no corpus)');
    console.log('e2e: 0 passed, 0 failed, 1 skipped');
    return 0;
  }
  const started = Date.now();
  const lap = (what) => console.log(`e2e: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const dataDir = newDataDir('e2e');
  const vsix = packageVsix(path.join(dataDir, 'kexue-reader.vsix'));
  await codeServerCli(['--install-extension', vsix], { dataDir });
  lap('extension installed from the .vsix');
  if (locale && locale !== 'en') {
    await codeServerCli(['--install-extension', packageStandInLanguagePack(locale, path.join(dataDir, `language-pack-${locale}.vsix`))], { dataDir });
    registerStandInLanguagePack(locale, { userDataDir: path.join(dataDir, 'ud'), extensionsDir: path.join(dataDir, 'ext') });
    lap(`stand-in language pack for ${locale} installed`);
  }
  // Outside the repository: paths under .vscode-test/ match the extension's default exclude glob.
  const workspaceRoot = mkdtempSync(path.join(os.tmpdir(), 'kexue-ws-e2e-'));
  const workspace = path.join(workspaceRoot, path.basename(library.dir));
  cpSync(library.dir, workspace, { recursive: true });
  const server = await startCodeServer({ dataDir, workspace, quiet: true, extraArgs: locale ? ['--locale', locale] : [] });
  lap(`code-server ready on ${server.url} with the ${library.kind} library (${library.dir})`);
  let result;
  try {
    result = await runNodeTest(files, {
      KEXUE_E2E_URL: workbenchUrl(server, { folder: workspace }),
      KEXUE_E2E_LIBRARY: library.kind,
      KEXUE_E2E_LOCALE: locale ?? 'en',
      KEXUE_E2E_RESULTS: testResultsDir,
    });
  } finally {
    await server.stop();
    if (result?.failed || result?.code) printExtensionLog(dataDir);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    rmSync(workspaceRoot, { recursive: true, force: true });
  }
  lap('done');
  console.log(`e2e: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''}`);
  return result.failed > 0 || result.code !== 0 ? 1 : 0;
}

/**
 * A failed run prints what the extension itself logged (its output channel, as code-server keeps it):
 * a flaky UI test on CI is otherwise diagnosed from a screenshot alone.
 */
function printExtensionLog(dataDir) {
  const logs = path.join(dataDir, 'ud', 'logs');
  if (!existsSync(logs)) return;
  for (const entry of readdirSync(logs, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/kexue/i.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    console.log(`e2e: the extension's log ${path.relative(dataDir, file)} (last ${Math.min(lines.length, 80)} of ${lines.length} lines):`);
    for (const line of lines.slice(-80)) console.log(`  | ${line}`);
  }
}

const globalTimer = setTimeout(() => {
  console.error(`run-e2e: global timeout of ${timeoutS} s reached`);
  process.exit(1);
}, timeoutS * 1000);
globalTimer.unref();
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-e2e: ${error instanceof Error ? error.stack : error}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
