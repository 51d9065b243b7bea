// The engine on small posts written for the purpose: numbering rules, html2text repairs, macros,
// links, digests, and a hostile post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete, renderDigest } from '../../../src/core/render';
import { columnOf, readFixture } from './support';

test('numbering: AMS rules — align per row, \\nonumber, \\tag, starred, gather, multline, eqnarray', async () => {
  const result = await renderPostComplete(readFixture('numbering.md'));
  assert.deepEqual(
    result.equations.map((equation) => [equation.number, equation.label ?? null, equation.line]),
    [
      ['1', 'eq:first', 16],
      ['2', 'eq:row-a', 24],
      ['3', 'eq:row-c', 24],
      ['A.1', 'eq:tagged', 30],
      ['4', null, 36],
      ['5', 'eq:gather-2', 36],
      ['6', 'eq:multline', 40],
      ['7', 'eq:eqnarray', 44],
      ['8', 'eq:later', 50],
    ],
  );
  assert.equal(result.stats.numbered, 9);
  assert.doesNotMatch(result.html, /class="eqn-num"/, 'KaTeX must not add numbers of its own');
  assert.match((await renderPostComplete('\\begin{equation}x\\end{equation}')).html, /\\tag\{1\}/);
});

test('numbering: references become links, forward ones included; unknown labels are (??)', async () => {
  const result = await renderPostComplete(readFixture('numbering.md'));
  const html = result.html;
  assert.match(html, /<a class="eqref" href="#eq-eq:later" data-label="eq:later"[^>]*data-eq-number="8">\(8\)<\/a>/);
  assert.match(html, /<a class="eqref" href="#eq-eq:first" data-label="eq:first"[^>]*>\(1\)<\/a>/);
  assert.match(html, /data-label="eq:row-c"[^>]*>\(3\)<\/a>/);
  assert.match(html, /data-label="eq:tagged"[^>]*>A\.1<\/a>/, '\\ref prints the bare number');
  assert.match(html, /<a class="eqref eqref-unresolved" data-label="eq:missing"[^>]*>\(\?\?\)<\/a>/);
  // Targets exist: the first label is the display's id, further align labels are anchors.
  assert.match(html, /<div class="math-display"[^>]*id="eq-eq:first"/);
  assert.match(html, /<span class="eq-anchor" id="eq-eq:row-c"><\/span>/);
  // A reference inside a larger formula is rendered by KaTeX as text.
  assert.match(html, /<span class="mord mtight">\(7\)<\/span>/);
  assert.deepEqual(
    result.eqrefs.filter((reference) => !reference.resolved).map((reference) => [reference.label, reference.line]),
    [['eq:missing', 54]],
  );
  assert.equal(result.stats.unresolvedEqrefs, 1);
  assert.equal(result.stats.eqrefs, 8);
});

test('front matter becomes metadata and leaves the body', async () => {
  const result = await renderPostComplete(readFixture('numbering.md'));
  assert.equal(result.meta.title, '编号测试：AMS 风格');
  assert.equal(result.meta.date, '2025-01-02');
  assert.deepEqual(result.meta.tags, ['测试', '公式']);
  assert.equal(result.meta.url, 'https://spaces.ac.cn/archives/1');
  assert.doesNotMatch(result.html, /slug|numbering-test/);
  assert.deepEqual(result.headings.map((heading) => [heading.level, heading.text, heading.line]), [
    [1, '编号测试：AMS 风格', 9],
    [2, '第一节', 13],
  ]);
  assert.match(result.html, /<h2 data-line="12" id="h-第一节">第一节<\/h2>/);
});

test('html2text artefacts are repaired before KaTeX sees them', async () => {
  const text = readFixture('html2text.md');
  const result = await renderPostComplete(text);
  assert.match(result.html, /<em><strong>简单<\/strong><\/em>/, '** _x_** is bold italic');
  assert.match(result.html, /id="h-小节标题">小节标题<\/h2>/);
  // `$` closing on the next line is still math; `\\\` and `\left\\{` are LaTeX again.
  assert.doesNotMatch(result.html, /\$x\\in/);
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  assert.deepEqual(result.equations.map((equation) => equation.number), ['1', '2', '3', '4', '5']);
  assert.equal(result.stats.unresolvedEqrefs, 0);
});

test('KaTeX errors are reported at the original line and column despite the repairs', async () => {
  const text = readFixture('html2text.md');
  const [error] = (await renderPostComplete(text)).errors;
  assert.equal(error.line, 27);
  // The normalised copy lost two backslashes before the culprit; the column must not.
  assert.equal(error.column, columnOf(text, 27, '\\badcommand'));
  assert.match(error.message, /Undefined control sequence: \\badcommand/);
  assert.match((await renderPostComplete(text)).html, /<span class="katex-error" title="KaTeX: Undefined control sequence: \\badcommand\nMathJax: [^"]*">\\begin\{equation\}/);
});

test('macros: \\newcommand and \\def stay defined for the rest of the post; caller macros apply', async () => {
  const result = await renderPostComplete(readFixture('macros.md'), { macros: { '\\R': '\\mathbb{R}', '\\E': '\\mathbb{E}' } });
  assert.deepEqual(result.errors, []);
  assert.match(result.html, /mord boldsymbol">x/);
  // KaTeX knows \R itself; \E comes only from the caller.
  const withoutCallerMacros = await renderPostComplete(readFixture('macros.md'));
  // KaTeX and MathJax both refuse it, so it is an error, with both messages.
  assert.deepEqual(withoutCallerMacros.errors.map((error) => [error.line, error.engine, error.tex]), [[11, 'mathjax', '\\E[\\vx]']]);
  assert.match(withoutCallerMacros.errors[0].message, /^KaTeX: Undefined control sequence: \\E\nMathJax: Undefined control sequence \\E$/);
});

test('《title》 links to library posts; only web, mail and in-page links survive', async () => {
  const known = new Set(['已知文章', '另一篇已知']);
  const result = await renderPostComplete(readFixture('links.md'), {
    resolveTitle: (title) => (known.has(title) ? { id: `post-${title}` } : undefined),
  });
  assert.deepEqual(result.postLinks, [
    { title: '已知文章', postId: 'post-已知文章' },
    { title: '另一篇已知', postId: 'post-另一篇已知' },
  ]);
  assert.match(result.html, /<a href="https:\/\/spaces\.ac\.cn\/archives\/100" class="post-link" data-post-id="post-已知文章">《已知文章》<\/a>/);
  assert.match(result.html, /<a class="post-link" data-post-id="post-另一篇已知">《另一篇已知》<\/a>/);
  assert.match(result.html, /但《不存在的书》不是链接/);
  assert.match(result.html, /href="mailto:someone@example\.org"/);
  assert.match(result.html, /href="https:\/\/example\.org\/plain"/);
});

// A hostile post that made the renderer hang fails by its test timeout, not by a timing assertion.
test('hostile post: no script, no handlers, no javascript: — and it renders', { timeout: 60_000 }, async () => {
  const result = await renderPostComplete(readFixture('hostile.md'));
  const html = result.html;
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<(?:img|div|a|span)\b[^>]*\son\w+\s*=/i, 'no event handler attribute on any tag');
  assert.doesNotMatch(html, /href="(?:javascript|data):/i);
  assert.doesNotMatch(html, /src="javascript:/i);
  assert.doesNotMatch(html, /id="evil"|data-onclick/);
  assert.match(html, /&lt;script&gt;/, 'the tag is shown as text');
  const messages = result.errors.map((error) => error.message);
  assert.ok(messages.some((message) => /Too many expansions/.test(message)), messages.join());
  assert.ok(messages.some((message) => /longer than|nested deeper/.test(message)), messages.join());
});

test('deep nesting is refused before KaTeX can overflow its stack', { timeout: 60_000 }, async () => {
  const nested = `$${'{'.repeat(5000)}x${'}'.repeat(5000)}$`;
  const result = await renderPostComplete(nested);
  assert.deepEqual(result.errors.map((error) => [error.line, error.column, error.message]), [
    [1, 2, 'groups nested deeper than 100'],
  ]);
  assert.deepEqual((await renderPostComplete(`$${'\\left('.repeat(300)}x${'\\right)'.repeat(300)}$`)).errors.length, 1);
});

test('digest, undated layout: date, title or none, summary with math, excerpt marker', async () => {
  const result = renderDigest(readFixture('digest-undated.txt'), {
    resolveTitle: (title) => (title.startsWith('某系列(一)') ? { id: 'series-1' } : undefined),
  });
  assert.equal(result.meta.layout, 'digest-undated');
  assert.equal((result.html.match(/<article class="digest-entry excerpt"/g) ?? []).length, 2);
  assert.equal((result.html.match(/class="excerpt-marker" data-excerpt="true"/g) ?? []).length, 2);
  assert.deepEqual(result.headings.map((heading) => heading.text), ['某系列(一)：从零开始']);
  assert.match(result.html, /<time>3 Mar<\/time>[\s\S]*<time>9 Apr<\/time>/);
  assert.equal(result.stats.mathNodes, 2);
  assert.deepEqual(result.equations.map((equation) => [equation.number, equation.line]), [['1', 7]]);
  assert.deepEqual(result.postLinks, [{ title: '某系列(一)：从零开始', postId: 'series-1' }]);
  assert.doesNotMatch(result.html, /点击阅读全文\.\.\./);
});

test('digest, dated layout: bylines, a title glued after 引用, the comments footer dropped', async () => {
  const result = await renderPostComplete(readFixture('digest-dated.txt'));
  assert.equal(result.meta.layout, 'digest-dated');
  assert.deepEqual(result.headings.map((heading) => heading.text), ['某系列(二)：第二步', '某系列(三)：第三步', '某系列(四)：粘连的标题']);
  assert.match(result.html, /<time>2023-05-06<\/time>/);
  assert.match(result.html, /第一段摘要/);
  assert.match(result.html, /第四篇的摘要/);
  assert.doesNotMatch(result.html, /最近评论|By 苏剑林|引用某系列/);
  assert.equal(result.stats.mathNodes, 2);
});

test('digest, both layouts: the sidebar\'s comments after 最近评论 are no entries, though they carry a date or a byline', async () => {
  const dated = await renderPostComplete(`${readFixture('digest-dated.txt')}\n读者甲:例子很清楚\nBy 读者乙 | 2024-06-01 | 0位读者 | 引用评论区不是文章\n`);
  assert.deepEqual(dated.headings.map((heading) => heading.text), ['某系列(二)：第二步', '某系列(三)：第三步', '某系列(四)：粘连的标题']);
  assert.doesNotMatch(dated.html, /读者|评论区不是文章/);
  const undated = renderDigest(`${readFixture('digest-undated.txt')}\n最近评论\n\n1 Jan\n\n侧栏:不是文章\n\n一条评论。\n`, {});
  assert.equal((undated.html.match(/<article class="digest-entry/g) ?? []).length, (renderDigest(readFixture('digest-undated.txt'), {}).html.match(/<article class="digest-entry/g) ?? []).length);
  assert.doesNotMatch(undated.html, /侧栏|一条评论/);
});

test('every top-level block carries its 0-based source line for scroll sync', async () => {
  const result = await renderPostComplete('# A\n\npara\n\n- item\n\n$$\nx\n$$\n');
  assert.match(result.html, /<h1 data-line="0"/);
  assert.match(result.html, /<p data-line="2">para/);
  assert.match(result.html, /<ul data-line="4">/);
  assert.match(result.html, /<div class="math-display" data-line="6">/);
});

test('every delimiter is math: $, $$, \\(\\), \\[\\], bare and starred environments, mid-paragraph too', async () => {
  const text = [
    '行内 $a$、\\(b\\)、跨行 $c',
    'd$，价格 $5 和 $6 不是公式。',
    '',
    '分子$< $分母。价格 $5，代码 `echo $HOME` 结束。',
    '',
    '$$e$$',
    '',
    '\\[f\\]',
    '',
    '段落里 \\begin{align*}g &= h\\end{align*} 继续，然后',
    '\\begin{gather*}',
    'i \\\\ j',
    '\\end{gather*}',
    '\\begin{multline*}k \\\\ l\\end{multline*}',
    '\\begin{eqnarray*}m &=& n\\end{eqnarray*}',
    '',
    '如下：', // a bare array (a table), as MathJax's processEnvironments draws it: Transformer升级之路 2
    '\\begin{array}{c|c}',
    '\\hline',
    '& \\text{BERT} \\\\',
    '\\end{array}',
  ].join('\n');
  const result = await renderPostComplete(text);
  assert.deepEqual(result.errors, []);
  assert.equal(result.stats.mathNodes, 11);
  assert.equal(result.stats.numbered, 0, 'starred forms are not numbered');
  assert.match(result.html, /价格 \$5 和 \$6 不是公式/);
  assert.doesNotMatch(result.html, /分子\$/, 'a formula with a space before its closer is math, as MathJax reads it');
  assert.equal((result.html.match(/class="katex-display"/g) ?? []).length, 7);
  assert.doesNotMatch(result.html, /\\begin\{array\}\{c\|c\}\s*<\/p>|<p[^>]*>\\begin\{array/, 'the array is not left as text');
});

test('math inside a blockquote loses the `> ` markers, and errors there keep their columns', async () => {
  const text = '> 引用：\n> $$\n> a = b\n> $$\n>\n> \\begin{equation}\n> c = \\oops d \\label{eq:q}\n> \\end{equation}\n';
  const result = await renderPostComplete(text);
  assert.doesNotMatch(result.html, /<span class="mrel">&gt;<\/span>/);
  assert.equal(result.equations[0]?.label, 'eq:q');
  assert.deepEqual(result.errors, [
    {
      line: 7,
      column: columnOf(text, 7, '\\oops'),
      message: 'KaTeX: Undefined control sequence: \\oops\nMathJax: Undefined control sequence \\oops',
      tex: '\\begin{equation*}\nc = \\oops d\\tag{1}\\end{equation*}',
      engine: 'mathjax',
    },
  ]);
  assert.match(result.html, /<blockquote data-line="0">[\s\S]*class="math-display"[\s\S]*<\/blockquote>/);
});
