// The cold build `kexue search` runs: cutting files into documents in a worker thread beside the
// library scan gives the very index the same build gives in one thread (the same serialised state,
// the same hits), and a listing page's documents fall in the posts their lines belong to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildLibrarySearchIndex, type BuildTimings } from '../../../src/cli/librarySearchBuild';
import { documentSpans, documentsOfSpans, extractDocuments } from '../../../src/core/search';
import { repoRoot } from '../render/support';
import { entry, fixtureDir, fixtureText } from './support';

const WORKER = path.join(repoRoot(), 'dist', 'searchSpansWorker.js');

test('documents cut in the worker thread build the same index as in this thread', async () => {
  if (!existsSync(WORKER)) assert.fail('dist/searchSpansWorker.js missing: run node esbuild.mjs first');
  const work = mkdtempSync(path.join(tmpdir(), 'kexue-search-build-'));
  try {
    cpSync(fixtureDir(), path.join(work, 'a'), { recursive: true });
    cpSync(fixtureDir(), path.join(work, 'b'), { recursive: true });
    const inWorker = {} as BuildTimings;
    const here = {} as BuildTimings;
    const built = await buildLibrarySearchIndex(work, { workerScript: WORKER, notes: false, timings: inWorker });
    const alone = await buildLibrarySearchIndex(work, { workerScript: null, notes: false, timings: here });
    // The worker really cut every file; without it, none was.
    assert.equal(inWorker.worker.used, true);
    assert.equal(inWorker.worker.files, 6);
    assert.deepEqual(here.worker, { used: false, files: 0, ms: 0 });
    assert.deepEqual(built.index.serialize(), alone.index.serialize());
    for (const query of ['伪逆', '\\msign', 'W_k', '矩阵']) assert.deepEqual(built.index.search(query, 50), alone.index.search(query, 50), query);
    assert.ok(built.index.search('伪逆', 50).length > 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a worker script that is missing leaves the cutting to this thread', async () => {
  const inThread = {} as BuildTimings;
  const { index } = await buildLibrarySearchIndex(fixtureDir(), { workerScript: path.join(tmpdir(), 'no-such-worker.js'), notes: false, timings: inThread });
  assert.equal(inThread.worker.used, false);
  assert.ok(index.search('伪逆').length > 0);
});

test('spans and the posts of a file: documents fall in the post whose entry line comes last before them', () => {
  const text = fixtureText('pinv.md');
  const spans = documentSpans(text);
  const lines = Array.from(spans.line);
  const middle = lines[Math.floor(lines.length / 2)];
  const entries = [entry('first', 'First'), { ...entry('second', 'Second', middle), primary: false }];
  const documents = documentsOfSpans('pinv.md', text, spans, entries);
  assert.deepEqual(documents, extractDocuments('pinv.md', text, entries));
  assert.equal(documents.filter((d) => d.kind === 'title').length, 1);
  for (const document of documents) assert.equal(document.postId, document.line >= middle && document.kind !== 'title' ? 'second' : 'first', `line ${document.line}`);
  assert.ok(documents.some((d) => d.postId === 'second'));
});
