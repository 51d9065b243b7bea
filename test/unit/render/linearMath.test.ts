// Finding math is linear in the text: the render rules and the editor's region finder count the
// characters they search (DelimiterIndex.scanned) and the count for 4n copies of a hostile input is
// at most about 4× the count for n. On today's main each of these searched to the end of the text once
// per opener or re-split the paragraph before each formula — quadratic (56 s for 40,000 formulas in a
// paragraph, 54 s for 10⁵ \eqref on a line, 26 s for 200k unclosed \begin).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdownEngine } from '../../../src/core/render/markdownEngine';
import { DelimiterIndex } from '../../../src/core/render/delimiterIndex';
import { MATH_INLINE, type MathTokenMeta } from '../../../src/core/render/mathRules';
import { findMathRegions } from '../../../src/core/editor/mathRegions';

const HOSTILE: Record<string, (n: number) => string> = {
  'one paragraph of inline formulas': (n) => Array.from({ length: n }, (_, i) => `$x_{${i}}$`).join(' '),
  'the same paragraph wrapped over lines': (n) => Array.from({ length: n }, (_, i) => `$x_{${i}}$`).join('\n'),
  '\\eqref on one line': (n) => '$\\eqref{a}$'.repeat(n),
  'unclosed \\begin{equation}, one a line': (n) => '\\begin{equation}\n'.repeat(n),
  'unclosed \\begin{equation} inline': (n) => `x ${'\\begin{equation} '.repeat(n)}`,
  'unclosed \\( and \\[': (n) => `x ${'\\( \\[ '.repeat(n)}`,
  'unclosed $$ at line starts': (n) => '$$ a\n\n'.repeat(n),
  'nested environments closed once at the end': (n) => `${'\\begin{equation}'.repeat(n)}x${'\\end{equation}'.repeat(1)}`,
};

function renderScan(text: string): number {
  const env = { delimiters: new DelimiterIndex() };
  createMarkdownEngine().parse(text, env);
  return env.delimiters.scanned;
}

function editorScan(text: string): number {
  const delimiters = new DelimiterIndex();
  findMathRegions(text, 0, delimiters);
  return delimiters.scanned;
}

for (const [name, make] of Object.entries(HOSTILE)) {
  test(`render rules, ${name}: the work for 4n is about 4× the work for n`, () => {
    const n = 2000;
    const small = renderScan(make(n));
    const large = renderScan(make(4 * n));
    assert.ok(large <= 4.5 * small + 1000, `scanned ${small} chars for n, ${large} for 4n`);
    // Quadratic would be ≥ 16×; a count per character of the text bounds the constant too.
    assert.ok(large <= 8 * make(4 * n).length, `scanned ${large} for ${make(4 * n).length} chars`);
  });
  test(`editor regions, ${name}: the work for 4n is about 4× the work for n`, () => {
    const n = 2000;
    const small = editorScan(make(n));
    const large = editorScan(make(4 * n));
    assert.ok(large <= 4.5 * small + 1000, `scanned ${small} chars for n, ${large} for 4n`);
    assert.ok(large <= 8 * make(4 * n).length, `scanned ${large} for ${make(4 * n).length} chars`);
  });
}

test('inline formulas still get their own line and column after the one-walk placement', () => {
  const text = 'a $x$ b\n  c $y$ and $z$\n\n> q $w$';
  const tokens = createMarkdownEngine().parse(text, {});
  const placed = tokens
    .flatMap((t) => t.children ?? [])
    .filter((t) => t.type === MATH_INLINE)
    .map((t) => {
      const meta = t.meta as MathTokenMeta;
      return [meta.tex, meta.line, meta.column];
    });
  assert.deepEqual(placed, [
    ['x', 0, 3],
    ['y', 1, 5],
    ['z', 1, 13],
    ['w', 3, 5],
  ]);
});

test('environments pair as before: nesting counted, an unclosed one is no math', () => {
  const index = new DelimiterIndex();
  const src = '\\begin{equation}a\\begin{equation}b\\end{equation}c\\end{equation} \\begin{equation}open';
  assert.equal(index.environmentEnd(src, 0, 'equation'), src.indexOf(' \\begin'));
  assert.equal(index.environmentEnd(src, src.indexOf('\\begin', 1), 'equation'), src.indexOf('c\\end'));
  assert.equal(index.environmentEnd(src, src.lastIndexOf('\\begin'), 'equation'), -1);
});
