// The engine's parts on their own: TeX scanning, numbering, html2text repair, front matter, blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillEquationNumbers, numberDisplay, substituteReferences } from '../../../src/core/render/numbering';
import { nestingDepth, splitRows, wholeEnvironment } from '../../../src/core/render/texScan';
import { looksLikeHtml2text, normaliseHtml2text } from '../../../src/core/render/normalize';
import { blankFrontMatter, readFrontMatter } from '../../../src/core/text/frontMatter';
import { splitIntoBlocks } from '../../../src/core/render/blocks';
import { cleanTex } from '../../../src/core/render/texRepair';

test('splitRows splits only at the environment\'s own \\\\', () => {
  assert.deepEqual(splitRows('a \\\\ b'), ['a ', ' b']);
  assert.deepEqual(splitRows('a {x \\\\ y} \\\\ \\begin{aligned} p \\\\ q \\end{aligned}'), [
    'a {x \\\\ y} ',
    ' \\begin{aligned} p \\\\ q \\end{aligned}',
  ]);
  assert.deepEqual(splitRows('a \\\\[5pt] b'), ['a ', '[5pt] b']);
});

test('wholeEnvironment recognises one environment, not two side by side', () => {
  assert.equal(wholeEnvironment(' \\begin{align*}x\\end{align*} ')?.name, 'align*');
  assert.equal(wholeEnvironment('\\begin{alignat}{2}x\\end{alignat}')?.argument, '{2}');
  assert.equal(wholeEnvironment('\\begin{equation}a\\end{equation}\\begin{equation}b\\end{equation}'), undefined);
});

test('numberDisplay: an equation around an aligned with a \\tag per row reads as align, each row with its tag', () => {
  const counter = { value: 3 };
  const display = numberDisplay(
    '\\begin{equation}\n\\begin{aligned}\nx &= 1 \\tag{144}\\label{a} \\\\\ny &= 2 \\\\\nz &= 3 \\tag{146}\n\\end{aligned}\n\\end{equation}',
    counter,
  );
  assert.equal(display.tex, '\\begin{align*}\nx &= 1 \\tag{144} \\\\\ny &= 2 \\\\\nz &= 3 \\tag{146}\n\\end{align*}');
  assert.deepEqual(display.equations, [{ number: '144', label: 'a' }, { number: '146', label: undefined }]);
  assert.equal(counter.value, 3, 'tags do not step the counter, and the untagged row gets no number');
  // One tag inside aligned is valid (it numbers the whole display): left as it is.
  const single = numberDisplay('\\begin{equation}\\begin{aligned}x&=1\\tag{7}\\\\y&=2\\end{aligned}\\end{equation}', counter);
  assert.equal(single.tex, '\\begin{equation*}\\begin{aligned}x&=1\\tag{7}\\\\y&=2\\end{aligned}\\end{equation*}');
});

test('numberDisplay: starred twin plus our \\tag (as a marker filled in later), per row for align', () => {
  const counter = { value: 4 };
  const aligned = numberDisplay('\\begin{align}a&=b\\label{x}\\\\c&=d\\notag\\\\e&=f\\end{align}', counter);
  assert.equal(aligned.tex, '\\begin{align*}a&=b\\tag{KXEQ0Z}\\\\c&=d\\\\e&=f\\tag{KXEQ1Z}\\end{align*}');
  assert.deepEqual(aligned.autoNumbers, ['5', '6']);
  assert.equal(fillEquationNumbers('(KXEQ0Z) (KXEQ1Z)', aligned.autoNumbers), '(5) (6)');
  assert.deepEqual(aligned.labels, [{ label: 'x', number: '5' }]);
  assert.equal(counter.value, 6);
  const single = numberDisplay('\\begin{equation}\\begin{aligned}a\\\\b\\end{aligned}\\label{y}\\end{equation}', counter);
  assert.equal(single.tex, '\\begin{equation*}\\begin{aligned}a\\\\b\\end{aligned}\\tag{KXEQ0Z}\\end{equation*}');
  assert.deepEqual(single.autoNumbers, ['7']);
  const tagged = numberDisplay('\\begin{equation}z\\tag{*}\\label{t}\\end{equation}', counter);
  assert.deepEqual(tagged.labels, [{ label: 't', number: '*' }]);
  assert.equal(counter.value, 7, '\\tag does not step the counter');
  assert.equal(numberDisplay('\\begin{gather*}u\\\\v\\end{gather*}', counter).equations.length, 0);
  const trailing = numberDisplay('\\begin{align}a\\\\\n\\end{align}', counter);
  assert.deepEqual(trailing.equations.map((equation) => equation.number), ['8'], 'an empty last row is not numbered');
});

test('substituteReferences prints numbers and ?? for unknown labels', () => {
  const numbers = new Map([['a', '3']]);
  assert.equal(
    substituteReferences('x \\eqref{a} y \\ref{a} \\eqref{zz}', (label) => numbers.get(label)),
    'x \\text{(3)} y \\text{3} \\text{(??)}',
  );
});

test('nestingDepth counts braces, \\left and \\begin, and stops early', () => {
  assert.equal(nestingDepth('{a{b}}\\{', 10), 2);
  assert.equal(nestingDepth('\\left( \\begin{x} {y} \\end{x} \\right)', 10), 3);
  assert.equal(nestingDepth('{'.repeat(1e5), 100), 101);
});

test('html2text repair: backslash escapes undone, columns mapped back', () => {
  const line = 'x \\\\\\ y \\left\\\\{ z \\\\\\\\[5pt] \\bad';
  assert.ok(looksLikeHtml2text(line));
  const { text, map } = normaliseHtml2text(line, true);
  assert.equal(text, 'x \\\\ y \\left\\{ z \\\\[5pt] \\bad');
  const column = text.indexOf('\\bad');
  assert.deepEqual(map.toOriginal(0, column), { line: 1, column: line.indexOf('\\bad') + 1 });
  assert.equal(normaliseHtml2text('a \\\\ b', false).text, 'a \\\\ b');
  assert.equal(looksLikeHtml2text('plain \\\\ LaTeX'), false);
});

test('html2text repair: strong emphasis and closing hashes', () => {
  const { text, map } = normaliseHtml2text('既** _简单_** ，又** _复杂_** 。X\n## 标题 #', false);
  assert.equal(text, '既***简单*** ，又***复杂*** 。X\n## 标题');
  assert.equal(map.toOriginal(0, text.indexOf('X')).column, '既** _简单_** ，又** _复杂_** 。X'.indexOf('X') + 1);
});

test('cleanTex: trailing spaces, escaped list markers, unbraced script commands', () => {
  assert.equal(cleanTex('a  \nb'), 'a\nb');
  assert.equal(cleanTex('-a & \\- b \\\\-c'), '-a & - b \\\\-c');
  assert.equal(cleanTex('\\min_\\boldsymbol{B} x^\\text{T}'), '\\min_{\\boldsymbol{B}} x^{\\text{T}}');
  assert.equal(cleanTex('\\sqrt[\\uproot{10}p]{x}'), '\\sqrt[p]{x}');
  // Entities left by a post saved from the blog's HTML: MathJax read the decoded characters.
  assert.equal(cleanTex('a &lt; b &gt; c, x &amp;= y &amp;amp;'), 'a < b > c, x &= y &amp;');
  assert.equal(cleanTex('a & b \\\\ c &= d'), 'a & b \\\\ c &= d', 'a column is a column');
});

test('front matter: read, then blanked so line numbers stay', () => {
  const text = '---\ntitle: "T"\ntags: a, b\n---\nbody';
  const front = readFrontMatter(text);
  assert.deepEqual(front, { fields: { title: 'T', tags: 'a, b' }, lineCount: 4, closed: true });
  assert.equal(blankFrontMatter(text, front.lineCount), '\n\n\n\nbody');
});

test('blocks: blank lines split, except inside math, fences or indented continuations', () => {
  const text = 'a\n\n\\begin{equation}\nx\n\n y\n\\end{equation}\n\n```\nc\n\nd\n```\n\n- item\n\n  more\n\n$$\np\n\nq\n$$\n\nend';
  const blocks = splitIntoBlocks(text);
  assert.deepEqual(blocks.map((block) => block.startLine), [0, 2, 8, 14, 18, 24]);
  assert.equal(splitIntoBlocks('[a]\n\n[a]: https://x.org').length, 1, 'reference definitions keep the text whole');
  assert.equal(splitIntoBlocks('a \\\\[5pt] b\n\nc').length, 2, '\\\\[5pt] opens no \\[');
});
