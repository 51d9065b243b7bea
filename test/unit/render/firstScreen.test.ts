// A long post goes on screen in two steps: its first screens (RenderOptions.throughLine), then the
// whole page. The first step must show final numbers and references, and the second must cost only
// the formulas the first left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstScreenThrough, PostRenderer, renderPost } from '../../../src/core/render';
import { FIRST_SCREEN_LINES, FIRST_SCREEN_MIN_REST } from '../../../src/core/render/firstScreen';

/** A post of `sections` sections, each a paragraph and a labelled display; the first cites the last. */
function longPost(sections: number): string {
  const parts = ['---', 'title: 长文', '---', '', '# 长文', '', `开头引用最后一式$\\eqref{eq:s${sections - 1}}$与第二式$\\eqref{eq:s1}$。`, ''];
  for (let i = 0; i < sections; i++) {
    parts.push(`第${i}节，说明文字足够长，以便正文超过首屏之后仍有许多内容。`.repeat(3), '');
    parts.push('\\begin{equation}', `x_{${i}} = \\frac{${i}}{${i} + 1}\\label{eq:s${i}}`, '\\end{equation}', '');
  }
  return parts.join('\n');
}

test('firstScreenThrough: a short post is shown in one step, a long one through a few screens past the landing line', () => {
  assert.equal(firstScreenThrough('# 短文\n\n$x$\n'), undefined);
  const text = longPost(400);
  assert.equal(firstScreenThrough(text), FIRST_SCREEN_LINES);
  assert.equal(firstScreenThrough(text, 100), 100 + FIRST_SCREEN_LINES);
  // Landing near the end leaves too little after the first screens: one step.
  const lines = text.split('\n').length;
  assert.equal(firstScreenThrough(text, lines - 10), undefined);
  // The rule is about what is left after the first screens, not the post's total length.
  const justLong = 'a\n'.repeat(FIRST_SCREEN_LINES + 1) + 'x'.repeat(FIRST_SCREEN_MIN_REST);
  assert.equal(firstScreenThrough(justLong), FIRST_SCREEN_LINES);
  assert.equal(firstScreenThrough(justLong.slice(0, -1)), undefined);
});

test('a first-screen render shows the top of the post with final numbers and resolved forward references', () => {
  const text = longPost(400);
  const full = renderPost(text);
  const head = renderPost(text, { throughLine: FIRST_SCREEN_LINES });
  assert.equal(full.partial, false);
  assert.equal(head.partial, true);
  assert.ok(head.html.length < full.html.length / 10, `head ${head.html.length} chars of ${full.html.length}`);
  assert.ok(full.html.startsWith(head.html.slice(0, 2000)), 'the head is the start of the full page');
  assert.match(head.html, /id="eq-eq:s0"/);
  assert.doesNotMatch(head.html, /id="eq-eq:s399"/);
  // Numbering ran over the whole post: the forward reference in the first paragraph is final.
  assert.deepEqual(head.equations, full.equations);
  assert.equal(head.equations.length, 400);
  assert.match(head.html, /data-label="eq:s399"[^>]*data-eq-number="400"|data-eq-number="400"[^>]*data-label="eq:s399"/);
  assert.ok(head.eqrefs.every((reference) => reference.resolved));
});

test('the whole page after the first screens renders only the formulas the first step left out', () => {
  const text = longPost(400);
  const renderer = new PostRenderer();
  renderer.render(text, { throughLine: FIRST_SCREEN_LINES });
  const afterHead = renderer.cacheStats.misses;
  const whole = renderer.render(text);
  const fresh = new PostRenderer();
  const reference = fresh.render(text);
  assert.equal(whole.html, reference.html);
  assert.deepEqual(whole.equations, reference.equations);
  assert.equal(renderer.cacheStats.misses, fresh.cacheStats.misses, 'over both steps every formula went through KaTeX once');
  assert.ok(afterHead < fresh.cacheStats.misses / 10, `first step rendered ${afterHead} of ${fresh.cacheStats.misses} formulas`);
});

test('a digest page ignores throughLine and renders whole', () => {
  const digest = ['21 Sep', '', '标题一', '', '正文$x$。', '', '点击阅读全文...', ''].join('\n').repeat(50);
  const result = renderPost(digest, { throughLine: 3 });
  assert.equal(result.partial, false);
  assert.equal(result.html, renderPost(digest).html);
});
