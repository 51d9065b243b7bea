// PostRenderer keeps parsed blocks and rendered formulas: an edit re-renders what changed, and
// numbers and references still follow the new text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PostRenderer, renderPost } from '../../../src/core/render';
import { readFixture } from './support';

function stripTiming<T extends { stats: { ms: number } }>(result: T): T {
  return { ...result, stats: { ...result.stats, ms: 0 } };
}

test('a second render of the same text runs no KaTeX and gives the same result', () => {
  const renderer = new PostRenderer();
  const text = readFixture('numbering.md');
  const first = renderer.render(text);
  const missesAfterFirst = renderer.cacheStats.misses;
  assert.ok(missesAfterFirst > 5);
  const second = renderer.render(text);
  assert.equal(renderer.cacheStats.misses, missesAfterFirst);
  assert.deepEqual(stripTiming(second), stripTiming(first));
});

test('editing one formula renders that formula only', () => {
  const renderer = new PostRenderer();
  const text = readFixture('numbering.md');
  renderer.render(text);
  const before = renderer.cacheStats.misses;
  const edited = text.replace('c = d', 'c = e');
  const result = renderer.render(edited);
  assert.equal(renderer.cacheStats.misses - before, 1);
  assert.deepEqual(stripTiming(result), stripTiming(renderPost(edited)));
});

test('inserting an equation renumbers everything after it, references included', () => {
  const renderer = new PostRenderer();
  const text = readFixture('numbering.md');
  renderer.render(text);
  const inserted = text.replace('先看前向引用', '\\begin{equation}\nnew\n\\end{equation}\n\n先看前向引用');
  const before = renderer.cacheStats.misses;
  const result = renderer.render(inserted);
  // Numbers live outside KaTeX's cached output: only the new equation and the one formula that
  // prints a number inside itself (\overset{\eqref{…}}) go through KaTeX again.
  assert.equal(renderer.cacheStats.misses - before, 2);
  assert.equal(result.equations.find((equation) => equation.label === 'eq:first')?.number, '2');
  assert.equal(result.equations.find((equation) => equation.label === 'eq:later')?.number, '9');
  assert.match(result.html, /data-label="eq:later"[^>]*>\(9\)<\/a>/);
  assert.match(result.html, /data-label="eq:first"[^>]*>\(2\)<\/a>/);
  assert.deepEqual(stripTiming(result), stripTiming(renderPost(inserted)));
});

test('macros defined early still apply when every formula comes from the cache', () => {
  const renderer = new PostRenderer();
  const text = readFixture('macros.md');
  const macros = { '\\E': '\\mathbb{E}' };
  renderer.render(text, { macros });
  const again = renderer.render(`${text}\n\n再用一次：$\\vx$\n`, { macros });
  assert.deepEqual(again.errors, []);
});

test('identical blocks keep numbers of their own', () => {
  const block = '\\begin{equation}\nx = y\n\\end{equation}';
  const result = new PostRenderer().render(`${block}\n\n${block}\n\n${block}\n`);
  assert.deepEqual(result.equations.map((equation) => equation.number), ['1', '2', '3']);
  assert.match(result.html, /data-eq-numbers="3"/);
});

test('a one-character edit re-renders only the changed block (counted in formulas, not timed)', () => {
  // The bench measures the real goal (≥ 20× faster on the longest corpus post); this guards the
  // mechanism on a post-like text, distinct formulas as dense as the blog's: after an edit, only the
  // edited block's formulas are looked up again — every other block is reused as it was.
  const text = Array.from({ length: 60 }, (_, i) =>
    [
      `第${i}段：设$\\boldsymbol{x}_{${i}}\\in\\mathbb{R}^{d}$，$\\boldsymbol{A}_{${i}}^{\\top}\\boldsymbol{A}_{${i}}$可逆，且$\\lambda_{${i}}>0$。`,
      `\\begin{equation}\\sum_{k=0}^{${i}} \\frac{a_k}{1+k^2} = \\int_0^1 f_{${i}}(t)\\,dt\\label{eq:e${i}}\\end{equation}`,
      `由$\\eqref{eq:e${i}}$得$\\left\\Vert \\boldsymbol{x}_{${i}} \\right\\Vert_2^2 \\leq ${i + 1}$。`,
    ].join('\n\n'),
  ).join('\n\n');
  const renderer = new PostRenderer();
  renderer.render(text);
  const first = renderer.cacheStats;
  assert.ok(first.misses >= 240, `the first render sends every formula to KaTeX (${first.misses})`);
  const at = text.indexOf('可逆', 1000);
  renderer.render(`${text.slice(0, at)}改${text.slice(at)}`);
  const edit = renderer.cacheStats;
  assert.equal(edit.misses - first.misses, 0, 'no formula changed');
  // The edited paragraph holds 3 inline formulas; a whole re-render would look up all of them.
  assert.ok(edit.hits - first.hits <= 3, `formulas looked up again: ${edit.hits - first.hits} of ${first.misses}`);
});

test('a re-render with a new title lookup re-links changed titles, even in unchanged blocks', () => {
  const renderer = new PostRenderer();
  const text = readFixture('links.md');
  const library = new Map([['已知文章', 'a']]);
  const first = renderer.render(text, { resolveTitle: (title) => (library.has(title) ? { id: library.get(title) ?? '' } : undefined) });
  assert.deepEqual(first.postLinks.map((link) => link.title), ['已知文章']);
  library.set('另一篇已知', 'b');
  const second = renderer.render(text, { resolveTitle: (title) => (library.has(title) ? { id: library.get(title) ?? '' } : undefined) });
  assert.deepEqual(second.postLinks, [{ title: '已知文章', postId: 'a' }, { title: '另一篇已知', postId: 'b' }]);
  assert.match(second.html, /data-post-id="b"/);
  const third = renderer.render(text);
  assert.deepEqual(third.postLinks, []);
  assert.doesNotMatch(third.html, /post-link/);
});
