// `kexue search` end to end, in process: the fixed JSON contracts, --queries, and refused arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { searchCommand } from '../../../src/cli/searchCommand';
import type { CliIo } from '../../../src/cli/cliArgs';
import { scanLibrary } from '../../../src/cli/scanLibrary';
import { fixtureDir } from './support';

async function capture(run: (io: CliIo) => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ stdout: (text) => out.push(text), stderr: (text) => err.push(text) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const HIT_KEYS = ['postId', 'title', 'file', 'line', 'kind', 'equation', 'snippet', 'score'];

test('search --json: hits with exactly the contract keys, postIds as the library (kexue index) gives them', async () => {
  const dir = fixtureDir();
  const { code, stdout } = await capture((o) => searchCommand([dir, '\\msign', '--limit', '3', '--json'], o));
  assert.equal(code, 0);
  const result = JSON.parse(stdout) as { hits: Record<string, unknown>[]; ms: number };
  assert.deepEqual(Object.keys(result), ['hits', 'ms']);
  assert.equal(typeof result.ms, 'number');
  assert.ok(result.hits.length >= 1 && result.hits.length <= 3);
  for (const hit of result.hits) assert.deepEqual(Object.keys(hit), HIT_KEYS);
  assert.deepEqual(result.hits[0], { ...result.hits[0], file: 'pinv.md', kind: 'math', equation: '3', line: 24 });
  const library = await scanLibrary(dir);
  assert.ok(library.posts.some((p) => p.id === result.hits[0].postId && p.title === result.hits[0].title));
});

test('search --queries: one result per line, indexMs apart', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kexue-search-'));
  try {
    const queries = path.join(work, 'queries.txt');
    writeFileSync(queries, '伪逆\n\nHiPPO\n不存在的词语\n');
    const { code, stdout } = await capture((o) => searchCommand([fixtureDir(), '--queries', queries, '--limit', '2', '--json'], o));
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as { results: { query: string; hits: unknown[]; ms: number }[]; indexMs: number };
    assert.deepEqual(Object.keys(result), ['results', 'indexMs']);
    assert.deepEqual(result.results.map((r) => r.query), ['伪逆', 'HiPPO', '不存在的词语']);
    assert.deepEqual(result.results.map((r) => r.hits.length), [2, 1, 0]);
    for (const r of result.results) assert.deepEqual(Object.keys(r), ['query', 'hits', 'ms']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('bad arguments: a clear message and exit 2', async () => {
  for (const args of [[], [fixtureDir()], [fixtureDir(), 'x', '--limit', '0'], [fixtureDir(), 'x', '--limit', 'ten'], [fixtureDir(), 'x', '--frobnicate'], [fixtureDir(), 'x', '--queries', 'q.txt'], [fixtureDir(), '  ']]) {
    const { code, stderr } = await capture((o) => searchCommand(args, o));
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, /^kexue search: .+\nusage:/);
  }
  const blank = await capture((o) => searchCommand([fixtureDir(), ''], o));
  assert.match(blank.stderr, /^kexue search: the query is empty/);
  const missing = await capture((o) => searchCommand(['/nonexistent/kexue', 'x'], o));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read/);
  // Under --json the answer is one {"error"} object on stdout, as for every kexue command.
  const json = await capture((o) => searchCommand([fixtureDir(), 'x', '--limit', 'ten', '--json'], o));
  assert.equal(json.code, 2);
  assert.deepEqual(JSON.parse(json.stdout), { error: '--limit needs a whole number ≥ 1, not "ten"' });
});

test('notes added with kexue notes are searched, as kind note at the annotated line', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kexue-search-notes-'));
  try {
    cpSync(fixtureDir(), work, { recursive: true });
    const cli = path.join(fixtureDir(), '..', '..', '..', 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'notes', 'add', path.join(work, 'pinv.md'), '--quote', '权重矩阵的伪逆', '--note', 'Moore–Penrose 条件要背下来', '--tag', '复习']);
    const { code, stdout } = await capture((o) => searchCommand([work, 'Penrose', '--json'], o));
    assert.equal(code, 0);
    const { hits } = JSON.parse(stdout) as { hits: { kind: string; file: string; line: number; snippet: string }[] };
    assert.equal(hits.length, 1);
    assert.deepEqual({ ...hits[0], snippet: undefined }, { ...hits[0], kind: 'note', file: 'pinv.md', line: 12, snippet: undefined });
    assert.match(hits[0].snippet, /\*\*Penrose\*\*.*#复习.*权重矩阵的伪逆/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('the library scan hands the search the texts it decoded: every post file once, as on disk; an unreadable one not at all', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kexue-search-texts-'));
  try {
    cpSync(fixtureDir(), work, { recursive: true });
    // A BOM is dropped (as the library reads it); a binary file gives no text and no posts.
    writeFileSync(path.join(work, 'bom.md'), `\ufeff${readFileSync(path.join(work, 'plain.md'), 'utf8')}`);
    writeFileSync(path.join(work, 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
    const texts = new Map<string, string>();
    const library = await scanLibrary(work, undefined, texts);
    const files = new Set(library.posts.flatMap((post) => post.sources.map((source) => source.file)));
    assert.ok(files.size >= 3);
    for (const file of files) assert.equal(texts.get(file), readFileSync(file, 'utf8').replace(/^\ufeff/, ''), file);
    assert.equal(texts.has(path.join(work, 'binary.md')), false);
    // And kexue search over them answers as over the files themselves.
    const { stdout } = await capture((o) => searchCommand([work, '记忆框架', '--json'], o));
    const hits = (JSON.parse(stdout) as { hits: { file: string }[] }).hits.map((hit) => hit.file);
    assert.ok(hits.includes('plain.md') && hits.includes('bom.md'), hits.join(','));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
