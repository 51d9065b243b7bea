import assert from 'node:assert/strict';
import { test } from 'node:test';
import { macrosFromSettings, macroTableKey, readMacroDefinitions } from '../../../src/core/editor/macroDefinitions';

test('readMacroDefinitions reads \\newcommand, \\def and \\DeclareMathOperator with argument counts', () => {
  const table = readMacroDefinitions('\\newcommand{\\R}{\\mathbb{R}} \\newcommand\\pair[2]{(#1,#2)} \\def\\sq#1{#1^2} \\DeclareMathOperator{\\tr}{Tr}');
  assert.deepEqual(table, {
    R: { body: '\\mathbb{R}', arguments: 0 },
    pair: { body: '(#1,#2)', arguments: 2 },
    sq: { body: '#1^2', arguments: 1 },
    tr: { body: '\\operatorname{Tr}', arguments: 0 },
  });
});

test('\\providecommand never overrides; \\renewcommand does', () => {
  const table = readMacroDefinitions('\\newcommand{\\x}{a}\\providecommand{\\x}{b}');
  assert.equal(table.x.body, 'a');
  assert.equal(readMacroDefinitions('\\renewcommand{\\x}{c}', table).x.body, 'c');
});

test('macrosFromSettings drops the backslash and counts #n', () => {
  assert.deepEqual(macrosFromSettings({ '\\R': '\\mathbb{R}', '\\norm': '\\Vert #1\\Vert', 'bad name': 'x' }), {
    R: { body: '\\mathbb{R}', arguments: 0 },
    norm: { body: '\\Vert #1\\Vert', arguments: 1 },
  });
});

test('macroTableKey is order-independent and changes with a body', () => {
  const a = macroTableKey({ x: { body: '1', arguments: 0 }, y: { body: '2', arguments: 0 } });
  const b = macroTableKey({ y: { body: '2', arguments: 0 }, x: { body: '1', arguments: 0 } });
  assert.equal(a, b);
  assert.notEqual(a, macroTableKey({ x: { body: '1', arguments: 0 }, y: { body: '3', arguments: 0 } }));
  assert.equal(macroTableKey({}), '');
});
