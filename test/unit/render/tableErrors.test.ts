// A KaTeX error in a Markdown table cell is reported at its own line and column (on today's main
// every cell's formula was placed on the table's first line, column 1 or so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete } from '../../../src/core/render';

test('errors in table cells point at their own row and column', async () => {
  const text = [
    '# 表格',
    '',
    '| 名称 | 公式 |',
    '| --- | --- |',
    '| 甲 | $x^2$ |',
    '| 乙 | $\\badA$ |',
    '|丙|好的 $y$ 和 $\\badB$|',
    '| $\\badC$ | $\\badC$ |',
    '',
    '段落里的 $\\badD$',
  ].join('\n');
  // Complete: a formula KaTeX refuses is an error only once MathJax has refused it too.
  const errors = (await renderPostComplete(text)).errors.map((e) => [e.line, e.column, /\\bad\w/.exec(e.message)?.[0]]);
  assert.deepEqual(errors, [
    [6, 8, '\\badA'],
    [7, 14, '\\badB'],
    [8, 4, '\\badC'],
    [8, 14, '\\badC'],
    [10, 7, '\\badD'],
  ]);
});
