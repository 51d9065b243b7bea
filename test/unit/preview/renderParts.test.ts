// A long post's HTML in parts: the renderer says where each block's HTML ends, the preview cuts there
// (whole elements), and the parts put together are the post's HTML. And the window's cache of whole
// rendered posts: a post shown again is not rendered again, unless its text, macros or library changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostRenderer } from '../../../src/core/render/postRenderer';
import { cutsAt } from '../../../src/preview/partCuts';
import { RenderedPosts } from '../../../src/preview/renderedPosts';

function longPost(sections: number): string {
  const lines = ['# 分段测试', ''];
  for (let i = 0; i < sections; i++) {
    lines.push(`## 第${i}节`, '', `第${i}段文字，含公式 $x_${i}^2$。`.repeat(6), '', '- 一项', '- 两项', '');
    lines.push('\\begin{equation}', `\\sum_{k=0}^{${i}} \\frac{k}{${i + 1}} \\label{eq:${i}}`, '\\end{equation}', '');
  }
  return lines.join('\n');
}

test('block ends cover the HTML in order, each block whole elements; the cuts give parts that join to it', () => {
  const result = new PostRenderer({ fallback: false }).render(longPost(120));
  const ends = result.blockEnds ?? [];
  assert.ok(ends.length > 300, `${ends.length} blocks`);
  assert.equal(ends[ends.length - 1], result.html.length);
  ends.forEach((end, i) => assert.ok(end > (ends[i - 1] ?? 0), `block ${i} ends after the one before`));
  // Every block starts a top-level element: its first character is '<' (after blank lines).
  [0, ...ends.slice(0, -1)].forEach((start, i) => assert.match(result.html.slice(start, start + 200), /^\s*</, `block ${i}`));
  const cuts = cutsAt(ends, 20_000);
  assert.ok(cuts.length >= 3, `${cuts.length} cuts`);
  for (const cut of cuts) assert.ok(ends.includes(cut), 'cut at a block end');
  const parts = [0, ...cuts].map((start, i) => result.html.slice(start, cuts[i]));
  assert.equal(parts.join(''), result.html);
  for (const part of parts.slice(0, -1)) assert.ok(part.length >= 20_000 && part.length < 40_000, `a part of ${part.length} chars`);
});

test('no cuts for a short post, a digest (no block ends) or a first-screens render', () => {
  assert.deepEqual(cutsAt(new PostRenderer({ fallback: false }).render('# 短文\n\n一段。\n').blockEnds), []);
  assert.deepEqual(cutsAt(undefined), []);
});

test('whole rendered posts: a hit while text, macros and library are the same; the newest few kept', () => {
  const posts = new RenderedPosts(2);
  const renderer = new PostRenderer({ fallback: false });
  const text = longPost(3);
  const library = {};
  const key = { file: 'file:///a.md', text, macros: {}, library };
  const result = renderer.render(text);
  posts.set(key, result);
  assert.equal(posts.get(key), result);
  assert.equal(posts.get({ ...key, text: `${text}\n新的一段。\n` }), undefined, 'the text changed');
  assert.equal(posts.get({ ...key, macros: { '\\R': '\\mathbb{R}' } }), undefined, 'the macros changed');
  assert.equal(posts.get({ ...key, library: {} }), undefined, 'the library changed');
  assert.equal(posts.hits, 1);
  // A first-screens render is never kept.
  posts.set({ ...key, file: 'file:///b.md' }, renderer.render(text, { lines: { from: 0, through: 3 } }));
  assert.equal(posts.get({ ...key, file: 'file:///b.md' }), undefined);
  posts.set({ ...key, file: 'file:///c.md' }, result);
  posts.set({ ...key, file: 'file:///d.md' }, result);
  assert.equal(posts.get(key), undefined, 'the least recently used went');
  assert.equal(posts.get({ ...key, file: 'file:///d.md' }), result);
});
