// Re-anchoring on edited copies: our own fixture post (always runs) and the shared corpus posts (skipped,
// visibly, when the corpus is absent). Every edit is made on a TrackedText, which knows where each
// annotated character went, so "the right place" is computed, not written down by hand.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { anchorQuote, createAnnotation, postIdentity, positionOf, quoteOf, type Anchor, type Annotation } from '../../../src/core/annotations/index';
import { corpusDir, corpusPresent, fixturePost, lines, proseQuotes } from './helpers';
import { TrackedText, halfWidthPunctuation } from './trackedText';

const NOW = '2026-12-03T00:00:00.000Z';

function annotate(text: string, start: number, end: number): Annotation {
  const identity = postIdentity(text);
  assert.ok(identity, 'the post has an identity');
  return createAnnotation({ identity, text, start, end, now: NOW, id: `urn:test:${start}` });
}

const anchorIn = (text: string, a: Annotation): Anchor => anchorQuote(text, quoteOf(a), positionOf(a));

function assertFoundAt(anchor: Anchor, expected: { start: number; end: number } | null, text: string, status: Anchor['status'] = 'moved'): void {
  assert.ok(expected, 'the edit kept the quote');
  assert.equal(anchor.status, status);
  assert.deepEqual({ start: anchor.start, end: anchor.end }, expected);
  assert.equal(anchor.exact, text.slice(expected.start, expected.end));
}

/** The range of `needle` in the fixture (it occurs once). */
function rangeOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  assert.ok(start >= 0 && text.lastIndexOf(needle) === start, `${needle} occurs once`);
  return { start, end: start + needle.length };
}

describe('re-anchoring: our fixture post', () => {
  const text = fixturePost();
  const quote = '只要初值选得足够小，它就会二次收敛到伪逆';
  const range = rangeOf(text, quote);
  const annotation = annotate(text, range.start, range.end);

  test('stored selectors: the quote with 32 units of context either side, and its offsets', () => {
    const [q, p] = annotation.target.selector;
    assert.equal(q.exact, quote);
    assert.equal(q.prefix, text.slice(range.start - 32, range.start));
    assert.equal(q.suffix, text.slice(range.end, range.end + 32));
    assert.deepEqual([p.start, p.end], [range.start, range.end]);
  });

  test('unchanged text → anchored where it was', () => {
    assertFoundAt(anchorIn(text, annotation), range, text, 'anchored');
  });

  test('a paragraph inserted before → moved by its length', () => {
    const t = new TrackedText(text).insert(text.indexOf('## 定义'), '新加的一段话，讲一点别的事情。\n\n');
    assertFoundAt(anchorIn(t.text, annotation), t.expected(range.start, range.end), t.text);
  });

  test('a paragraph deleted before → moved back', () => {
    const paragraph = lines(text).find((l) => text.slice(l.start, l.end).startsWith('上式说明'))!;
    const t = new TrackedText(text).delete(paragraph.start, paragraph.end + 1);
    assertFoundAt(anchorIn(t.text, annotation), t.expected(range.start, range.end), t.text, 'moved');
  });

  test('full-width punctuation made half-width inside the quote → moved, the same words', () => {
    const t = new TrackedText(text);
    assert.equal(halfWidthPunctuation(t, range.start, range.end), 1);
    const anchor = anchorIn(t.text, annotation);
    assertFoundAt(anchor, t.expected(range.start, range.end), t.text);
    assert.ok(anchor.exact.includes('小,它'));
  });

  test('a character dropped inside the quote → moved, one unit shorter', () => {
    const t = new TrackedText(text).delete(range.start + 5, range.start + 6);
    assertFoundAt(anchorIn(t.text, annotation), t.expected(range.start, range.end), t.text);
  });

  test('its section moved to the end → found in the moved section', () => {
    const section = rangeOf(text, text.slice(text.indexOf('## 迭代法'), text.indexOf('## 小结')));
    const t = new TrackedText(text).move(section.start, section.end, text.length);
    assertFoundAt(anchorIn(t.text, annotation), t.expected(range.start, range.end), t.text);
  });

  test("the quote's line deleted → orphan with the old quote and offsets", () => {
    const line = lines(text).find((l) => l.start <= range.start && range.end <= l.end)!;
    const t = new TrackedText(text).delete(line.start, line.end + 1);
    assert.equal(t.expected(range.start, range.end), null);
    assert.deepEqual(anchorIn(t.text, annotation), { status: 'orphan', start: range.start, end: range.end, exact: quote });
  });

  test('a short quote that also occurs elsewhere: the copy with the same context, and orphan once its own is gone', () => {
    const short = rangeOf(text, '伪逆记为');
    const a = annotate(text, short.start, short.start + 2); // "伪逆" occurs many times
    assert.ok(text.split('伪逆').length > 4);
    const moved = new TrackedText(text).insert(0, '前言。\n');
    assertFoundAt(anchorIn(moved.text, a), moved.expected(short.start, short.start + 2), moved.text);
    const line = lines(text).find((l) => l.start <= short.start && short.start < l.end)!;
    const gone = new TrackedText(text).delete(line.start, line.end + 1);
    assert.equal(anchorIn(gone.text, a).status, 'orphan');
  });

  test('a note on an equation records its label and number', () => {
    const eq = rangeOf(text, String.raw`\Sigma^+_{ii} = \begin{cases}`);
    const a = annotate(text, eq.start, eq.end);
    assert.deepEqual(a.target.equation, { label: 'eq:cutoff', number: '2' });
    assert.equal(annotate(text, range.start, range.end).target.equation, undefined);
  });
});

const corpusPosts = corpusPresent ? readdirSync(join(corpusDir, 'posts')).filter((f) => f.endsWith('.md')).sort() : [];

describe('re-anchoring: edited copies of the corpus posts', { skip: corpusPresent ? false : `no corpus at ${corpusDir}` }, () => {
  for (const name of corpusPosts) {
    test(name, () => {
      const text = readFileSync(join(corpusDir, 'posts', name), 'utf8');
      const quotes = proseQuotes(text, 6);
      assert.ok(quotes.length >= 3, `quotes picked from ${name}: ${quotes.length}`);
      for (const q of quotes) {
        const a = annotate(text, q.start, q.end);
        const paragraphs = lines(text).filter((l) => l.end - l.start > 20 && l.end < q.line.start);
        // Paragraphs inserted before, and the one before deleted.
        const inserted = new TrackedText(text).insert(q.line.start, '插入的一段新文字，和原文无关。\n\n').insert(0 + (paragraphs[0]?.start ?? 0), '又一段。\n\n');
        assertFoundAt(anchorIn(inserted.text, a), inserted.expected(q.start, q.end), inserted.text);
        if (paragraphs.length > 0) {
          const p = paragraphs[paragraphs.length - 1];
          const deleted = new TrackedText(text).delete(p.start, p.end + 1);
          assertFoundAt(anchorIn(deleted.text, a), deleted.expected(q.start, q.end), deleted.text);
        }
        // Punctuation made half-width inside the quote (when it has any), and a character dropped.
        const half = new TrackedText(text);
        if (halfWidthPunctuation(half, q.start, q.end) > 0) assertFoundAt(anchorIn(half.text, a), half.expected(q.start, q.end), half.text);
        const dropped = new TrackedText(text).delete(q.start + 7, q.start + 8);
        assertFoundAt(anchorIn(dropped.text, a), dropped.expected(q.start, q.end), dropped.text);
        // Its line moved to the top of the body.
        const moved = new TrackedText(text).move(q.line.start, q.line.end + 1, lines(text)[12].start);
        assertFoundAt(anchorIn(moved.text, a), moved.expected(q.start, q.end), moved.text, q.line.start === lines(text)[12].start ? 'anchored' : 'moved');
        // Its line deleted.
        const gone = new TrackedText(text).delete(q.line.start, q.line.end + 1);
        const anchor = anchorIn(gone.text, a);
        assert.equal(anchor.status, 'orphan', `deleted "${text.slice(q.start, q.end)}" of ${name} was found at ${anchor.start}: "${anchor.exact}"`);
      }
    });
  }
});
