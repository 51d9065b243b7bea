// `kexue symbols` in process: the fixed JSON contract, and a usage error as {"error"} under --json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
