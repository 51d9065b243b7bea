// The rules re-anchoring uses to refuse a place the evidence does not support, one test each, on a small
// post of our own that repeats what math posts repeat: lines of a derivation that start alike, a code block
// shown twice. Expected places come from TrackedText (where each original unit went), not by hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONTEXT_LENGTH, anchorAll, anchorQuote, describeRange, type Anchor } from '../../../src/core/annotations/index';
import { TrackedText } from './trackedText';

const post = [
  '# 一个小例子',
  '',
  '先看矩阵的乘积，下面的推导会反复用到它，每一步只换掉最后一个因子。',
  '\\begin{align}',
  '\\boldsymbol{Y} &= \\boldsymbol{A}\\boldsymbol{X}\\boldsymbol{B} \\\\',
  '&= \\boldsymbol{A}\\boldsymbol{X}\\boldsymbol{C}\\boldsymbol{D} \\\\',
  '&= \\boldsymbol{A}\\boldsymbol{X}\\boldsymbol{E}',
  '\\end{align}',
  '',
  '同一个式子对两组变量各写一遍：',
  '\\begin{align}',
  'h &= 1 \\\\',
  'g &= R e^{\\text{i}\\Theta_f(\\boldsymbol{q}, m)} + c \\\\',
  'h &= 1 \\\\',
  'g &= R e^{\\text{i}\\Theta_f(\\boldsymbol{k}, n)} + c \\\\',
  'h &= 1 \\\\',
  '\\end{align}',
  '',
  '代码一：',
  '```python',
  'def step(x):',
  '    y = x * 2',
  '    return y + 1',
  '```',
  '',
  '代码二与代码一几乎一样，只是放在了另一个地方：',
  '```python',
  'def step(x):',
  '    y = x * 2',
  '    return y + 1',
  '```',
  '',
  '最后一段话比较长，用来放一条笔记：它前后各有三十多个字，全在这一段里面，说明这两段代码的区别只在于它们出现的位置，而这一点读者一眼就能看出来，不必多说，也不必再举别的例子。',
  '',
].join('\n');

/** The range of the `n`-th (1-based) occurrence of `needle` in `text`. */
function occurrence(text: string, needle: string, n = 1): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} occurs ${n} times`);
  }
  return { start: at, end: at + needle.length };
}

/** The line holding offset `at`, with its newline. */
function lineAt(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { start, end: nl < 0 ? text.length : nl + 1 };
}

function anchorAfter(edit: TrackedText, range: { start: number; end: number }): Anchor {
  const [quote, position] = describeRange(post, range.start, range.end);
  return anchorQuote(edit.text, quote, position);
}

function assertAt(anchor: Anchor, expected: { start: number; end: number } | null, text: string): void {
  assert.ok(expected, 'the edit kept the quote');
  assert.notEqual(anchor.status, 'orphan', `expected at ${expected.start}, reported orphan`);
  assert.deepEqual({ start: anchor.start, end: anchor.end }, expected);
  assert.equal(anchor.exact, text.slice(expected.start, expected.end));
}

describe('re-anchoring rules', () => {
  test('a quote the post repeats gets context until it is unique even with half of it; a unique one keeps 32 units', () => {
    const unique = occurrence(post, '每一步只换掉最后一个因子');
    const [plain] = describeRange(post, unique.start, unique.end);
    assert.equal(plain.prefix.length, Math.min(CONTEXT_LENGTH, unique.start));
    assert.equal(plain.suffix.length, CONTEXT_LENGTH);
    const second = occurrence(post, '    y = x * 2', 2);
    const [quote] = describeRange(post, second.start, second.end);
    assert.ok(quote.prefix.length > CONTEXT_LENGTH, `prefix ${quote.prefix.length} units`);
    const half = quote.prefix.length / 2;
    const inner = quote.prefix.slice(-half) + quote.exact + quote.suffix.slice(0, half);
    assert.equal(post.indexOf(inner), post.lastIndexOf(inner), 'the quote with the inner half of its context occurs once');
  });

  test('repeated text told apart by context: a damaged note in the second code block is not moved to the intact first', () => {
    const second = occurrence(post, '    y = x * 2', 2);
    const t = new TrackedText(post).delete(second.start + 8, second.start + 9); // "x * 2" → "x  2"
    const anchor = anchorAfter(t, second);
    assertAt(anchor, t.expected(second.start, second.end), t.text);
    assert.equal(anchor.status, 'moved');
  });

  test('repeated text told apart after an insertion above both copies shifts them alike', () => {
    const second = occurrence(post, '    return y + 1', 2);
    const t = new TrackedText(post).insert(post.indexOf('代码一'), '插入的一段新文字。\n\n');
    assertAt(anchorAfter(t, second), t.expected(second.start, second.end), t.text);
  });

  test('the annotated copy of a repeated block deleted → orphan, even though the other copy is now the only one', () => {
    const range = occurrence(post, 'def step(x):\n    y = x * 2', 2);
    const block = occurrence(post, '```python\ndef step(x):\n    y = x * 2\n    return y + 1\n```\n', 2);
    const t = new TrackedText(post).delete(block.start, block.end);
    assert.equal(t.expected(range.start, range.end), null);
    assert.equal(anchorAfter(t, range).status, 'orphan');
  });

  test('a deleted derivation line → orphan, though the next line starts with the same fragment and context', () => {
    // "&= \A\X" of the middle line: once it is gone, the last line has the same words after the same
    // line end; its suffix agrees up to the middle of a line, then not — another line, not this one.
    const line = occurrence(post, '&= \\boldsymbol{A}\\boldsymbol{X}\\boldsymbol{C}');
    const range = { start: line.start + 3, end: line.start + 3 + '\\boldsymbol{A}\\boldsymbol{X}'.length };
    const t = new TrackedText(post).delete(lineAt(post, line.start).start, lineAt(post, line.start).end);
    assert.equal(t.expected(range.start, range.end), null);
    assert.equal(anchorAfter(t, range).status, 'orphan');
  });

  test('a word of the prose revised by its author (只在于 → 仅在于): found in place, though it adds a letter', () => {
    const range = occurrence(post, '说明这两段代码的区别只在于它们出现的位置');
    const t = new TrackedText(post).replaceChar(post.indexOf('只在于'), '仅');
    const anchor = anchorAfter(t, range);
    assertAt(anchor, t.expected(range.start, range.end), t.text);
    assert.equal(anchor.status, 'moved');
    // Two characters revised in a quote of 14, its context intact: still the same passage (in 9, that is too
    // much changed: under 0.8 of the quote is left, as for any damage).
    const short = occurrence(post, '读者一眼就能看出来，不必多说');
    const two = new TrackedText(post).replaceChar(post.indexOf('一眼就能'), '立').replaceChar(post.indexOf('一眼就能') + 1, '刻');
    assertAt(anchorAfter(two, short), two.expected(short.start, short.end), two.text);
  });

  test('a deleted sentence whose look-alike elsewhere differs by a Chinese word → orphan: the context does not follow it there', () => {
    const text = `${post}\n另一处也说：说明这两段代码的区别仅在于它们出现的位置，但上下文完全不同。\n`;
    const range = occurrence(text, '说明这两段代码的区别只在于它们出现的位置');
    const [quote, position] = describeRange(text, range.start, range.end);
    const t = new TrackedText(text).delete(range.start, range.end);
    assert.equal(anchorQuote(t.text, quote, position).status, 'orphan');
  });

  test('a deleted line whose twin differs by a letter → orphan, though the twin has the same context on both sides', () => {
    const range = occurrence(post, '\\Theta_f(\\boldsymbol{k}, n)');
    const twin = occurrence(post, '\\Theta_f(\\boldsymbol{q}, m)');
    const lineB = lineAt(post, range.start);
    const t = new TrackedText(post).delete(lineB.start, lineAt(post, lineB.end).end); // its line and the `h` line after
    assert.equal(t.expected(range.start, range.end), null);
    const [quote] = describeRange(post, range.start, range.end);
    assert.ok(t.text.includes(post.slice(twin.start - quote.prefix.length, twin.start)), 'the twin has the stored prefix');
    assert.equal(anchorAfter(t, range).status, 'orphan');
  });

  test('the same deletion among many notes: the others move, the deleted one is an orphan', () => {
    const line = lineAt(post, occurrence(post, '&= \\boldsymbol{A}\\boldsymbol{X}\\boldsymbol{C}').start);
    const ranges = [
      occurrence(post, '下面的推导会反复用到它'),
      occurrence(post, '\\boldsymbol{A}\\boldsymbol{X}\\boldsymbol{B}'),
      { start: line.start + 3, end: line.start + 3 + 28 },
      occurrence(post, '\\boldsymbol{E}'),
      occurrence(post, '代码二与代码一几乎一样'),
      occurrence(post, '区别只在于它们出现的位置'),
    ];
    const t = new TrackedText(post).delete(line.start, line.end).insert(0, '前言一段。\n\n');
    const anchors = anchorAll(
      t.text,
      ranges.map((r) => {
        const [quote, position] = describeRange(post, r.start, r.end);
        return { quote, position };
      }),
    );
    ranges.forEach((r, i) => {
      const expected = t.expected(r.start, r.end);
      if (expected === null) assert.equal(anchors[i].status, 'orphan', `deleted note ${i}`);
      else assertAt(anchors[i], expected, t.text);
    });
    assert.equal(anchors.filter((a) => a.status === 'orphan').length, 1);
  });

  test('a moved paragraph: its note found there, also when the quote begins the paragraph (its prefix lost with the move)', () => {
    const paragraph = lineAt(post, post.indexOf('最后一段话'));
    const inside = occurrence(post, '说明这两段代码的区别只在于');
    const opening = occurrence(post, '最后一段话比较长，用来放一条笔记：它前后各有');
    const t = new TrackedText(post).move(paragraph.start, paragraph.end, post.indexOf('先看矩阵'));
    assertAt(anchorAfter(t, inside), t.expected(inside.start, inside.end), t.text);
    assertAt(anchorAfter(t, opening), t.expected(opening.start, opening.end), t.text);
  });

  test('a short quote needs its context: one side agreeing is not enough away from its place', () => {
    // "\boldsymbol{E}" (14 units) moved with its line to the top: the words are intact and unique, but a
    // short LaTeX fragment with one side of context is what look-alikes have too.
    const range = occurrence(post, '\\boldsymbol{E}');
    const line = lineAt(post, range.start);
    const t = new TrackedText(post).move(line.start, line.end, 0);
    assert.ok(t.expected(range.start, range.end));
    assert.equal(anchorAfter(t, range).status, 'orphan');
  });

  test('a line inserted right after the quote (its suffix lost at the line end) → found in place', () => {
    const range = occurrence(post, '先看矩阵的乘积，下面的推导会反复用到它，每一步只换掉最后一个因子。');
    const t = new TrackedText(post).insert(range.end + 1, '这是新插入的一行，和原文无关，只是为了把后文推远一些。\n');
    const anchor = anchorAfter(t, range);
    assertAt(anchor, t.expected(range.start, range.end), t.text);
  });
});
