// The CLI's one argument parser: strict (an unknown flag is an error, never a switch that swallows the
// next argument) and one error shape — exit 2, and under --json exactly {"error": "..."} on stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberOption, parseCli, reportUsageError, UsageError, wantsJson } from '../../../src/cli/cliArgs';

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
