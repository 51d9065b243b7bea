// `kexue compute` loads its bundle with V8's code cache under the user's cache folder (cli/codeCache):
// written after the first run, used by the next, rewritten when V8 rejects it (a torn or foreign file),
// and never in the way: an unwritable cache folder or KEXUE_CODE_CACHE=0 only means no cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeCacheFolder } from '../../../src/cli/codeCache';
import { cliPath } from './helperEnv';

function pinvOnce(env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [cliPath(), 'compute', 'pinv', '--matrix', '[[1,2],[3,4],[5,6]]', '--backend', 'cpu', '--json'], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rank: number; pinv: number[][] };
  assert.equal(out.rank, 2);
  return out.pinv;
}

test('the compute bundle\'s code cache: written once, used after, rewritten when rejected, skipped when it cannot be written', () => {
  const home = mkdtempSync(join(tmpdir(), 'kexue-code-cache-'));
  const folder = codeCacheFolder({ XDG_CACHE_HOME: home });
  assert.equal(folder, join(home, 'kexue-reader', 'code-cache'));
  const expected = pinvOnce({ XDG_CACHE_HOME: home });
  const files = readdirSync(folder);
  assert.equal(files.length, 1, files.join(', '));
  assert.match(files[0], /^cliCompute-[0-9a-f]{8}\.bin$/);
  const file = join(folder, files[0]);
  const written = statSync(file).mtimeMs;
  // Accepted: the same answer, and the file is not written again.
  assert.deepEqual(pinvOnce({ XDG_CACHE_HOME: home }), expected);
  assert.equal(statSync(file).mtimeMs, written);
  // A torn file: V8 rejects it, the bundle compiles as usual and the cache is rewritten whole.
  writeFileSync(file, 'not a code cache');
  assert.deepEqual(pinvOnce({ XDG_CACHE_HOME: home }), expected);
  assert.notEqual(readFileSync(file, 'utf8'), 'not a code cache');
  assert.deepEqual(readdirSync(folder), files, 'no temporary file left behind');
  // A cache folder that cannot be made (its parent is a file) and KEXUE_CODE_CACHE=0: no cache, same answer.
  const blocked = join(home, 'a-file');
  writeFileSync(blocked, '');
  assert.deepEqual(pinvOnce({ XDG_CACHE_HOME: blocked }), expected);
  const off = mkdtempSync(join(tmpdir(), 'kexue-code-cache-off-'));
  assert.deepEqual(pinvOnce({ XDG_CACHE_HOME: off, KEXUE_CODE_CACHE: '0' }), expected);
  assert.equal(existsSync(join(off, 'kexue-reader')), false);
});
