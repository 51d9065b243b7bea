import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findMathRegions, regionAt } from '../../../src/core/editor/mathRegions';
import { analysePost } from '../../../src/core/editor/postAnalysis';
import { renderPost } from '../../../src/core/render/index';
import { corpusFiles, corpusTest, fixture, offsetOf } from './files';

const texOf = (text: string) => findMathRegions(text).map((region) => text.slice(region.texStart, region.texEnd));

describe('findMathRegions', () => {
  test('finds each delimiter kind with the TeX the engine would number', () => {
    const text = 'a $x^2$ b $$y$$ c \\(z\\) d \\[w\\] e\n\\begin{equation}E\\end{equation}\n\\begin{align*}F\\end{align*}';
    const regions = findMathRegions(text);
    assert.deepEqual(
      regions.map((region) => [region.delimiter, region.display]),
      [['dollar', false], ['double-dollar', true], ['paren', false], ['bracket', true], ['environment', true], ['environment', true]],
    );
    assert.deepEqual(texOf(text), ['x^2', 'y', 'z', 'w', '\\begin{equation}E\\end{equation}', '\\begin{align*}F\\end{align*}']);
  });

  test('reads `$` as the blog\'s MathJax does (spaces inside are math), but prices, blanks and escapes are not math', () => {
    assert.deepEqual(texOf('cost $5 and $6 today'), []);
    assert.deepEqual(texOf('a $ x$ b'), [' x']);
    // 重温SSM（三）: a formula that is only "< " — Pandoc's rule left the rest of the line paired wrongly.
    assert.deepEqual(texOf('当$a < 0$时,分子$< $分母,故$|b| < 1$。$\\square$'), ['a < 0', '< ', '|b| < 1', '\\square']);
    assert.deepEqual(texOf('a $ $ b'), []);
    // Never across a code span (MathJax skips <code>): `echo $HOME` does not close the price's dollar.
    assert.deepEqual(texOf('价格是 $5，代码 `echo $HOME` 结束；设 $a$ 与 `b` 和 $c$。'), ['a', 'c']);
    assert.deepEqual(texOf('a \\$5 and $y$'), ['y']);
    assert.deepEqual(texOf('a $x$5'), []);
  });

  test('a bare math environment (array, aligned, pmatrix …) is a display, as MathJax finds it in the text; a theorem is not', () => {
    assert.deepEqual(texOf('如下：\n\\begin{array}{c|c}\n a & b \\\\\n\\end{array}\n后文'), ['\\begin{array}{c|c}\n a & b \\\\\n\\end{array}']);
    assert.deepEqual(texOf('\\begin{aligned}a\\end{aligned}'), ['\\begin{aligned}a\\end{aligned}']);
    assert.equal(texOf('\\begin{gather*}a\\\\b\\end{gather*}').length, 1);
    assert.deepEqual(texOf('\\begin{theorem}x\\end{theorem}'), []);
  });

  test('lets html2text wrap inline math over a line break but never over a blank line', () => {
    assert.deepEqual(texOf('a $x +\ny$ b'), ['x +\ny']);
    assert.deepEqual(texOf('a $x\n\ny$ b'), []);
  });

  test('skips inline code, fenced code and front matter', () => {
    const text = '---\ntitle: $a$\n---\n`$b$` and $c$\n```\n$d$\n\\begin{equation}e\\end{equation}\n```\n$f$';
    assert.deepEqual(texOf(text), ['a', 'c', 'f'], 'front matter is only skipped when asked');
    assert.deepEqual(
      findMathRegions(text, 3).map((region) => text.slice(region.texStart, region.texEnd)),
      ['c', 'f'],
    );
  });

  test('regionAt finds the region under an offset, delimiters included', () => {
    const text = fixture('post.md');
    const regions = findMathRegions(text);
    const inside = offsetOf(text, 'x\'(t) = Ax(t)');
    assert.equal(regionAt(regions, inside)?.environment, 'equation');
    const opening = offsetOf(text, '$A\\in');
    assert.equal(regionAt(regions, opening)?.delimiter, 'dollar');
    assert.equal(regionAt(regions, offsetOf(text, '考虑线性系统')), undefined);
    assert.equal(regionAt(regions, offsetOf(text, '$not math$') + 2), undefined, 'fenced code is not math');
  });
});

describe('findMathRegions on the corpus', () => {
  corpusTest('every display the engine numbers is found, with the same numbers on the same lines', () => {
    for (const { name, text } of corpusFiles('posts')) {
      const analysis = analysePost(text);
      const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
      const mine = analysis.formulas.flatMap((formula) => formula.numbers.map((number) => `${number}@${lineOf(formula.region.start)}`));
      const engine = renderPost(text).equations.map((equation) => `${equation.number}@${equation.line}`);
      assert.ok(engine.length > 20, `${name}: engine numbers equations`);
      assert.deepEqual(mine, engine, name);
    }
  });

  corpusTest('each region starts and ends with its delimiters, and regions never overlap', () => {
    for (const { name, text } of corpusFiles('posts')) {
      const regions = findMathRegions(text);
      let previousEnd = -1;
      for (const region of regions) {
        const whole = text.slice(region.start, region.end);
        const ok =
          (region.delimiter === 'dollar' && /^\$[^$][\s\S]*\$$/.test(whole)) ||
          (region.delimiter === 'double-dollar' && whole.startsWith('$$') && whole.endsWith('$$')) ||
          (region.delimiter === 'environment' && /^\\begin\{[a-z]+\*?\}[\s\S]*\\end\{[a-z]+\*?\}$/.test(whole)) ||
          (region.delimiter === 'paren' && whole.startsWith('\\(')) ||
          (region.delimiter === 'bracket' && whole.startsWith('\\['));
        assert.ok(ok, `${name}: ${region.delimiter} region ${JSON.stringify(whole.slice(0, 40))}`);
        assert.ok(region.start >= previousEnd, `${name}: regions overlap at ${region.start}`);
        previousEnd = region.end;
      }
    }
  });

  corpusTest('every line that opens \\begin{equation} lies inside a region', () => {
    for (const { name, text } of corpusFiles('posts')) {
      const regions = findMathRegions(text);
      for (let at = text.indexOf('\\begin{equation}'); at >= 0; at = text.indexOf('\\begin{equation}', at + 1)) {
        assert.ok(regionAt(regions, at + 1), `${name}: \\begin{equation} at ${at} not in a region`);
      }
    }
  });
});
