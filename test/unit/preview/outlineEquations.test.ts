// The outline's equation rows: one per numbered row of an align, each drawn by KaTeX on its own, and
// the right row for each number (a \nonumber row takes none, a \tag row takes its tag).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPost } from '../../../src/core/render/postRenderer';
import { numberedRows, outlineEquations } from '../../../src/preview/outlineEquations';

const post = [
  '# 行号测试',
  '',
  '\\begin{align}',
  'x &= \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\label{eq:x}\\\\',
  'y &= 2 \\nonumber\\\\',
  'z &= 3',
  '\\end{align}',
  '',
  '$$\\begin{aligned} p &= q \\tag{7} \\\\ r &= s \\tag{8} \\end{aligned}$$',
  '',
  '\\begin{equation}\\newcommand{\\sym}{\\operatorname{sym}} \\sym(A) = A \\end{equation}',
  '',
  '\\begin{equation}\\sym(B) = B\\end{equation}',
  '',
].join('\n');

test('a spaced row break (\\\\[5pt]) leaves no [5pt] in the next row; \\\\ [0,1] is an interval, kept', () => {
  assert.deepEqual(numberedRows('\\begin{align}\na &= 1\\\\[5pt]\nb &= 2\n\\end{align}', 2), ['a &= 1', 'b &= 2']);
  assert.deepEqual(numberedRows('\\begin{align}\na &= 1\\\\ [0,1] &= I\n\\end{align}', 2), ['a &= 1', '[0,1] &= I']);
});

test('each number of an align gets its own row; \\nonumber rows get none', () => {
  const rows = numberedRows('\\begin{align}\na &= 1 \\label{a}\\\\\nb &= 2\\nonumber\\\\\nc &= 3\n\\end{align}', 2);
  assert.deepEqual(rows, ['a &= 1', 'c &= 3']);
  assert.deepEqual(numberedRows('\\begin{aligned} p &= q \\tag{7} \\\\ r &= s \\tag{8} \\end{aligned}', 2), ['p &= q', 'r &= s']);
  assert.deepEqual(numberedRows('\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}', 1), ['\\begin{split} a &= b \\\\ &= c \\end{split}']);
  assert.equal(numberedRows('\\begin{align} a \\\\ b \\end{align}', 3), undefined, 'no guess when rows and numbers disagree');
});

test('the outline of a real render: one row per number, rows differ, drawn by KaTeX', () => {
  const result = renderPost(post);
  const cache = new Map<string, string>();
  const rows = outlineEquations(result.equations, {}, cache);
  // (However many numbers the engine gives the two-tag aligned, the outline has a row for each.)
  assert.deepEqual(rows.map((r) => r.number), result.equations.filter((e) => e.number).map((e) => e.number));
  assert.deepEqual(rows.slice(0, 2).map((r) => r.number), ['1', '2']);
  for (const row of rows) assert.match(row.html, /class="katex"/, `row (${row.number}) is KaTeX`);
  assert.notEqual(rows[0].html, rows[1].html, 'two rows of one align show different formulas');
  assert.match(rows[0].html, /pmatrix|mopen/, 'row (1) holds its matrix');
  assert.doesNotMatch(rows[1].html, /pmatrix/);
  // \sym defined inside equation (3) holds in equation (4).
  const four = rows.find((r) => r.number === '4');
  assert.ok(four?.html, 'equation (4) uses \\sym from equation (3)');
  assert.ok(!rows.some((r) => r.html.includes('\\label')), 'no bookkeeping in the rows');
  // A second pass over the same equations draws nothing new.
  const size = cache.size;
  outlineEquations(result.equations, {}, cache);
  assert.equal(cache.size, size);
});

test('a row KaTeX cannot draw shows its source as text', () => {
  const rows = outlineEquations([{ number: '1', line: 1, tex: '\\undefinedthing{x}' }], {}, new Map());
  assert.equal(rows[0].html, '');
  assert.equal(rows[0].tex, '\\undefinedthing{x}');
});
