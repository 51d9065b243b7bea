// The disk cache of rendered formulas: a second session (a new renderer on the same folder) runs no
// KaTeX; keys change with macros and display mode; a corrupt or foreign file is ignored and rebuilt;
// the size bound evicts the least recently used; workers render the same as one thread.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { renderFiles } from '../../../src/cli/renderFiles';
import { PostRenderer } from '../../../src/core/render';
import { FormulaDiskCache, userCacheDir } from '../../../src/renderCache/formulaDiskCache';
import { PostResultDiskCache } from '../../../src/renderCache/postResultDiskCache';
import { fixturePath, readFixture, repoRoot } from '../render/support';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'kexue-formula-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => path.join(scratch, String(folders++));

test('a second session renders no formula: every one comes from the disk', async () => {
  const dir = freshDir();
  const text = readFixture('mathjax-dialect.md');
  const first = new PostRenderer({ store: new FormulaDiskCache(dir) });
  const before = await first.renderComplete(text);
  assert.ok(first.cacheStats.misses > 10);
  const writer = new FormulaDiskCache(dir);
  await new PostRenderer({ store: writer }).renderComplete(text);
  writer.save();
  assert.ok(existsSync(writer.file));

  const second = new PostRenderer({ store: new FormulaDiskCache(dir) });
  const after = second.render(text);
  assert.equal(second.cacheStats.misses, 0, 'no KaTeX, no MathJax');
  assert.equal(second.cacheStats.mathJaxRuns, 0);
  assert.ok(second.cacheStats.storeHits > 10);
  assert.equal(after.stats.pendingFallbacks, 0, 'MathJax output comes from the disk too: no placeholder');
  assert.equal(after.html, before.html);
  assert.deepEqual(after.errors, before.errors);
});

test('keys hold macros and display mode: a redefined macro is rendered again', () => {
  const dir = freshDir();
  const cache = new FormulaDiskCache(dir);
  new PostRenderer({ store: cache }).render('$\\newcommand{\\v}{a}\\v$ $$\\v$$');
  const renderer = new PostRenderer({ store: cache });
  const result = renderer.render('$\\newcommand{\\v}{b}\\v$ $$\\v$$');
  assert.equal(renderer.cacheStats.storeHits, 0);
  assert.match(result.html, /mathnormal">b</);
  assert.doesNotMatch(result.html, /mathnormal">a</);
});

test('a corrupt or foreign cache file is ignored, never an error, and replaced on save', () => {
  const damaged = [
    '{"layout":"kexue-formula-cache-1","entries":[["x"', // the previous layout, cut short
    '[1,2,3]',
    '\u0000\u0001binary',
    'kexue-formula-cache-2\nabc\t99\tkshort\n', // a value shorter than its length
    'kexue-formula-cache-2\nabc\tx\tk<b>\n', // no length
    'kexue-formula-cache-2\nabc\t2\tk<b>\n', // a value longer than its length
    'kexue-formula-cache-2\nabc', // cut short in a hash
  ];
  for (const content of damaged) {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const cache = new FormulaDiskCache(dir);
    writeFileSync(cache.file, content);
    const renderer = new PostRenderer({ store: cache });
    const result = renderer.render('$x^2$');
    assert.deepEqual(result.errors, []);
    assert.equal(renderer.cacheStats.misses, 1);
    cache.save();
    const reread = new FormulaDiskCache(dir);
    assert.equal(reread.size, 1, `rebuilt after ${JSON.stringify(content)}`);
    assert.equal(reread.problem, undefined);
  }
  // A stored value that is not an outcome is ignored (rendered again), not trusted.
  const dir = freshDir();
  const cache = new FormulaDiskCache(dir);
  const renderer = new PostRenderer({ store: cache });
  renderer.render('$y$');
  cache.save();
  const text = readFileSync(cache.file, 'utf8');
  assert.match(text, /\tk<span class="katex">/, 'stored as KaTeX drew it, not as escaped JSON');
  writeFileSync(cache.file, text.replace('\tk<span', '\tx<span'));
  const again = new PostRenderer({ store: new FormulaDiskCache(dir) });
  again.render('$y$');
  assert.equal(again.cacheStats.misses, 1);
});

test('values go to the disk and back as they are, whatever characters they hold', () => {
  const dir = freshDir();
  const cache = new FormulaDiskCache(dir);
  const values = ['plain', 'tab\there', 'two\nlines\n', '"quoted" \\ and \u200b\u4e2d\ud835\udc00', '', '12\t3\t\n'];
  values.forEach((value, i) => cache.set(`key ${i}`, value));
  cache.set('lone surrogate', 'a\ud800b'); // UTF-8 cannot keep it: not stored
  cache.save();
  const reread = new FormulaDiskCache(dir);
  values.forEach((value, i) => assert.equal(reread.get(`key ${i}`), value));
  assert.equal(reread.get('lone surrogate'), undefined);
  assert.equal(reread.problem, undefined);
  // A formula of the previous layout's file is not read; the file goes once the new one is written.
  const old = path.join(dir, 'formulas-v1.json');
  writeFileSync(old, '{"layout":"kexue-formula-cache-1","entries":[]}');
  reread.set('another', 'value');
  reread.save();
  assert.equal(existsSync(old), false);
});

test('a save at exit while a timed save is still writing leaves a whole file', async () => {
  const dir = freshDir();
  const cache = new FormulaDiskCache(dir);
  for (let i = 0; i < 1200; i++) cache.set(`key ${i}`, `value ${i} `.repeat(20));
  const timed = cache.saveAsync();
  cache.set('one more', 'x');
  cache.save(); // as dispose() does
  await timed;
  const reread = new FormulaDiskCache(dir);
  assert.ok(reread.size >= 1200, `${reread.size} entries`);
  assert.equal(reread.problem, undefined);
  assert.equal(reread.get('key 1199'), 'value 1199 '.repeat(20));
});

test('bounded: past maxBytes the least recently used formulas go', () => {
  const cache = new FormulaDiskCache(freshDir(), { maxBytes: 100 });
  cache.set('a', 'x'.repeat(40));
  cache.set('b', 'y'.repeat(40));
  assert.equal(cache.get('a'), 'x'.repeat(40)); // a is now the most recent
  cache.set('c', 'z'.repeat(40));
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.get('a'), 'x'.repeat(40));
  assert.equal(cache.size, 2);
});

test('the CLI cache folder follows $KEXUE_CACHE_DIR, then $XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(userCacheDir({ KEXUE_CACHE_DIR: '/c' }), '/c');
  assert.equal(userCacheDir({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'kexue-reader'));
  assert.equal(userCacheDir({ XDG_CACHE_HOME: 'relative' }), path.join(os.homedir(), '.cache', 'kexue-reader'));
});

test('render workers: the same reports as one thread, in file order; their formulas reach the disk', async () => {
  const workerScript = path.join(repoRoot(), 'dist', 'renderWorker.js');
  if (!existsSync(workerScript)) {
    assert.fail('dist/renderWorker.js missing: run node esbuild.mjs first');
  }
  const files = ['numbering.md', 'macros.md', 'mathjax-dialect.md', 'links.md', 'html2text.md'].map((name) => fixturePath(name));
  const maxBytes = 8 * 1024 * 1024;
  const single = await renderFiles([...files, path.join(scratch, 'missing.md')], { jobs: 1, maxBytes });
  const dir = freshDir();
  const cache = new FormulaDiskCache(dir);
  const filesPerThread: number[] = [];
  const threaded = await renderFiles([...files, path.join(scratch, 'missing.md')], { jobs: 2, workerScript, cache, maxBytes, filesPerThread });
  // Two worker threads, each took files from the queue (one at a time, so both get some); the
  // missing file was answered here.
  assert.equal(filesPerThread.length, 2);
  assert.ok(filesPerThread.every((count) => count >= 1), `files per thread: ${filesPerThread.join(', ')}`);
  assert.equal(filesPerThread[0] + filesPerThread[1], 5);
  const strip = (outcomes: typeof single) => outcomes.map((outcome) => ('report' in outcome ? { ...outcome.report, ms: 0 } : outcome));
  assert.deepEqual(strip(threaded), strip(single));
  assert.match(JSON.stringify(single.at(-1)), /"problem":"could not read the file: no such file/);
  assert.ok(cache.size > 20, `workers handed back ${cache.size} formulas`);
  cache.save();
  const warm = new PostRenderer({ store: new FormulaDiskCache(dir) });
  warm.render(readFixture('numbering.md'));
  assert.equal(warm.cacheStats.misses, 0);
  // A second run: every post is on disk whole, so no worker is started for them.
  const secondRun: number[] = [];
  const again = await renderFiles([...files, path.join(scratch, 'missing.md')], { jobs: 2, workerScript, cache: new FormulaDiskCache(dir), maxBytes, filesPerThread: secondRun });
  assert.deepEqual(strip(again), strip(single));
  assert.deepEqual(secondRun, [6], 'all in this thread');
});

test('whole posts on disk: a second CLI session reads unchanged posts back, rendering nothing', async () => {
  const { renderJobComplete } = await import('../../../src/cli/renderFiles');
  const dir = freshDir();
  const files = ['numbering.md', 'mathjax-dialect.md'].map((name) => fixturePath(name));
  const job = { files, cwd: process.cwd(), maxBytes: 8 * 1024 * 1024 };
  const first = await renderJobComplete(job, new FormulaDiskCache(dir));
  const renderer = new PostRenderer({ store: new FormulaDiskCache(dir), resultStore: new PostResultDiskCache(path.join(dir, 'posts')) });
  const again = renderer.render(readFixture('mathjax-dialect.md'));
  assert.equal(renderer.cacheStats.misses + renderer.cacheStats.storeHits, 0, 'not one formula looked at');
  const second = await renderJobComplete(job, new FormulaDiskCache(dir));
  const strip = (outcomes: typeof first.outcomes) => outcomes.map((outcome) => ('report' in outcome ? { ...outcome.report, ms: 0 } : outcome));
  assert.deepEqual(strip(second.outcomes), strip(first.outcomes));
  assert.equal(again.stats.fallbacks, 5);
  // A changed post, or other options, is rendered again.
  const changed = renderer.render(`${readFixture('mathjax-dialect.md')}\n$z$\n`);
  assert.ok(renderer.cacheStats.misses + renderer.cacheStats.storeHits > 0);
  assert.equal(changed.stats.mathNodes, again.stats.mathNodes + 1);
});
