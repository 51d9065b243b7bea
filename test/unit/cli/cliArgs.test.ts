// The CLI's one argument parser: strict (an unknown flag is an error, never a switch that swallows the
// next argument) and one error shape — exit 2, and under --json exactly {"error": "..."} on stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { numberOption, parseCli, reportUsageError, UsageError, wantsJson } from '../../../src/cli/cliArgs';
import { cliPath } from '../helper/helperEnv';

const OPTIONS = { json: { type: 'boolean' }, out: { type: 'string' } } as const;

test('known flags and one positional parse', () => {
  const { values, positionals } = parseCli(['post.md', '--json', '--out', 'x.html'], OPTIONS, { positionals: 1 });
  assert.deepEqual(positionals, ['post.md']);
  assert.equal(values.json, true);
  assert.equal(values.out, 'x.html');
});

test('an unknown flag is an error and does not swallow the next argument', () => {
  assert.throws(() => parseCli(['--bogus', 'post.md'], OPTIONS, { positionals: 1 }), (e: unknown) => e instanceof UsageError && e.message === 'unknown option --bogus');
});

test('a flag whose value is another flag, a missing value, an extra positional are errors', () => {
  assert.throws(() => parseCli(['--out', '--json'], OPTIONS), /--out needs a value/);
  assert.throws(() => parseCli(['--out'], OPTIONS), /--out needs a value/);
  assert.throws(() => parseCli(['a', 'b'], OPTIONS, { positionals: 1 }), /unexpected argument "b"/);
  assert.equal(parseCli(['--out=-x'], OPTIONS).values.out, '-x');
});

test('under --json the error is one JSON object on stdout; exit 2', () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
  const args = ['--bogus', '--json'];
  let code = -1;
  try {
    parseCli(args, OPTIONS);
  } catch (error) {
    code = reportUsageError('kexue test', error as UsageError, { json: wantsJson(args), usage: 'usage: …' }, io);
  }
  assert.equal(code, 2);
  assert.deepEqual(JSON.parse(out.join('')), { error: 'unknown option --bogus' });
  assert.match(err.join(''), /unknown option --bogus/);
});

test('numberOption reads through the one number reader and checks bounds', () => {
  assert.equal(numberOption('n', '8', { integer: true, min: 1 }), 8);
  assert.equal(numberOption('x', undefined), undefined);
  assert.throws(() => numberOption('n', '8.5', { integer: true }), /--n must be a whole number/);
  assert.throws(() => numberOption('x', ''), /--x must be a number/);
  assert.throws(() => numberOption('x', '0x10'), /--x must be a number/);
  assert.throws(() => numberOption('x', '0', { min: 0.1 }), /at least 0.1/);
});

test('--help / -h on every command and subcommand: its usage on stdout, exit 0 (not "unknown option")', () => {
  const commands = [['index'], ['render'], ['search'], ['symbols'], ['notes'], ['notes', 'add'], ['notes', 'list'], ['notes', 'export'], ['compute'], ['compute', 'msign']];
  for (const command of commands) {
    for (const flag of ['--help', '-h']) {
      const run = spawnSync(process.execPath, [cliPath(), ...command, flag], { encoding: 'utf8', timeout: 60_000 });
      const name = `kexue ${command.join(' ')} ${flag}`;
      assert.equal(run.status, 0, `${name}: exit ${run.status}, stderr ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^usage:[\\s\\S]*kexue ${command[0]}`), `${name}: ${run.stdout}`);
      assert.equal(run.stderr, '', name);
    }
  }
  // After `--` it is an argument, not a request for help.
  const literal = spawnSync(process.execPath, [cliPath(), 'symbols', '--', '--help'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(literal.status, 1);
  assert.match(literal.stderr, /cannot read --help/);
});
