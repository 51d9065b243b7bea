// `kexue symbols` in process: the fixed JSON contract, and a usage error as {"error"} under --json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { symbolsCommand } from '../../../src/cli/symbolsCommand';
import type { CliIo } from '../../../src/cli/cliArgs';
import { fixtureDir } from '../search/support';

async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = await symbolsCommand(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('symbols --json: symbols with tex, occurrences and definitions (line, text, kind, source)', async () => {
  const { code, stdout } = await capture([path.join(fixtureDir(), 'notation.md'), '--json']);
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as { symbols: { tex: string; occurrences: number; definitions: Record<string, unknown>[] }[] };
  assert.deepEqual(Object.keys(result), ['symbols']);
  for (const symbol of result.symbols) {
    assert.deepEqual(Object.keys(symbol), ['tex', 'occurrences', 'definitions']);
    for (const definition of symbol.definitions) assert.deepEqual(Object.keys(definition), ['line', 'text', 'kind', 'source']);
  }
  const y = result.symbols.find((s) => s.tex === '\\hat{y}');
  assert.deepEqual(y, { tex: '\\hat{y}', occurrences: 2, definitions: [{ line: 13, text: '\\hat{y} := \\boldsymbol{M} x_t + b', kind: 'formula', source: 'this post' }] });
});

test('symbols: bad arguments give exit 2, as {"error"} under --json', async () => {
  assert.equal((await capture([])).code, 2);
  const bad = await capture(['a.md', 'b.md', '--json']);
  assert.equal(bad.code, 2);
  assert.deepEqual(Object.keys(JSON.parse(bad.stdout) as object), ['error']);
  const missing = await capture(['/nonexistent/post.md']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read/);
});

test('symbols: a missing file, a binary one and one not in UTF-8 are refused with the reason (exit 1)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kexue-symbols-'));
  writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x24, 0x78, 0x00, 0x24]));
  writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x24, 0x78, 0x24, 0xe9]));
  for (const [name, reason] of [['missing.md', /no such file/], ['binary.md', /binary file/], ['latin1.md', /not valid UTF-8/]] as const) {
    const r = await capture([path.join(dir, name), '--json']);
    assert.equal(r.code, 1, name);
    assert.match((JSON.parse(r.stdout) as { error: string }).error, reason);
  }
});
