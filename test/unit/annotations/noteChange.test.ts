// Edits, recolours and retags from the notes UIs keep what they do not name — above all a pinned
// definition's `describing` body, which the Notation view and `kexue symbols` read; through the real
// store on disk. Also the Notes view's series grouping and the preview's reading-place conversions.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  AnnotationStore,
  applyNoteChange,
  createAnnotation,
  groupBySeries,
  isPin,
  lineOfLocator,
  lineOfOffset,
  locatorAtLine,
  matchesFilter,
  parseTags,
  anchorAnnotations,
  offsetOfLine,
  postIdentity,
  shownNoteOf,
  type Annotation,
} from '../../../src/core/annotations/index';
import { readerDefinitions } from '../../../src/core/notation/index';
import { AnnotationFilesOnDisk } from '../../../src/notes/annotationFilesOnDisk';
import { fixturePost } from './helpers';

const NOW = '2026-12-03T00:00:00.000Z';
const LATER = '2026-12-03T01:00:00.000Z';
const temp = mkdtempSync(join(tmpdir(), 'kexue-notechange-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function pinOn(text: string, quote: string, definition: string): Annotation {
  const identity = postIdentity(text)!;
  const start = text.indexOf(quote);
  assert.ok(start >= 0, quote);
  const pin = createAnnotation({ identity, text, start, end: start + quote.length, motivation: 'describing', now: NOW });
  pin.body = [{ type: 'TextualBody', purpose: 'describing', format: 'text/markdown', value: definition }];
  return pin;
}

describe('applyNoteChange', () => {
  const text = fixturePost();

  test('a pin recoloured, retagged or given a new definition keeps one describing body and its motivation', () => {
    const pin = pinOn(text, 'A^+', '$A^+$: 伪逆');
    assert.ok(isPin(pin));
    assert.equal(shownNoteOf(pin), '$A^+$: 伪逆');
    const green = applyNoteChange(pin, { color: 'green' }, LATER);
    assert.deepEqual(green.body, pin.body);
    assert.deepEqual([green.color, green.motivation, green.modified], ['green', 'describing', LATER]);
    const tagged = applyNoteChange(green, { tags: ['矩阵', ' ', '矩阵'] }, LATER);
    assert.deepEqual(tagged.body.map((b) => [b.purpose, b.value]), [['describing', '$A^+$: 伪逆'], ['tagging', '矩阵']]);
    const corrected = applyNoteChange(tagged, { note: '$A^+$: Moore–Penrose 伪逆' }, LATER);
    assert.deepEqual(corrected.body.map((b) => [b.purpose, b.value]), [['describing', '$A^+$: Moore–Penrose 伪逆'], ['tagging', '矩阵']]);
    assert.equal(corrected.motivation, 'describing');
    // An empty definition would silently unpin: the old one stays.
    assert.deepEqual(applyNoteChange(corrected, { note: '  ' }, LATER).body, corrected.body);
    // The Notation view still reads it as the reader's definition.
    assert.deepEqual(readerDefinitions(text, [corrected]).map((d) => [d.tex, d.text]), [['A^+', 'Moore–Penrose 伪逆']]);
  });

  test('a note edited keeps its tags; a highlight given a note becomes a comment; a note emptied keeps the rest', () => {
    const identity = postIdentity(text)!;
    const start = text.indexOf('伪逆可以看作');
    const note = createAnnotation({ identity, text, start, end: start + 6, note: '旧的 $x$', tags: ['笔记'], now: NOW });
    const edited = applyNoteChange(note, { note: '新的 $x^2$' }, LATER);
    assert.deepEqual(edited.body.map((b) => [b.purpose, b.value]), [['commenting', '新的 $x^2$'], ['tagging', '笔记']]);
    const highlight = createAnnotation({ identity, text, start, end: start + 6, now: NOW });
    assert.equal(applyNoteChange(highlight, { note: '有话说' }, LATER).motivation, 'commenting');
    assert.deepEqual(applyNoteChange(edited, { note: '' }, LATER).body.map((b) => b.purpose), ['tagging']);
  });

  test('through the store on disk: recolouring a pin next to a note keeps both bodies; the filter finds a pin by its definition', async () => {
    const dir = join(temp, 'lib');
    mkdirSync(dir, { recursive: true });
    const store = new AnnotationStore(new AnnotationFilesOnDisk(), dir);
    const identity = postIdentity(text)!;
    const pin = pinOn(text, 'A^+', '$A^+$: 伪逆');
    const start = text.indexOf('伪逆可以看作');
    const note = createAnnotation({ identity, text, start, end: start + 6, note: '一条笔记', now: NOW });
    // Two writes queued together (as a pin and a note made at once through the one store): neither is lost.
    await Promise.all([store.add(identity, pin), store.add(identity, note)]);
    await store.modify(identity, (all) => ({ annotations: all.map((a) => (a.id === pin.id ? applyNoteChange(a, { color: 'pink' }, LATER) : a)), result: true }));
    const loaded = (await store.load(identity)).annotations;
    assert.equal(loaded.length, 2);
    const stored = loaded.find((a) => a.id === pin.id)!;
    assert.deepEqual([stored.color, stored.motivation, stored.body[0].purpose, stored.body[0].value], ['pink', 'describing', 'describing', '$A^+$: 伪逆']);
    const entries = anchorAnnotations(text, loaded);
    assert.deepEqual(entries.filter((e) => matchesFilter(e, '伪逆 color:pink')).map((e) => e.annotation.id), [pin.id]);
  });
});

describe('groupBySeries', () => {
  test('series by name, parts in reading order; posts of no series last, under one group', () => {
    const posts = [
      { title: '独立文章乙', place: undefined },
      { title: 'SSM(二)', place: { series: '重温SSM', index: 1 } },
      { title: '扩散(一)', place: { series: '生成扩散模型漫谈', index: 0 } },
      { title: 'SSM(一)', place: { series: '重温SSM', index: 0 } },
      { title: '独立文章甲', place: undefined },
    ];
    const groups = groupBySeries(posts, (p) => p.place, (p) => p.title);
    assert.deepEqual(
      groups.map((g) => [g.series, g.items.map((p) => p.title)]),
      [
        ['生成扩散模型漫谈', ['扩散(一)']],
        ['重温SSM', ['SSM(一)', 'SSM(二)']],
        [null, ['独立文章甲', '独立文章乙']],
      ].sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : new Intl.Collator('zh', { numeric: true }).compare(String(a[0]), String(b[0])))),
    );
    assert.deepEqual(groupBySeries([], () => undefined, String), []);
  });
});

describe('reading place from a preview line', () => {
  const text = fixturePost();

  test('a line at the top becomes a locator that finds the same line again, also after an insertion above', () => {
    const line = lineOfOffset(text, text.indexOf('Newton–Schulz迭代从'));
    assert.equal(offsetOfLine(text, line), text.indexOf('Newton–Schulz迭代从'));
    const locator = locatorAtLine(text, line);
    assert.equal(locator.heading, '迭代法');
    assert.equal(lineOfLocator(text, locator), line);
    assert.equal(lineOfLocator(`新的一段。\n\n${text}`, locator), line + 2);
  });

  test('a blank line at the top takes the next line with words; lines past the end clamp', () => {
    const blank = text.split('\n').findIndex((l, i, all) => l === '' && i > 10 && all[i + 1] !== '');
    const locator = locatorAtLine(text, blank);
    assert.notEqual(locator.quote.trim(), '');
    assert.equal(lineOfLocator(text, locator), blank + 1);
    assert.equal(offsetOfLine(text, 1e6), text.lastIndexOf('\n') + 1);
  });
});

describe('tags typed in one box (Edit Tags… in the Notes view)', () => {
  test('split at spaces and at Western or Chinese commas, semicolons and 顿号; a leading # dropped; each once', () => {
    assert.deepEqual(parseTags('#记号， 推导、记号'), ['记号', '推导']);
    assert.deepEqual(parseTags('矩阵, 奇异值;迭代；  #SVD ##低秩'), ['矩阵', '奇异值', '迭代', 'SVD', '低秩']);
    assert.deepEqual(parseTags('  '), []);
    assert.deepEqual(parseTags('#'), []);
  });

  test('each tag is found again by the Notes view filter tag:…', () => {
    const text = '---\ntitle: 标签\n---\n\n好的记号让推导一目了然。\n';
    const start = text.indexOf('好的记号');
    const annotation = createAnnotation({ identity: { key: 'k', url: null, slug: null, title: '标签', date: null, source: 'urn:kexue:post:k' }, text, start, end: start + 4, tags: parseTags('记号、推导'), now: '2026-01-01T00:00:00Z' });
    const [entry] = anchorAnnotations(text, [annotation]);
    assert.ok(matchesFilter(entry, 'tag:推导'));
    assert.ok(matchesFilter(entry, 'tag:记号'));
  });
});
