// The one number reader: what it takes, what it refuses, and that a huge input is read in linear time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoteInput, readNumber, readWholeNumber } from '../../../src/core/text/readNumber';

test('readNumber takes decimals, exponents, signs and the typeset minus U+2212', () => {
  assert.equal(readNumber('1'), 1);
  assert.equal(readNumber(' -2.5 '), -2.5);
  assert.equal(readNumber('+.5'), 0.5);
  assert.equal(readNumber('3.'), 3);
  assert.equal(readNumber('1e-3'), 0.001);
  assert.equal(readNumber('6.02E23'), 6.02e23);
  assert.equal(readNumber('\u22124'), -4);
});

test('readNumber refuses what Number() quietly accepts', () => {
  for (const text of ['', '   ', '0x10', '0b1', 'Infinity', '-Infinity', 'NaN', '1e999', '1,5', '--1', '.', 'e5', '1e', '1 2']) {
    assert.equal(readNumber(text), undefined, JSON.stringify(text));
  }
});

test('readWholeNumber takes only safe integers written as digits', () => {
  assert.equal(readWholeNumber('42'), 42);
  assert.equal(readWholeNumber('-7'), -7);
  assert.equal(readWholeNumber('\u22127'), -7);
  for (const text of ['1.0', '1e3', '', '9007199254740993', 'x']) assert.equal(readWholeNumber(text), undefined, text);
});

test('a 200k-digit input that is almost a number is refused (linear pattern: this would take minutes if it backtracked quadratically)', () => {
  assert.equal(readNumber(`${'1'.repeat(200_000)}x`), undefined);
  assert.equal(readNumber(`${'1'.repeat(200_000)}.${'2'.repeat(200_000)}e`), undefined);
});

test('quoteInput never echoes a huge input whole', () => {
  assert.equal(quoteInput('abc'), '"abc"');
  assert.ok(quoteInput('9'.repeat(100_000)).length < 50);
});
