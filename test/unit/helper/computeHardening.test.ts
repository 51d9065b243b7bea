// `kexue compute` against hostile input (issue 11): strict flags with JSON errors, sizes checked while
// reading, linear parsers with short messages, huge parameters answered right or refused, never a
// `null` where a number belongs, and a helper that dies reported plainly.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliPath } from './helperEnv';

function kexue(args: string[]) {
  const r = spawnSync(process.execPath, [cliPath(), 'compute', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

const dir = mkdtempSync(join(tmpdir(), 'kexue-hostile-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Every number in the printed JSON is a number: JSON.stringify writes NaN and ±∞ as null. */
function assertNoNull(stdout: string): void {
  assert.ok(!/\bnull\b/.test(stdout.replace(/"adapter":null/g, '')), `null in ${stdout.slice(0, 300)}`);
}

test('an unknown flag is a usage error (exit 2), as JSON under --json; it no longer swallows the next argument', () => {
  const r = kexue(['pinv', '--matrix', '[[1,2],[3,4]]', '--bogus', '--json']);
  assert.equal(r.code, 2);
  assert.deepEqual(JSON.parse(r.stdout), { error: 'unknown option --bogus' });
  const positional = kexue(['hippo', '--measure', 'legs', '--n', '4', 'extra']);
  assert.equal(positional.code, 2);
  assert.match(positional.stderr, /unexpected argument "extra"/);
  // A refusal under --json is JSON too, in the same {"error": "…"} form as every subcommand.
  const refused = kexue(['pinv', '--matrix', '[[1e-320,0],[0,1e-320]]', '--json']);
  assert.equal(refused.code, 3);
  assert.match((JSON.parse(refused.stdout) as { error: string }).error, /beyond double precision/);
});

test('sizes are checked while reading: /dev/zero, a file over the byte bound, 2049×2049, --exact on 2048²', () => {
  const zero = kexue(['pinv', '--matrix-file', '/dev/zero']);
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /NUL bytes: it is not a text file/);
  const huge = join(dir, 'huge.csv');
  writeFileSync(huge, '1,2\n');
  truncateSync(huge, 300 * 2 ** 20); // sparse: 300 MiB refused from its size alone
  const big = kexue(['pinv', '--matrix-file', huge]);
  assert.equal(big.code, 2);
  assert.match(big.stderr, /is 300 MiB, more than the \d+ MiB/);
  const rows = Array.from({ length: 2049 }, () => '1').join('\n');
  const tall = kexue(['pinv', '--matrix-file', file('tall.csv', rows)]);
  assert.equal(tall.code, 3);
  assert.match(tall.stderr, /rows is 2049, above the limit of 2048/);
  const exact = kexue(['pinv', '--matrix-file', file('exact.json', JSON.stringify(Array.from({ length: 2048 }, () => [1, 2]))), '--exact']);
  assert.equal(exact.code, 3);
  assert.match(exact.stderr, /exact arithmetic is limited to 8×8, got 2048×2/);
});

test('parsers are linear and quote little: a 100k-digit cell, 10⁵ nested [, 200k unclosed \\begin{pmatrix}', () => {
  const digits = kexue(['pinv', '--matrix-file', file('digits.csv', `${'1'.repeat(100_000)}x`)]);
  assert.equal(digits.code, 3);
  assert.match(digits.stderr, /"1{40}…" \(100001 characters\) is too long for a number/);
  assert.ok(digits.stderr.length < 400, `${digits.stderr.length} characters of message`);
  const deep = kexue(['pinv', '--matrix-file', file('deep.json', '['.repeat(100_000))]);
  assert.equal(deep.code, 3);
  assert.match(deep.stderr, /nested more than two levels deep/);
  const unclosed = kexue(['pinv', '--matrix-file', file('unclosed.tex', '\\begin{pmatrix}1'.repeat(200_000))]);
  assert.equal(unclosed.code, 3);
  assert.match(unclosed.stderr, /\\begin\{pmatrix\} has no \\end\{pmatrix\}/);
});

test('huge Δ and window: ZOH and bilinear answer (no null), Euler and the approximation refuse clearly', () => {
  for (const method of ['zoh', 'bilinear', 'backward']) {
    const r = kexue(['hippo', '--measure', 'legs', '--n', '8', '--discretize', method, '--dt', '1e308', '--kernel', '16', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assertNoNull(r.stdout);
    const out = JSON.parse(r.stdout) as { Bbar: number[] };
    // Δ → ∞: B̄ → −A⁻¹B = e₀ for LegS (ZOH, backward) and 2e₀ (bilinear).
    assert.ok(Math.abs(out.Bbar[0] - (method === 'bilinear' ? 2 : 1)) < 1e-9, `${method}: ${out.Bbar[0]}`);
  }
  const euler = kexue(['hippo', '--measure', 'legs', '--n', '8', '--discretize', 'euler', '--dt', '1e308', '--json']);
  assert.equal(euler.code, 3);
  assert.match(euler.stderr, /euler with Δ = 1e\+308 overflows double precision/);
  const windowed = kexue(['approximate', '--measure', 'legt', '--n', '8', '--signal', 'sine', '--length', '64', '--window', '1e308', '--json']);
  assert.equal(windowed.code, 3);
  assert.match(windowed.stderr, /window 1e\+308 is longer than the whole signal/);
  const dt = kexue(['approximate', '--measure', 'legs', '--n', '8', '--signal', 'sine', '--length', '64', '--dt', '1e308']);
  assert.equal(dt.code, 3);
  assert.match(dt.stderr, /duration L·Δ/);
});

test('pinv is scale-invariant: 1e308 gives 2.5e-309 (σ₁ reported ÷ 2^e), 1e-320 is refused, not null', () => {
  const r = kexue(['pinv', '--matrix', '[[1e308,1e308],[1e308,1e308]]', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assertNoNull(r.stdout);
  const out = JSON.parse(r.stdout) as { rank: number; pinv: number[][]; singularValueExponent: number };
  assert.equal(out.rank, 1);
  for (const v of out.pinv.flat()) assert.ok(Math.abs(v - 2.5e-309) < 1e-322, `${v}`);
  assert.equal(out.singularValueExponent, 1024);
  const tiny = kexue(['pinv', '--matrix', '[[1e-320,0],[0,1e-320]]']);
  assert.equal(tiny.code, 3);
  assert.match(tiny.stderr, /entries of about 1e320, beyond double precision/);
});

/** The helper's pid: the CLI's only child. */
function childOf(pid: number): number | undefined {
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (children) return Number(children.split(/\s+/)[0]);
  }
  return undefined;
}

test('msign, matfun and RoPE near the ends of double precision: answered right or refused, never null or zeros', () => {
  // msign(c·M) = msign(M): a 2×2 of 1e307 (once all zeros) and one of 1e-310 (once NaN, printed as null).
  for (const c of ['1e307', '1e-310']) {
    const r = kexue(['msign', '--matrix', `[[${c},${c}],[${c},${c}]]`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assertNoNull(r.stdout);
    assert.deepEqual((JSON.parse(r.stdout) as { msign: number[][] }).msign.flat().map((v) => Math.round(v * 1e12) / 1e12), [0.5, 0.5, 0.5, 0.5]);
  }
  // σ₁ of a 2×2 of 1e308 is 2e308: refused with the reason, not printed as null.
  const over = kexue(['msign', '--matrix', '[[1e308,1e308],[1e308,1e308]]', '--json']);
  assert.equal(over.code, 3);
  assert.match((JSON.parse(over.stdout) as { error: string }).error, /singular values has Infinity/);
  const root = kexue(['matfun', '--fn', 'invsqrt', '--matrix', '[[1e-310,0],[0,1e-310]]', '--json']);
  assert.equal(root.code, 0, root.stderr);
  assertNoNull(root.stdout);
  assert.ok(Math.abs((JSON.parse(root.stdout) as { value: number[][] }).value[0][0] / 1e155 - 1) < 1e-12);
  // PI and YaRN's effective base (and NTK's new one) b·κ^(d/(d−2)) past 1.8e308: once null (pi, yarn)
  // or "the base b must be … got Infinity" (ntk).
  for (const method of ['pi', 'yarn', 'ntk']) {
    const rope = kexue(['rope', '--dim', '128', '--base', '1e308', '--scale', '1e6', '--method', method, '--json']);
    assert.equal(rope.code, 3, `${method}: ${rope.stdout}`);
    assert.match((JSON.parse(rope.stdout) as { error: string }).error, /extended base b' = b·κ\^\(d\/\(d−2\)\) would be about 1e314/);
  }
});

test('a one-shot CLI whose helper dies says so plainly, with no EPIPE stack trace (3 kills)', async () => {
  for (let round = 0; round < 3; round++) {
    // auto, and big enough for auto to want a GPU: the helper decides (a --backend cpu job runs in the CLI's own process).
    const cli = spawn(process.execPath, [cliPath(), 'compute', 'hippo', '--measure', 'legs', '--n', '1024', '--discretize', 'bilinear', '--dt', '0.001', '--kernel', '1048576', '--backend', 'auto', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    cli.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    let helper: number | undefined;
    while (helper === undefined && Date.now() < deadline) {
      helper = childOf(cli.pid as number);
      if (helper === undefined) await new Promise((r) => setImmediate(r));
    }
    assert.ok(helper, 'the helper started');
    process.kill(helper, 'SIGKILL');
    const code = await exited;
    assert.equal(code, 3);
    assert.match(stderr, /the compute helper was killed by SIGKILL while hippo job 1 was running, so there is no result\n/);
    assert.doesNotMatch(stderr, /next request|EPIPE| {4}at /);
  }
});
