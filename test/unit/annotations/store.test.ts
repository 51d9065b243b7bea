// The store on a real temporary folder: one file per post keyed by identity (a rename keeps the notes),
// stable pretty JSON, atomic writes, a corrupt file reported and left byte for byte untouched while the
// other posts still load, and writes to the corrupt post refused. Also the CLI's fixed JSON contract.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  AnnotationStore,
  CorruptAnnotationFileError,
  anchorAnnotations,
  annotationsFromW3c,
  createAnnotation,
  matchesFilter,
  notesToW3c,
  parseAnnotationFile,
  postIdentity,
  serializeAnnotationFile,
} from '../../../src/core/annotations/index';
import { AnnotationFilesOnDisk } from '../../../src/notes/annotationFilesOnDisk';
import { fixturePost, repoRoot } from './helpers';

const NOW = '2026-12-03T00:00:00.000Z';
const temp = mkdtempSync(join(tmpdir(), 'kexue-notes-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function library(name: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, '.kexue'), { recursive: true });
  writeFileSync(join(dir, 'post.md'), fixturePost());
  return dir;
}

describe('post identity', () => {
  test('the blog address first, then slug, then title + date; never the path', () => {
    const identity = postIdentity(fixturePost());
    assert.deepEqual(identity, {
      key: 'archives-90003',
      source: 'https://example.org/archives/90003',
      url: 'https://example.org/archives/90003',
      slug: 'reading-notes-3-pseudo-inverse',
      title: '读书笔记（三）：伪逆的几种求法',
      date: '2025-03-14',
    });
    const noUrl = fixturePost().replace(/\*\*原文链接\*\*.*\n/, '');
    assert.equal(postIdentity(noUrl)?.key, 'slug-reading-notes-3-pseudo-inverse');
    assert.equal(postIdentity('# 标题：一/二\n\n正文')?.key, 'title-标题：一-二');
    assert.equal(postIdentity('没有标题的文字'), null);
  });
});

describe('annotation store', () => {
  test('one pretty, key-sorted file per post; a renamed post keeps its notes', async () => {
    const dir = library('rename');
    const store = new AnnotationStore(new AnnotationFilesOnDisk(), dir);
    const text = fixturePost();
    const identity = postIdentity(text)!;
    const start = text.indexOf('伪逆可以看作');
    const annotation = createAnnotation({ identity, text, start, end: start + 6, note: '极限 $\\epsilon\\to 0$', tags: ['定义'], now: NOW, id: 'urn:test:1' });
    await store.add(identity, annotation);
    const files = readdirSync(join(dir, '.kexue', 'annotations'));
    assert.deepEqual(files, ['archives-90003.json']);
    const written = readFileSync(join(dir, '.kexue', 'annotations', files[0]), 'utf8');
    assert.equal(written, serializeAnnotationFile(parseAnnotationFile(written)), 'writing what was read gives the same bytes');
    assert.ok(written.startsWith('{\n  "annotations": [\n    {\n      "@context": "http://www.w3.org/ns/anno.jsonld",\n      "body": ['));
    // The file is renamed and moved into a subfolder: the identity is in the text, so nothing is lost.
    mkdirSync(join(dir, 'moved'));
    renameSync(join(dir, 'post.md'), join(dir, 'moved', '改名.md'));
    const again = await store.load(postIdentity(readFileSync(join(dir, 'moved', '改名.md'), 'utf8'))!);
    assert.equal(again.annotations.length, 1);
    assert.equal(anchorAnnotations(text, again.annotations)[0].anchor.status, 'anchored');
  });

  test('a corrupt sibling file: reported, untouched, never overwritten; the other posts still load', async () => {
    const dir = library('corrupt');
    const store = new AnnotationStore(new AnnotationFilesOnDisk(), dir);
    const text = fixturePost();
    const identity = postIdentity(text)!;
    await store.add(identity, createAnnotation({ identity, text, start: 100, end: 110, now: NOW, id: 'urn:test:good' }));
    const other = '---\ntitle: 另一篇\nslug: another\n---\n\n# 另一篇\n\n另一篇文章的正文。\n';
    const otherIdentity = postIdentity(other)!;
    const corruptPath = join(dir, '.kexue', 'annotations', `${otherIdentity.key}.json`);
    const corruptBytes = '{"version": 1, "post": {"key": "slug-another"}, "annotations": [ {"oops"';
    writeFileSync(corruptPath, corruptBytes);

    const all = await store.loadAll();
    assert.equal(all.files.length, 1);
    assert.equal(all.files[0].annotations[0].id, 'urn:test:good');
    assert.equal(all.corrupt.length, 1);
    assert.match(all.corrupt[0].message, /not valid JSON/);

    const loaded = await store.load(otherIdentity);
    assert.deepEqual(loaded.annotations, []);
    assert.ok(loaded.corrupt);
    const start = other.indexOf('正文');
    await assert.rejects(store.add(otherIdentity, createAnnotation({ identity: otherIdentity, text: other, start, end: start + 2, now: NOW })), CorruptAnnotationFileError);
    assert.equal(readFileSync(corruptPath, 'utf8'), corruptBytes, 'the corrupt file is byte for byte what it was');
    // A file that parses but holds a malformed annotation is just as corrupt, with a message saying where.
    writeFileSync(corruptPath, JSON.stringify({ version: 1, post: { key: 'slug-another', url: null, slug: 'another', title: null, date: null }, annotations: [{ type: 'Annotation' }] }));
    assert.match((await store.load(otherIdentity)).corrupt!.message, /annotations\[0\]: no id/);
  });

  test('writes are atomic and one at a time: twenty quick adds keep all twenty, no temporary file left', async () => {
    const dir = library('atomic');
    const store = new AnnotationStore(new AnnotationFilesOnDisk(), dir);
    const text = fixturePost();
    const identity = postIdentity(text)!;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.add(identity, createAnnotation({ identity, text, start: 200 + i, end: 210 + i, now: NOW, id: `urn:test:${i}` }))),
    );
    assert.equal((await store.load(identity)).annotations.length, 20);
    assert.deepEqual(readdirSync(join(dir, '.kexue', 'annotations')), ['archives-90003.json']);
  });
});

describe('CLI: kexue notes', () => {
  const cli = join(repoRoot(), 'dist', 'cli.js');
  const run = (cwd: string, ...args: string[]): string => execFileSync(process.execPath, [cli, 'notes', ...args], { cwd, encoding: 'utf8' });

  test('add → the annotation as stored; list → the fixed shape with offsets into the current text', () => {
    const dir = library('cli');
    const quote = '它就会二次收敛到伪逆';
    const added = JSON.parse(run(dir, 'add', 'post.md', '--quote', quote, '--note', '含 $x^2$', '--color', 'green', '--tag', 'a', '--tag', 'b', '--json')) as { id: string };
    const stored = readFileSync(join(dir, '.kexue', 'annotations', 'archives-90003.json'), 'utf8');
    assert.deepEqual(parseAnnotationFile(stored).annotations[0], added);

    writeFileSync(join(dir, 'post.md'), `新的开头段落。\n\n${fixturePost()}`);
    const listed = JSON.parse(run(dir, 'list', '.', '--json')) as { annotations: Record<string, unknown>[] };
    const current = readFileSync(join(dir, 'post.md'), 'utf8');
    const start = current.indexOf(quote);
    assert.deepEqual(listed, {
      annotations: [{ id: added.id, post: 'archives-90003', file: 'post.md', status: 'moved', start, end: start + quote.length, exact: quote, note: '含 $x^2$', color: 'green', tags: ['a', 'b'] }],
    });
    assert.equal(current.slice(start, start + quote.length), quote);

    // The quote's line deleted: an orphan keeps its old quote and its last known offsets (documented).
    writeFileSync(join(dir, 'post.md'), fixturePost().replace(/Newton–Schulz迭代.*\n/, ''));
    const orphan = (JSON.parse(run(dir, 'list', 'post.md', '--json')) as { annotations: Record<string, unknown>[] }).annotations[0];
    assert.equal(orphan.status, 'orphan');
    assert.equal(orphan.exact, quote);
    assert.equal(orphan.start, fixturePost().indexOf(quote));

    const markdown = run(dir, 'export', 'post.md');
    assert.match(markdown, /^# 读书笔记（三）：伪逆的几种求法/);
    assert.ok(markdown.includes('> 它就会二次收敛到伪逆'));
    assert.ok(markdown.includes('含 $x^2$'));
    const w3c = JSON.parse(run(dir, 'export', '.', '--format', 'w3c')) as { type: string; total: number };
    assert.deepEqual([w3c.type, w3c.total], ['AnnotationCollection', 1]);
  });

  test('a note added where no .kexue/ exists yet is listed from the folder above, and from the post', () => {
    const dir = join(temp, 'no-kexue-yet');
    mkdirSync(join(dir, 'series'), { recursive: true });
    writeFileSync(join(dir, 'series', 'post.md'), fixturePost());
    const added = JSON.parse(run(dir, 'add', join('series', 'post.md'), '--quote', '它就会二次收敛到伪逆', '--json')) as { id: string };
    const ids = (target: string) => (JSON.parse(run(dir, 'list', target, '--json')) as { annotations: { id: string }[] }).annotations.map((a) => a.id);
    assert.deepEqual(ids('.'), [added.id]);
    assert.deepEqual(ids(join('series', 'post.md')), [added.id]);
  });

  test('a note added where no .kexue/ exists yet goes to the top of its project (.git or .vscode), where the extension files it', () => {
    for (const marker of ['.git', '.vscode']) {
      const dir = join(temp, `project-${marker}`);
      mkdirSync(join(dir, marker), { recursive: true });
      mkdirSync(join(dir, 'series', 'part'), { recursive: true });
      writeFileSync(join(dir, 'series', 'part', 'post.md'), fixturePost());
      run(join(dir, 'series'), 'add', join('part', 'post.md'), '--quote', '它就会二次收敛到伪逆', '--json');
      assert.deepEqual(readdirSync(join(dir, '.kexue', 'annotations')), ['archives-90003.json'], marker);
      assert.deepEqual(readdirSync(join(dir, 'series')), ['part'], `${marker}: no second notes folder beside the post`);
    }
  });

  test('the first occurrence of a quote is counted in the body, not in the front matter the preview does not show', () => {
    const dir = library('body-first');
    // "伪逆" first occurs in `title:`; the note goes to the body's first copy (here the H1), where the page shows it.
    const added = JSON.parse(run(dir, 'add', 'post.md', '--quote', '伪逆', '--json')) as { id: string };
    const entry = (JSON.parse(run(dir, 'list', 'post.md', '--json')) as { annotations: { id: string; start: number }[] }).annotations.find((a) => a.id === added.id);
    const text = fixturePost();
    assert.equal(entry?.start, text.indexOf('伪逆', text.indexOf('\n---\n', 4) + 5));
  });

  test('a quote that occurs more than once: the text answer says which occurrence was taken and of how many', () => {
    const dir = library('which-occurrence');
    const text = fixturePost();
    const body = text.indexOf('\n---\n', 4) + 5;
    let count = 0;
    for (let at = text.indexOf('伪逆', body); at >= 0; at = text.indexOf('伪逆', at + 1)) count++;
    assert.ok(count > 1);
    assert.match(run(dir, 'add', 'post.md', '--quote', '伪逆'), new RegExp(`^added urn:uuid:\\S+ at \\d+–\\d+ of post\\.md \\(occurrence 1 of ${count}; --occurrence N picks another\\)\\n$`));
    assert.match(run(dir, 'add', 'post.md', '--quote', '伪逆', '--occurrence', '2'), new RegExp(`\\(occurrence 2 of ${count}\\)\\n$`));
    assert.doesNotMatch(run(dir, 'add', 'post.md', '--quote', '它就会二次收敛到伪逆'), /occurrence/, 'a quote found once says nothing of occurrences');
  });

  test('bad input: a clear message and a non-zero exit, nothing written', () => {
    const dir = library('bad');
    const fail = (...args: string[]) => spawnSync(process.execPath, [cli, 'notes', ...args], { cwd: dir, encoding: 'utf8' });
    let r = fail('add', 'post.md', '--quote', '这句话不在文中');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /does not occur/);
    r = fail('add', 'post.md', '--quote', '伪逆', '--occurrence', '99');
    assert.match(r.stderr, /the quote occurs \d+ times in the post's text, not 99/);
    // Only in the front matter (the title): a note there could never be seen in the preview.
    r = fail('add', 'post.md', '--quote', 'title:');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /occurs only in the front matter, which the preview does not show/);
    r = fail('add', 'post.md', '--quote', '伪逆', '--colour', 'red');
    assert.equal(r.status, 2);
    // An export never replaces the post, even with --force; another existing file only with --force.
    r = fail('export', 'post.md', '--out', 'post.md', '--force');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is a post being exported: refusing to replace it/);
    assert.equal(readFileSync(join(dir, 'post.md'), 'utf8'), fixturePost());
    writeFileSync(join(dir, 'mine.txt'), 'precious');
    r = fail('export', 'post.md', '--out', 'mine.txt');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /exists: refusing to overwrite it without --force/);
    assert.equal(readFileSync(join(dir, 'mine.txt'), 'utf8'), 'precious');
    r = fail('list', 'missing.md');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no such file/);
    assert.deepEqual(readdirSync(join(dir, '.kexue')), []);
  });
});

describe('Notes view filter and W3C import', () => {
  const text = fixturePost();
  const identity = postIdentity(text)!;
  const start = text.indexOf('伪逆可以看作');
  const annotation = createAnnotation({ identity, text, start, end: start + 6, note: '极限形式 $x^2$', tags: ['定义'], color: 'green', now: NOW, id: 'urn:test:f' });
  const entry = anchorAnnotations(text, [annotation])[0];

  test('words, color: and tag: terms must all match', () => {
    assert.ok(matchesFilter(entry, ''));
    assert.ok(matchesFilter(entry, '伪逆 color:GREEN tag:定义'));
    assert.ok(matchesFilter(entry, '$x^2$'));
    assert.equal(matchesFilter(entry, 'color:yellow'), false);
    assert.equal(matchesFilter(entry, 'tag:矩阵'), false);
    assert.equal(matchesFilter(entry, '不在这里'), false);
  });

  test('a W3C export reads back as the same annotations; a malformed one says which', () => {
    const exported = notesToW3c([{ title: 't', url: null, file: 'post.md', text, entries: [entry] }]);
    assert.deepEqual(annotationsFromW3c(exported), [annotation]);
    assert.deepEqual(annotationsFromW3c(JSON.stringify(annotation)), [annotation]);
    assert.throws(() => annotationsFromW3c(JSON.stringify([annotation, { type: 'Annotation', id: 'x' }])), /annotations\[1\]/);
    assert.throws(() => annotationsFromW3c('{'), SyntaxError);
  });
});
