#!/usr/bin/env node
// Runs the integration suites (out/test/integration, built by `node esbuild.mjs --tests`) inside a real
// VS Code: code-server's Node extension host, driven by headless Chromium.
//
// Layout → workspace (each group gets its own code-server run and a fresh temp copy of its folder):
//   test/integration/*.test.ts          the default run: the corpus, or an empty folder without it
//   test/integration/corpus/**          a copy of $KEXUE_CORPUS or <repo>/../shared/corpus
//   test/integration/empty/**           an empty folder (welcome view)
//   test/integration/sample/**          a copy of sample/
//   test/integration/<name>/**          a copy of test/fixtures/<name>/
// The suite runner (out/test/integration/suite/index.js) loads the groups named in
// KEXUE_INTEGRATION_SUITES; tests see their workspace's name in KEXUE_INTEGRATION_WORKSPACE.
//
//   node scripts/run-integration.mjs [--only <group>] [--grep <pattern>] [--verbose]
// Env: KEXUE_CORPUS, KEXUE_INTEGRATION_TIMEOUT_S (global, default 1800), KEXUE_INTEGRATION_RUN_TIMEOUT_S
// (one run, default 600). Exit code: 0 when every run passed. Last line: `integration: N passed, N failed`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, newDataDir } from './codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { corpusDir, repoRoot, sampleLibraryDir } from './lib/paths.mjs';
import { exposeAutomation, workbenchUrl } from './lib/workbench.mjs';

const { values: opts } = parseArgs({
  options: { only: { type: 'string' }, grep: { type: 'string' }, verbose: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const outRoot = path.join(repoRoot, 'out', 'test', 'integration');
const suiteIndex = path.join(outRoot, 'suite', 'index.js');
const globalTimeoutS = Number(process.env.KEXUE_INTEGRATION_TIMEOUT_S ?? 1800);
const runTimeoutS = Number(process.env.KEXUE_INTEGRATION_RUN_TIMEOUT_S ?? 600);

const hasTests = (dir, recursive) =>
  existsSync(dir) &&
  readdirSync(dir, { withFileTypes: true, recursive }).some((e) => e.isFile() && e.name.endsWith('.test.js'));

/** Which folder each group runs against; undefined = the folder is missing (the group is skipped). */
function workspaceSource(group) {
  switch (group) {
    case 'corpus': return { source: corpusDir(), hint: 'set KEXUE_CORPUS or place the corpus at ../shared/corpus' };
    case 'empty': return { source: null };
    case 'sample': return { source: sampleLibraryDir(), hint: 'sample/ is missing or empty' };
    default: {
      const fixture = path.join(repoRoot, 'test', 'fixtures', group);
      return { source: existsSync(fixture) ? fixture : undefined, hint: `test/fixtures/${group}/ is missing` };
    }
  }
}

/** The runs to do: [{ name, groups, source }], plus the skipped ones. */
function planRuns() {
  const groups = existsSync(outRoot)
    ? readdirSync(outRoot).filter((d) => d !== 'suite' && statSync(path.join(outRoot, d)).isDirectory() && hasTests(path.join(outRoot, d), true))
    : [];
  const topLevel = hasTests(outRoot, false);
  const runs = [];
  const skipped = [];
  for (const group of groups) {
    const { source, hint } = workspaceSource(group);
    if (source === undefined) skipped.push({ group, hint });
    else runs.push({ name: group, groups: [group], source });
  }
  if (topLevel) {
    // Workspace-agnostic tests join the corpus run, or without a corpus the empty-folder run.
    const host = runs.find((r) => r.name === 'corpus') ?? runs.find((r) => r.name === 'empty');
    if (host) host.groups.unshift('.');
    else {
      const corpus = corpusDir();
      runs.unshift(corpus ? { name: 'corpus', groups: ['.'], source: corpus } : { name: 'empty', groups: ['.'], source: null });
    }
  }
  runs.sort((a, b) => (a.groups.includes('.') ? -1 : b.groups.includes('.') ? 1 : a.name.localeCompare(b.name)));
  return {
    runs: opts.only ? runs.filter((r) => r.name === opts.only) : runs,
    skipped: opts.only ? skipped.filter((s) => s.group === opts.only) : skipped,
  };
}

const SUMMARY = /integration: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/;

async function runOne(run) {
  const started = Date.now();
  const dataDir = newDataDir(`integration-${run.name}`);
  // The workspace lives outside the repository: paths under .vscode-test/ match the extension's
  // default exclude glob, and a user's library is not inside a build folder either.
  const workspaceRoot = mkdtempSync(path.join(os.tmpdir(), `kexue-ws-${run.name}-`));
  const workspace = path.join(workspaceRoot, run.name);
  if (run.source) cpSync(run.source, workspace, { recursive: true });
  else mkdirSync(workspace, { recursive: true });

  console.log(`\n── integration run "${run.name}" (suites: ${run.groups.join(', ')}; workspace: ${run.source ?? 'empty folder'})`);
  const server = await startCodeServer({
    dataDir,
    workspace,
    quiet: !opts.verbose,
    env: {
      KEXUE_INTEGRATION_SUITES: run.groups.join(','),
      KEXUE_INTEGRATION_WORKSPACE: run.name,
      ...(opts.grep ? { KEXUE_INTEGRATION_GREP: opts.grep } : {}),
    },
  });
  let browser;
  let summary;
  let exitCode;
  const workbenchLog = [];
  try {
    browser = await launchBrowser();
    // The workbench's own log is noisy: without --verbose, echo only what the suite prints between its
    // first line and its summary, and keep the rest to show when a run ends without a summary.
    let inSuite = false;
    const onLog = (type, text) => {
      if (text.startsWith('integration [')) inSuite = true;
      if (opts.verbose || inSuite) console.log(text);
      else workbenchLog.push(text);
      const match = SUMMARY.exec(text);
      if (match) {
        summary = { passed: +match[1], failed: +match[2], skipped: +(match[3] ?? 0) };
        inSuite = false;
      }
    };
    const exit = exposeAutomation(browser.page, { onLog });
    await browser.page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: suiteIndex }));
    let timer;
    exitCode = await Promise.race([
      exit,
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), runTimeoutS * 1000))),
    ]);
    clearTimeout(timer);
    if (exitCode === 'timeout') {
      console.log(`integration run "${run.name}": no result after ${runTimeoutS} s`);
      exitCode = 1;
    }
    if (!summary && !opts.verbose) console.log(`workbench log (tail):\n${workbenchLog.slice(-40).join('\n')}\ncode-server log: ${server.logFile} (kept with --keep)`);
  } finally {
    await browser?.close();
    await server.stop();
    if (!opts.keep) rmSync(dataDir, { recursive: true, force: true });
    rmSync(workspaceRoot, { recursive: true, force: true });
  }
  if (!summary) summary = { passed: 0, failed: exitCode === 0 ? 0 : 1, skipped: 0 }; // e.g. the suite failed to load
  if (exitCode !== 0 && summary.failed === 0) summary.failed = 1;
  console.log(`── integration run "${run.name}": exit ${exitCode}, ${summary.passed} passed, ${summary.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { ...summary, exitCode };
}

async function main() {
  if (!existsSync(suiteIndex)) {
    console.error(`run-integration: ${path.relative(repoRoot, suiteIndex)} is missing — build first: node esbuild.mjs --tests`);
    return 1;
  }
  const { runs, skipped } = planRuns();
  for (const s of skipped) console.log(`integration: SKIPPED the ${s.group} integration suite — ${s.hint}`);
  if (!corpusDir() && !opts.only && !skipped.some((s) => s.group === 'corpus')) console.log('integration: SKIPPED the corpus integration suite — corpus not found (set KEXUE_CORPUS or place it at ../shared/corpus)');
  const totals = { passed: 0, failed: 0, skipped: skipped.length };
  for (const run of runs) {
    const result = await runOne(run);
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
  }
  if (runs.length === 0) console.log('integration: no integration tests found');
  console.log(`integration: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  return totals.failed > 0 ? 1 : 0;
}

const globalTimer = setTimeout(() => {
  console.error(`run-integration: global timeout of ${globalTimeoutS} s reached`);
  process.exit(1); // codeServer.mjs kills its process groups on exit
}, globalTimeoutS * 1000);
globalTimer.unref();
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-integration: ${error instanceof Error ? error.stack : error}`);
    process.exit(1);
  },
);
