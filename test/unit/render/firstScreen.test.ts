// A long post goes on screen in two steps: the lines around where the reader lands
// (RenderOptions.lines), then the whole page. The first step must show final numbers, references and
// macros, and the second must cost only the formulas the first left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstScreen, PostRenderer, renderPost } from '../../../src/core/render';
import { FIRST_SCREEN_LINES, FIRST_SCREEN_MIN_REST, LINES_ABOVE_LANDING } from '../../../src/core/render/firstScreen';

/**
 * A post of `sections` sections, each a paragraph and a labelled display using a macro defined at
 * the top; the first paragraph cites the last display.
 */
function longPost(sections: number): string {
  const parts = ['---', 'title: 长文', '---', '', '# 长文', '', '$\\newcommand{\\half}{\\frac{1}{2}}$', ''];
  parts.push(`开头引用最后一式$\\eqref{eq:s${sections - 1}}$与第二式$\\eqref{eq:s1}$。`, '');
  for (let i = 0; i < sections; i++) {
    parts.push(`第${i}节，说明文字足够长，以便正文超过首屏之后仍有许多内容。`.repeat(3), '');
    parts.push('\\begin{equation}', `x_{${i}} = \\half + \\frac{${i}}{${i} + 1}\\label{eq:s${i}}`, '\\end{equation}', '');
  }
  return parts.join('\n');
}

/** The 0-based line of a display's \begin{equation}. */
function lineOfDisplay(text: string, i: number): number {
  return text.split('\n').findIndex((line) => line.includes(`\\label{eq:s${i}}`)) - 1;
}

test('firstScreen: a short post in one step; a long one from a little above the landing line to a few screens below', () => {
  assert.equal(firstScreen('# 短文\n\n$x$\n'), undefined);
  const text = longPost(400);
  assert.deepEqual(firstScreen(text), { from: 0, through: FIRST_SCREEN_LINES });
  assert.deepEqual(firstScreen(text, 1000), { from: 1000 - LINES_ABOVE_LANDING, through: 1000 + FIRST_SCREEN_LINES });
  // Landing near the end still leaves out the whole top of the post: two steps.
  const lines = text.split('\n').length;
  assert.deepEqual(firstScreen(text, lines - 5), { from: lines - 5 - LINES_ABOVE_LANDING, through: lines - 5 + FIRST_SCREEN_LINES });
  // The rule is about the text left out, not the post's length.
  const justLong = 'a\n'.repeat(FIRST_SCREEN_LINES + 1) + 'x'.repeat(FIRST_SCREEN_MIN_REST);
  assert.deepEqual(firstScreen(justLong), { from: 0, through: FIRST_SCREEN_LINES });
  assert.equal(firstScreen(justLong.slice(0, -1)), undefined);
});

test('the first screens of a post show its top with final numbers and resolved forward references', () => {
  const text = longPost(400);
  const full = renderPost(text);
  const head = renderPost(text, { lines: firstScreen(text) });
  assert.equal(full.partial, false);
  assert.equal(head.partial, true);
  assert.ok(head.html.length < full.html.length / 10, `head ${head.html.length} chars of ${full.html.length}`);
  assert.equal(full.html.slice(0, 2000), head.html.slice(0, 2000), 'the head is the start of the full page');
  assert.match(head.html, /id="eq-eq:s0"/);
  assert.doesNotMatch(head.html, /id="eq-eq:s399"/);
  // Numbering ran over the whole post: the forward reference in the first paragraph is final.
  assert.deepEqual(head.equations, full.equations);
  assert.equal(head.equations.length, 400);
  assert.match(head.html, /data-label="eq:s399"[^>]*data-eq-number="400"|data-eq-number="400"[^>]*data-label="eq:s399"/);
  assert.ok(head.eqrefs.every((reference) => reference.resolved));
});

test('landing deep in a post, the first screens are the lines around it, with the macros defined at the top', () => {
  const text = longPost(400);
  const landing = lineOfDisplay(text, 300);
  const window = firstScreen(text, landing);
  assert.ok(window);
  const deep = renderPost(text, { lines: window });
  const full = renderPost(text);
  assert.equal(deep.partial, true);
  assert.match(deep.html, /id="eq-eq:s300"/);
  assert.doesNotMatch(deep.html, /id="eq-eq:s0"/);
  assert.doesNotMatch(deep.html, /id="eq-eq:s399"/);
  assert.deepEqual(deep.errors, [], '\\half, defined at the top, is known in the window');
  // The display rendered alone is the same HTML as in the whole page.
  const display = (html: string) => /<div class="math-display"[^>]*id="eq-eq:s300"[\s\S]*?<\/div>/.exec(html)?.[0];
  assert.ok(display(deep.html));
  assert.equal(display(deep.html), display(full.html));
  const lines = deep.html.match(/data-line="(\d+)"/g)?.map((m) => Number(/\d+/.exec(m)?.[0])) ?? [];
  assert.ok(lines.length > 0 && lines.every((line) => line >= window.from - 5 && line <= window.through), `lines ${lines[0]}…${lines.at(-1)}`);
});

test('the whole page after the first screens renders only the formulas the first step left out', () => {
  const text = longPost(400);
  const renderer = new PostRenderer();
  renderer.render(text, { lines: firstScreen(text, lineOfDisplay(text, 200)) });
  const afterHead = renderer.cacheStats.misses;
  const whole = renderer.render(text);
  const fresh = new PostRenderer();
  const reference = fresh.render(text);
  assert.equal(whole.html, reference.html);
  assert.deepEqual(whole.equations, reference.equations);
  assert.equal(renderer.cacheStats.misses, fresh.cacheStats.misses, 'over both steps every formula went through KaTeX once');
  assert.ok(afterHead < fresh.cacheStats.misses / 10, `first step rendered ${afterHead} of ${fresh.cacheStats.misses} formulas`);
});

test('a digest page ignores lines and renders whole', () => {
  const digest = ['21 Sep', '', '标题一', '', '正文$x$。', '', '点击阅读全文...', ''].join('\n').repeat(50);
  const result = renderPost(digest, { lines: { from: 0, through: 3 } });
  assert.equal(result.partial, false);
  assert.equal(result.html, renderPost(digest).html);
});
