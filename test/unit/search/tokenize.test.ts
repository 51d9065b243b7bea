// Tokens: Chinese words and bigrams, LaTeX as written and normalised, full-width folding, and the
// segmenter never given a long input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SEGMENTER_RUN } from '../../../src/core/search/tokenize';
import { tokenize, tokenizeQuery } from '../../../src/core/search';

test('Chinese: bigrams recover words the segmenter splits (伪逆, 权重)', () => {
  const tokens = tokenize('其中W表示权重矩阵的伪逆');
  for (const t of ['伪逆', '权重', '矩阵', '表示', '其中']) assert.ok(tokens.includes(t), t);
  assert.deepEqual(tokenizeQuery('伪逆矩阵').required, ['伪逆', '逆矩', '矩阵']);
});

test('LaTeX: commands as written, identifiers with subscripts, decorations transparent', () => {
  const tokens = tokenize('$\\boldsymbol{A}^{\\dagger}$ $W_k$ $L_{avg}$ $\\msign(M)$ $\\alpha_t$');
  for (const t of ['\\boldsymbol', '\\boldsymbol{a}', 'a', '\\dagger', 'w_k', 'l_avg', 'avg', '\\msign', 'm', '\\alpha_t']) assert.ok(tokens.includes(t), t);
  const query = tokenizeQuery('\\boldsymbol{A}^{\\dagger}');
  assert.deepEqual(query.required, ['a', '\\dagger']);
  assert.deepEqual(query.optional, ['\\boldsymbol', '\\boldsymbol{a}']);
});

test('full-width and half-width fold together', () => {
  assert.deepEqual(tokenize('ＳＶＤ１２'), tokenize('svd12'));
  assert.deepEqual(tokenizeQuery('（一）：').required, tokenizeQuery('(一):').required);
});

test('the segmenter is only ever given short runs, even for a 100,000-character paragraph', () => {
  const lengths: number[] = [];
  const prototype = Intl.Segmenter.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'segment');
  assert.ok(original && typeof original.value === 'function');
  const segment = original.value as (this: Intl.Segmenter, input: string) => Intl.Segments;
  Object.defineProperty(prototype, 'segment', {
    ...original,
    value: function (this: Intl.Segmenter, input: string) {
      lengths.push(input.length);
      return segment.call(this, input);
    },
  });
  try {
    const long = '矩阵的伪逆与权重'.repeat(12_500);
    const tokens = tokenize(long);
    assert.ok(tokens.includes('伪逆'));
    assert.ok(lengths.length >= 50, `segment() called ${lengths.length} times`);
    assert.ok(Math.max(...lengths) <= MAX_SEGMENTER_RUN, `longest segment() input ${Math.max(...lengths)}`);
  } finally {
    Object.defineProperty(prototype, 'segment', original);
  }
});

test('a Han run seen before is not segmented again, and gives the same tokens', () => {
  let calls = 0;
  const prototype = Intl.Segmenter.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'segment');
  assert.ok(original && typeof original.value === 'function');
  const segment = original.value as (this: Intl.Segmenter, input: string) => Intl.Segments;
  Object.defineProperty(prototype, 'segment', {
    ...original,
    value: function (this: Intl.Segmenter, input: string) {
      calls++;
      return segment.call(this, input);
    },
  });
  try {
    const paragraph = '低秩近似的概念和意义都不难理解，加之目前诸如微调技术遍地开花。';
    const first = tokenize(paragraph);
    const afterFirst = calls;
    assert.ok(afterFirst >= 2, `segment() called ${afterFirst} times`);
    assert.deepEqual(tokenize(`$x$ ${paragraph}`), ['x', ...first]);
    assert.equal(calls, afterFirst);
  } finally {
    Object.defineProperty(prototype, 'segment', original);
  }
});
