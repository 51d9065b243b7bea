// Where the editor shows a result's line: never past the right edge of a long line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BLANK_LINE_SEARCH, inlineAnchorLine, SHORT_LINE } from '../../../src/core/compute/inlineAnchor';

const anchor = (lines: readonly string[], endLine: number) => inlineAnchorLine((n) => lines[n], lines.length, endLine);
const LONG = '\\begin{equation}\\boldsymbol{D}=\\begin{pmatrix} 2 & 0 \\\\ 0 & 0 \\\\ 0 & 5 \\end{pmatrix},\\qquad \\boldsymbol{D}^{+}=\\begin{pmatrix} 1/2 & 0 & 0 \\\\ 0 & 0 & 1/5 \\end{pmatrix}\\end{equation}';

test('a short last line of the input keeps the result after it', () => {
  assert.equal(anchor(['$$', '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '$$', 'text'], 1), 1);
  assert.equal(anchor(['x'.repeat(SHORT_LINE)], 0), 0);
});

test('a long line (a one-line equation of a post) sends the result to the first blank line below its paragraph', () => {
  assert.ok(LONG.length > SHORT_LINE);
  assert.equal(anchor(['intro', LONG, '在编辑器里选中矩阵，运行命令……'.repeat(8), '', 'next paragraph'], 1), 3);
  assert.equal(anchor([LONG, '   ', 'more'], 0), 1, 'whitespace only counts as blank');
});

test('no blank line near enough (or the end of the document): back at the end of the input', () => {
  const dense = [LONG, ...Array.from({ length: BLANK_LINE_SEARCH + 2 }, () => 'text'), ''];
  assert.equal(anchor(dense, 0), 0);
  assert.equal(anchor(['intro', LONG], 1), 1);
  assert.equal(anchor([LONG], 5), 0, 'an end line past the document is clamped');
});
