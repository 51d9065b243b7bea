// The whole render of a newly shown post goes in slices of source lines with the event loop given back
// before each: the slices fill the renderer's caches so that the whole render after them sends no
// formula to KaTeX and gives the same HTML; and the slicing stops at the first pause after the panel
// moved on (a click on the next post waits for one slice, not for the whole post).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostRenderer } from '../../../src/core/render/postRenderer';
import type { RenderOptions } from '../../../src/core/render/types';
import { fillInSlices, MAX_SLICE_LINES, MIN_SLICE_LINES, PARSE_LINES, parseInSlices, renderInSlices, SLICE_MS, settled, WHOLE_AT_MOST_LINES } from '../../../src/preview/slicedRender';

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
  assert.ok(lineCount(text) > 8 * MIN_SLICE_LINES, `${lineCount(text)} lines`);
  const sliced = new PostRenderer({ fallback: false });
  const windows: NonNullable<RenderOptions['lines']>[] = [];
  const recording = { render: (t: string, options: RenderOptions = {}) => (options.lines && windows.push(options.lines), sliced.render(t, options)) };
  let pauses = 0;
  const finished = await renderInSlices(recording, text, {}, () => false, async () => void pauses++);
  assert.equal(finished, true);
  assert.equal(pauses, windows.length + 1, 'a pause before each slice and before the whole render');
  // One after another from the first line past the last, none empty.
  assert.equal(windows[0].from, 0);
  windows.forEach((w, i) => {
    assert.ok(w.through >= w.from);
    if (i > 0) assert.equal(w.from, windows[i - 1].through + 1);
  });
  assert.ok(windows.at(-1)!.through >= lineCount(text) - 1 && windows.at(-1)!.from < lineCount(text));
  const missesBefore = sliced.cacheStats.misses;
  const whole = sliced.render(text);
  assert.equal(sliced.cacheStats.misses, missesBefore, 'every formula came from the cache the slices filled');
  const fresh = new PostRenderer({ fallback: false }).render(text);
  assert.equal(whole.html, fresh.html);
  assert.deepEqual(whole.equations, fresh.equations);
  assert.equal(whole.errors.length, 0);
});

test('each slice is sized from the one before to take about SLICE_MS, within its bounds', async () => {
  const text = Array.from({ length: 5000 }, (_, i) => `第${i}行 $x_{${i}}$`).join('\n\n');
  // A clock that a render advances by `msPerLine` for each line of its window.
  let now = 0;
  let msPerLine = 0.5;
  const sizes: number[] = [];
  const timed = {
    render: (_t: string, options: RenderOptions = {}) => {
      const size = options.lines!.through - options.lines!.from + 1;
      sizes.push(size);
      now += size * msPerLine;
      if (sizes.length === 6) msPerLine = 8; // a stretch heavy with formulas
      return new PostRenderer().render('');
    },
  };
  await renderInSlices(timed, text, {}, () => sizes.length >= 10, async () => undefined, () => now);
  const fast = SLICE_MS / 0.5;
  assert.deepEqual(sizes.slice(0, 4), [MIN_SLICE_LINES, 2 * MIN_SLICE_LINES, fast, fast], 'grows at most twofold, to what takes SLICE_MS');
  assert.ok(sizes.every((size) => size >= MIN_SLICE_LINES && size <= MAX_SLICE_LINES));
  assert.equal(sizes[7], MIN_SLICE_LINES, 'shrinks at once when a slice took long');
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
  const text = longPost(1);
  assert.ok(lineCount(text) <= WHOLE_AT_MOST_LINES, `${lineCount(text)} lines`);
  let renders = 0;
  let pauses = 0;
  const finished = await renderInSlices({ render: () => (renders++, new PostRenderer().render('')) }, text, {}, () => false, async () => void pauses++);
  assert.equal(finished, true);
  assert.equal(renders, 0);
  assert.equal(pauses, 1, 'it still yields once: a click waiting is served first');
});

test('a window of lines is filled in slices within it, and the render of that window after them runs no KaTeX', async () => {
  const text = longPost(80);
  const span = { from: 30, through: 130 };
  const renderer = new PostRenderer({ fallback: false });
  const windows: NonNullable<RenderOptions['lines']>[] = [];
  const recording = { render: (t: string, options: RenderOptions = {}) => (options.lines && windows.push(options.lines), renderer.render(t, options)) };
  let pauses = 0;
  assert.equal(await fillInSlices(recording, text, {}, span, () => false, async () => void pauses++), true);
  assert.ok(windows.length > 1, `${windows.length} slices`);
  assert.equal(pauses, windows.length, 'a pause before each slice');
  assert.equal(windows[0].from, span.from);
  assert.equal(windows.at(-1)!.through, span.through);
  windows.forEach((w, i) => i > 0 && assert.equal(w.from, windows[i - 1].through + 1));
  const misses = renderer.cacheStats.misses;
  const screens = renderer.render(text, { lines: span });
  assert.equal(renderer.cacheStats.misses, misses, 'the window came from the cache the slices filled');
  assert.equal(screens.html, new PostRenderer({ fallback: false }).render(text, { lines: span }).html);
  let renders = 0;
  assert.equal(await fillInSlices({ render: (t, o) => (renders++, renderer.render(t, o)) }, text, {}, span, () => renders >= 1), false, 'stops when told');
  assert.equal(renders, 1);
});

test('a fresh renderer parses a post in stretches (beginnings cut at blank lines) and then draws its first screens as a fresh one would', async () => {
  const text = longPost(80);
  const renderer = new PostRenderer({ fallback: false });
  const prefixes: Array<{ length: number; lines: NonNullable<RenderOptions['lines']> }> = [];
  const recording = { render: (t: string, options: RenderOptions = {}) => (prefixes.push({ length: t.length, lines: options.lines! }), renderer.render(t, options)) };
  let pauses = 0;
  assert.equal(await parseInSlices(recording, text, {}, () => false, async () => void pauses++), true);
  assert.ok(prefixes.length >= Math.floor(lineCount(text) / PARSE_LINES) - 1 && prefixes.length > 2, `${prefixes.length} stretches of ${lineCount(text)} lines`);
  assert.equal(pauses, prefixes.length, 'a pause before each');
  prefixes.forEach((p, i) => {
    assert.ok(p.length < text.length && (i === 0 || p.length > prefixes[i - 1].length), 'growing beginnings of the text');
    assert.equal(text.slice(p.length).startsWith('\n'), true, 'cut before a blank line');
    assert.equal(p.lines.from, text.slice(0, p.length).split('\n').length - 1, 'a window just past the end: nothing drawn');
  });
  // KaTeX drew only the macro definition and the block ending at each cut (it touches the window).
  assert.ok(renderer.cacheStats.misses <= 1 + 2 * prefixes.length, `${renderer.cacheStats.misses} formulas drawn`);
  const screens = { from: 100, through: 180 };
  assert.equal(renderer.render(text, { lines: screens }).html, new PostRenderer({ fallback: false }).render(text, { lines: screens }).html);
  let renders = 0;
  assert.equal(await parseInSlices({ render: (t, o) => (renders++, renderer.render(t, o)) }, text, {}, () => renders >= 2), false, 'stops when told');
  assert.equal(renders, 2);
});

test('settled: after the wait, whether the post shown then is still the one to render', async () => {
  let movedOn = false;
  const waiting = settled(() => movedOn, 1);
  movedOn = true; // a click during the wait
  assert.equal(await waiting, false);
  assert.equal(await settled(() => false, 1), true);
});
