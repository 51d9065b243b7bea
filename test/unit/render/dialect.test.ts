// The blog's MathJax dialect (test/fixtures/render/mathjax-dialect.md uses every form): the
// compatibility pass makes KaTeX draw what it can, MathJax draws the rest with the same numbers and
// references, and only a formula both refuse is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PostRenderer, renderPostComplete } from '../../../src/core/render';
import { readDialect } from '../../../src/core/render/texDialect';
import { readFixture } from './support';

test('dialect: every form renders; numbers and references as MathJax gives them', async () => {
  const result = await renderPostComplete(readFixture('mathjax-dialect.md'));
  assert.deepEqual(
    result.equations.map((equation) => [equation.number, equation.label ?? null, equation.line]),
    [
      ['1', 'eq:ops', 13],
      ['2', 'eq:split', 18],
      ['3', 'eq:sym', 20],
      // `$$\begin{aligned} … \tag{A} \\ … \tag{B} \end{aligned}$$`: each row its tag.
      ['A', null, 27],
      ['B', null, 27],
      ['4', 'eq:a1', 33],
      ['5', 'eq:a2', 33],
      ['6', 'eq:lines', 41],
    ],
  );
  assert.equal(result.stats.unresolvedEqrefs, 0);
  // "式(3)" links to the equation that uses \sym and \skew defined in equation (2).
  assert.match(result.html, /<a class="eqref" href="#eq-eq:sym"[^>]*data-eq-number="3">\(3\)<\/a>/);
  assert.match(result.html, /<a class="eqref" href="#eq-eq:lines"[^>]*data-eq-number="6">\(6\)<\/a>/);
  // The one formula neither engine takes, with both messages; nothing else.
  assert.deepEqual(result.errors.map((error) => [error.line, error.engine, error.tex]), [[44, 'mathjax', '\\frac{1}{2}\\undefinedcommand']]);
  assert.match(result.errors[0].message, /^KaTeX: Undefined control sequence: \\undefinedcommand\nMathJax: /);
  assert.match(result.html, /<span class="katex-error" title="KaTeX: [^"]*&#10;|<span class="katex-error" title="KaTeX: [^"]*\nMathJax/);
  // \sideset, \cancelto, \enclose, a macro with an optional argument, \displaylines: MathJax.
  assert.equal(result.stats.fallbacks, 5);
  assert.equal((result.html.match(/class="math-mathjax/g) ?? []).length, 5);
  assert.match(result.html, /<div class="math-display"[^>]*id="eq-eq:lines"[^>]*><span class="math-mathjax math-mathjax-display"/);
  // MathJax draws the number (6) itself; no marker is left anywhere.
  assert.doesNotMatch(result.html, /KXEQ/);
});

test('dialect: macros defined anywhere hold for the rest of the post, in KaTeX', async () => {
  const result = await renderPostComplete(readFixture('mathjax-dialect.md'));
  const katexErrors = result.errors.filter((error) => error.line < 44);
  assert.deepEqual(katexErrors, []);
  // `\newcommand{msign}{…}` (no backslash) in one inline formula, used in a display much later.
  const aligned = result.html.slice(result.html.indexOf('data-labels="eq:a1 eq:a2"'));
  assert.match(aligned.slice(0, 20_000), /<span class="mord text"><span class="mord">msign<\/span>/);
  // \DeclareMathOperator*: limits below; `\mathop{\text{argmin}}_B` in display: below too.
  const displays = result.html.split('<div class="math-display"');
  const argmin = displays.find((display) => display.includes('argmin'));
  assert.match(argmin ?? '', /class="mop op-limits"/);
  const argmax = displays.find((display) => display.includes('id="eq-eq:ops"'));
  assert.match(argmax ?? '', /class="mop op-limits"/);
});

test('dialect: styling from a post never reaches the page; boxes are KaTeX boxes', async () => {
  const { html } = await renderPostComplete(readFixture('mathjax-dialect.md'));
  assert.doesNotMatch(html, /id="cid"|class="big"|\\style|\\class|\\cssId|\\require|\\bbox/);
  assert.match(html, /background-color:yellow;border-color:red/, '\\bbox[yellow,5px,border:1px solid red] → \\fcolorbox');
  assert.doesNotMatch(html, /color:red;?"><\/span>[^]*?>a</, 'no colour from \\style');
  // \href keeps its text and loses its link: math holds no link the extension has not validated.
  assert.match(html, /<span class="mord cjk_fallback">科学空间<\/span>/);
  assert.doesNotMatch(html, /\\href|<a[^>]*kexue\.fm/);
});

test('dialect pass: definitions come out of the formula; \\style keeps its content; malformed forms are left alone', () => {
  assert.deepEqual(readDialect('\\newcommand{msign}{\\mathop{\\text{msign}}}\\msign x', false), {
    tex: '\\msign x',
    definitions: [{ name: 'msign', body: '\\mathop{\\text{msign}}', arguments: 0 }],
  });
  assert.deepEqual(readDialect('\\def\\f#1#2{#1+#2}\\let\\eps=\\varepsilon\\DeclareMathOperator*{\\am}{arg\\,max}', false).definitions, [
    { name: 'f', body: '#1+#2', arguments: 2 },
    { name: 'eps', body: '\\varepsilon', arguments: 0 },
    { name: 'am', body: '\\operatorname*{arg\\,max}', arguments: 0 },
  ]);
  assert.deepEqual(readDialect('\\renewcommand\\p[1][2]{#1}', false).definitions, [{ name: 'p', body: '#1', arguments: 1, optionalDefault: '2' }]);
  assert.equal(readDialect('\\require{cancel}\\style{color:red}{a}+\\class{x}{b}+\\cssId{y}{c}+\\data{k=v}{d}', false).tex, '{a}+{b}+{c}+{d}');
  assert.equal(readDialect('\\href{javascript:alert(1)}{x}+\\href {https://kexue.fm} {y}', false).tex, '{x}+ {y}', 'no link from math');
  assert.equal(readDialect('\\bbox[5px]{x}+\\bbox[border:1px solid]{y}', false).tex, '{x}+\\boxed{y}');
  assert.equal(readDialect('\\bbox[url(javascript:x)]{x}', false).tex, '{x}', 'only plain colours are kept');
  assert.equal(readDialect('\\mathop{\\text{argmin}}_B', true).tex, '\\mathop{\\text{argmin}}\\limits_B');
  assert.equal(readDialect('\\mathop{\\text{argmin}}_B', false).tex, '\\mathop{\\text{argmin}}_B', 'beside in text mode, as MathJax');
  assert.equal(readDialect('\\mathop{x}\\nolimits_B', true).tex, '\\mathop{x}\\nolimits_B');
  assert.equal(readDialect('\\newcommand{\\x}', false).tex, '\\newcommand{\\x}', 'malformed: KaTeX reports it');
  assert.equal(readDialect('a \\\\def b', false).tex, 'a \\\\def b', 'a row break followed by letters is no \\def');
});

test("a % inside a text argument is a percent sign, as MathJax reads it (KaTeX's comment), and stays with KaTeX", async () => {
  assert.equal(readDialect('\\textbf{66.07%} & \\text{a \\% b %} \\\\ x % a comment', true).tex, '\\textbf{66.07\\%} & \\text{a \\% b \\%} \\\\ x % a comment');
  assert.equal(readDialect('x % only a comment', false).plain, true);
  // Transformer升级之路 2's table: drawn by KaTeX, not left to the MathJax fallback.
  const result = await renderPostComplete('\\begin{array}{c|c}\n\\text{RoFormer} & \\textbf{66.07%} \\\\\n\\end{array}\n');
  assert.deepEqual(result.errors, []);
  assert.equal(result.stats.fallbacks, 0);
  assert.match(result.html, /66\.07%/);
});

test('dialect pass is linear: a long formula of definitions and boxes costs one scan', () => {
  const tex = '\\bbox[yellow]{\\style{a}{x}}'.repeat(20_000);
  const { tex: out } = readDialect(tex, true);
  assert.equal(out.length, '\\colorbox{yellow}{$\\displaystyle {x}$}'.length * 20_000);
});

test('a formula KaTeX refuses shows a placeholder until MathJax has loaded, then MathJax output', async () => {
  const renderer = new PostRenderer();
  const text = '前文 $\\sideset{_a}{_b}\\sum$ 后文';
  const first = renderer.render(text);
  if (first.stats.pendingFallbacks > 0) {
    assert.match(first.html, /class="math-pending"/);
    assert.deepEqual(first.errors, [], 'not an error while MathJax loads');
    await renderer.fallbackReady();
  }
  const second = renderer.render(text);
  assert.equal(second.stats.pendingFallbacks, 0);
  assert.equal(second.stats.fallbacks, 1);
  assert.match(second.html, /class="math-mathjax"[^>]*><svg aria-label/);
  const third = renderer.render(text);
  assert.equal(renderer.cacheStats.mathJaxRuns, 1, 'the MathJax output is cached like KaTeX output');
  assert.equal(third.html, second.html);
});

test('no fallback (KaTeX alone): the formula is a KaTeX error at once', () => {
  const result = new PostRenderer({ fallback: false }).render('$\\sideset{_a}{_b}\\sum$');
  assert.deepEqual(result.errors.map((error) => error.engine), ['katex']);
});
