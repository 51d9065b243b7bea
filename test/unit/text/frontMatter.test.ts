// The one front-matter reader: the library and the renderer read the same keys (any case) and agree
// on where an unclosed block ends. On today's main the two disagreed: the renderer kept `Title` as
// written (so its title was lost) and rendered an unclosed block as text, while the library read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFrontMatter, splitTags } from '../../../src/core/text/frontMatter';
import { parseFile } from '../../../src/core/library/index';
import { renderPost } from '../../../src/core/render';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

test('keys are case-insensitive, values unquoted, BOM and CRLF tolerated', () => {
  const front = readFrontMatter('\ufeff---\r\nTitle: "大写键"\r\nDATE: 2024-03-05\r\nTags: [甲, "乙"]\r\n---\r\nbody');
  assert.deepEqual(front, { fields: { title: '大写键', date: '2024-03-05', tags: '[甲, "乙"]' }, lineCount: 5, closed: true });
  assert.deepEqual(splitTags(front.fields.tags), ['甲', '乙']);
});

test('a closed block may hold blank and comment lines', () => {
  const front = readFrontMatter('---\ntitle: T\n\n# a comment\ndate: 2020-01-02\n---\nbody');
  assert.deepEqual(front, { fields: { title: 'T', date: '2020-01-02' }, lineCount: 6, closed: true });
});

test('an unclosed block ends where the Markdown begins: its keys count, the body starts there', () => {
  const front = readFrontMatter('---\ntitle: 未闭合\ndate: 2021-02-03\n\n# 未闭合\n\n正文 $x$\n');
  assert.deepEqual(front, { fields: { title: '未闭合', date: '2021-02-03' }, lineCount: 3, closed: false });
  assert.deepEqual(readFrontMatter('no front matter'), { fields: {}, lineCount: 0, closed: true });
});

for (const [name, text] of [
  ['upper-case keys', '---\nTitle: 大写的标题\nDate: 2022-04-05\nTags: 甲, 乙\n---\n\n正文 $x$\n'],
  ['an unclosed block', '---\nTitle: 没有闭合的标题\ndate: 2022-04-05\n\n正文 $x$\n'],
] as const) {
  test(`library and renderer agree on ${name}`, () => {
    const parsed = parseFile('p.md', utf8(text));
    const rendered = renderPost(text);
    assert.equal(parsed.entries.length, 1);
    const entry = parsed.entries[0];
    assert.equal(rendered.meta.title, entry.title);
    assert.equal(rendered.meta.date, '2022-04-05');
    assert.deepEqual([entry.year, entry.month, entry.day], [2022, 4, 5]);
    // The block is metadata in both: no key line and no `---` reaches the page.
    assert.doesNotMatch(rendered.html, /Title|<hr|date:/);
    assert.equal(rendered.stats.mathNodes, 1);
    assert.equal(parsed.problem === undefined, name !== 'an unclosed block', JSON.stringify(parsed.problem));
  });
}
