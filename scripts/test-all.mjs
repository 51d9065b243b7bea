#!/usr/bin/env node
// `npm test`: every stage in order, streaming its output, then a table of counts and a last line
// `N passed, N failed[, N skipped]`. Set-up stages (system packages, code-server, build, typecheck)
// count as one check each, and so does lint; test stages count their tests. Exit code 1 when anything failed.
//
//   npm test [-- --skip e2e,e2e-zh,integration]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/paths.mjs';

const { values: opts } = parseArgs({ options: { skip: { type: 'string', default: '' } } });
const skip = new Set(opts.skip.split(',').filter(Boolean));

/** Runs a command, echoing its output as it comes; resolves with its exit code and all it printed. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const check = ({ code }) => (code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });

/** `<prefix>: N passed, N failed[, N skipped]`, the last one printed (our runners' summary line). */
function summaryCounts(prefix) {
  return ({ code, output }) => {
    const all = [...output.matchAll(new RegExp(`^${prefix}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?`, 'gm'))];
    const last = all.at(-1);
    const counts = last ? { passed: +last[1], failed: +last[2], skipped: +(last[3] ?? 0) } : { passed: 0, failed: 0, skipped: 0 };
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // crashed before printing a summary
    return counts;
  };
}

/** node:test's spec reporter ends with `ℹ pass N`, `ℹ fail N`, … */
function nodeTestCounts({ code, output }) {
  const count = (name) => Number(new RegExp(`^\\S*\\s*${name} (\\d+)\\s*$`, 'm').exec(output)?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

function unitTestFiles() {
  const root = path.join(repoRoot, 'out', 'test', 'unit');
  if (!existsSync(root)) return [];
  // Node 20's `--test` takes no glob patterns: list the files ourselves.
  return readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join('out', 'test', 'unit', f));
}

const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** name, command, how to count, and whether a failure stops everything after it. */
const stages = [
  { name: 'system', run: () => run(node, ['scripts/ensure-system.mjs']), count: check, blocking: true },
  { name: 'code-server', run: () => run(node, ['scripts/install-code-server.mjs']), count: check, blocking: true },
  { name: 'build', run: () => run(node, ['esbuild.mjs', '--tests']), count: check, blocking: true },
  // A type error stops the run: every later stage would test code that does not compile as written.
  { name: 'typecheck', run: () => run(npm, ['run', '--silent', 'typecheck']), count: check, blocking: true },
  { name: 'lint', run: () => run(npm, ['run', '--silent', 'lint']), count: check },
  {
    name: 'unit',
    run: () => {
      const files = unitTestFiles();
      if (files.length === 0) return Promise.resolve({ code: 0, output: 'unit: no unit tests in out/test/unit\n' });
      return run(node, ['--test', '--test-reporter=spec', ...files]);
    },
    count: nodeTestCounts,
  },
  { name: 'grammar', run: () => run(node, ['test/grammar/run.mjs']), count: summaryCounts('grammar') },
  { name: 'integration', run: () => run(node, ['scripts/run-integration.mjs']), count: summaryCounts('integration') },
  { name: 'e2e', run: () => run(node, ['scripts/run-e2e.mjs']), count: summaryCounts('e2e') },
  // The 简体中文 interface, in a code-server of its own started in Chinese (test/e2e/chineseUi).
  { name: 'e2e-zh', run: () => run(node, ['scripts/run-e2e.mjs', 'chineseUi', '--locale=zh-cn']), count: summaryCounts('e2e') },
];

const results = [];
let blockedBy;
const started = Date.now();
for (const stage of stages) {
  if (blockedBy || skip.has(stage.name)) {
    results.push({ name: stage.name, status: blockedBy ? `not run (${blockedBy} failed)` : 'skipped (--skip)', passed: 0, failed: 0, skipped: 1, seconds: 0 });
    continue;
  }
  console.log(`\n━━━ ${stage.name} ${'━'.repeat(Math.max(0, 60 - stage.name.length))}`);
  const t0 = Date.now();
  const outcome = await stage.run();
  const counts = stage.count(outcome);
  const ok = outcome.code === 0 && counts.failed === 0;
  results.push({ name: stage.name, status: ok ? 'ok' : `FAILED (exit ${outcome.code})`, ...counts, seconds: (Date.now() - t0) / 1000 });
  if (!ok && stage.blocking) blockedBy = stage.name;
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n━━━ summary ${'━'.repeat(53)}`);
console.log(`${pad('stage', 13)}${pad('result', 28)}${pad('passed', 8)}${pad('failed', 8)}${pad('skipped', 9)}time`);
for (const r of results) console.log(`${pad(r.name, 13)}${pad(r.status, 28)}${pad(r.passed, 8)}${pad(r.failed, 8)}${pad(r.skipped, 9)}${r.seconds.toFixed(1)} s`);
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const anyFailed = total.failed > 0 || results.some((r) => r.status.startsWith('FAILED'));
console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(anyFailed ? 1 : 0);
