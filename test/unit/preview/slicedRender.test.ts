// The whole render of a newly shown post goes in slices of source lines with the event loop given back
// before each: the slices fill the renderer's caches so that the whole render after them sends no
// formula to KaTeX and gives the same HTML; and the slicing stops at the first pause after the panel
// moved on (a click on the next post waits for one slice, not for the whole post).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostRenderer } from '../../../src/core/render/postRenderer';
import type { RenderOptions } from '../../../src/core/render/types';
import { renderInSlices, SLICE_LINES } from '../../../src/preview/slicedRender';

function longPost(sections: number): string {
  const lines = ['# 分片测试', '', '定义 $\\newcommand{\\vv}{\\boldsymbol{v}}$ 之后处处可用。', ''];
  for (let i = 0; i < sections; i++) {
    lines.push(`## 第${i}节`, '', `第${i}段文字，含公式 $\\vv_${i}^2$ 与 $x_{${i}}$。`.repeat(3), '');
    lines.push('\\begin{equation}', `\\sum_{k=0}^{${i}} \\frac{\\vv_k}{${i + 1}} \\label{eq:${i}}`, '\\end{equation}', '', `见式\\eqref{eq:${Math.max(0, i - 1)}}。`, '');
  }
  return lines.join('\n');
}

const lineCount = (text: string): number => text.split('\n').length;

test('slices cover every line, a pause before each; the whole render after them runs no KaTeX and gives the same page', async () => {
  const text = longPost(80);
  assert.ok(lineCount(text) > 4 * SLICE_LINES, `${lineCount(text)} lines`);
  const sliced = new PostRenderer({ fallback: false });
  const windows: NonNullable<RenderOptions['lines']>[] = [];
  const recording = { render: (t: string, options: RenderOptions = {}) => (options.lines && windows.push(options.lines), sliced.render(t, options)) };
  let pauses = 0;
  const finished = await renderInSlices(recording, text, {}, () => false, async () => void pauses++);
  assert.equal(finished, true);
  assert.equal(windows.length, Math.ceil(lineCount(text) / SLICE_LINES));
  assert.equal(pauses, windows.length + 1, 'a pause before each slice and before the whole render');
  windows.forEach((w, i) => assert.deepEqual(w, { from: i * SLICE_LINES, through: (i + 1) * SLICE_LINES - 1 }));
  const missesBefore = sliced.cacheStats.misses;
  const whole = sliced.render(text);
  assert.equal(sliced.cacheStats.misses, missesBefore, 'every formula came from the cache the slices filled');
  const fresh = new PostRenderer({ fallback: false }).render(text);
  assert.equal(whole.html, fresh.html);
  assert.deepEqual(whole.equations, fresh.equations);
  assert.equal(whole.errors.length, 0);
});

test('stops at the first pause after the panel moved on', async () => {
  const text = longPost(80);
  let renders = 0;
  let movedOn = false;
  const counting = { render: (t: string, options: RenderOptions = {}) => (renders++, new PostRenderer({ fallback: false }).render(t, options)) };
  const finished = await renderInSlices(counting, text, {}, () => movedOn, async () => {
    // The click on the next post is served during the second pause.
    if (renders === 1) movedOn = true;
  });
  assert.equal(finished, false);
  assert.equal(renders, 1, 'no slice after the click');
});

test('a post of one slice or less is left to the whole render', async () => {
  const text = longPost(3);
  assert.ok(lineCount(text) <= SLICE_LINES);
  let renders = 0;
  let pauses = 0;
  const finished = await renderInSlices({ render: () => (renders++, new PostRenderer().render('')) }, text, {}, () => false, async () => void pauses++);
  assert.equal(finished, true);
  assert.equal(renders, 0);
  assert.equal(pauses, 1, 'it still yields once: a click waiting is served first');
});
