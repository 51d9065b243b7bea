// Notation: symbols from KaTeX's parse tree, definitions by pattern and by formula, the definition
// shown at a line (nearest before, else after), series carry-over, and ≥ 30 definitions checked by
// reading the shared posts (skipped where the corpus is absent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { carryOver, definedSymbol, definitionAt, formulaSymbols, parseTex, postNotation, PreviewNotationBuilder } from '../../../src/core/notation';
import { PostRenderer } from '../../../src/core/render/postRenderer';
import { repoRoot } from '../repoRoot';
import { BLOG_STYLE_DEFINITIONS, BLOG_STYLE_FIXTURE, blogStyleRecall } from './blogStyleDefinitions';
import { fixtureDir, fixtureText } from '../search/support';
import { CHECKED_DEFINITIONS } from './checkedDefinitions';

test('symbols: fonts, accents and subscripts from the parse tree; powers are not part of a name', () => {
  const tex = '\\boldsymbol{M}_t + \\hat{x}_{t+1} + \\mathcal{L} + L_{avg}^2 + \\alpha + A^{\\dagger} + \\text{loss}';
  const nodes = parseTex(tex);
  assert.ok(nodes);
  assert.deepEqual(formulaSymbols(nodes, tex), ['\\boldsymbol{M}_t', '\\hat{x}_{t+1}', '\\mathcal{L}', 'L_{avg}', '\\alpha', 'A^{\\dagger}']);
  assert.equal(parseTex('\\frac{'), undefined);
});

test('definitions by pattern and formula, the nearest before an occurrence (else after)', () => {
  const symbols = postNotation(fixtureText('notation.md'));
  const find = (tex: string) => symbols.find((s) => s.tex === tex);
  const m = find('\\boldsymbol{M}');
  assert.ok(m);
  assert.deepEqual(m.definitions.map((d) => [d.line, d.kind]), [[8, 'pattern']]);
  assert.equal(m.occurrences, 2);
  const x = find('x_t');
  assert.ok(x);
  assert.deepEqual(x.definitions.map((d) => [d.line, d.kind]), [[8, 'pattern'], [18, 'pattern']]);
  assert.match(x.definitions[0].text, /其中 \$x_t\$ 表示/);
  assert.equal(definitionAt(x, 12)?.line, 8, 'before the redefinition: the first meaning');
  assert.equal(definitionAt(x, 18)?.line, 18, 'after it: the new meaning');
  assert.equal(find('L_{avg}')?.definitions[0].kind, 'pattern');
  assert.equal(find('\\mathcal{L}')?.definitions[0].kind, 'pattern');
  const y = find('\\hat{y}');
  assert.ok(y);
  assert.deepEqual(y.definitions.map((d) => [d.line, d.kind, d.text]), [[13, 'formula', '\\hat{y} := \\boldsymbol{M} x_t + b']]);
  // A symbol only defined later shows that definition at an earlier occurrence.
  assert.equal(definitionAt(y, 2)?.line, 13);
  assert.equal(find('t')?.definitions.length, 0);
});

test('series carry-over: an earlier part defines what this post leaves undefined, not what it redefines', () => {
  const earlier = postNotation(fixtureText('notation.md'));
  const later = postNotation('# 下篇\n\n这里再用 $\\hat{y}$ 和 $\\boldsymbol{M}$，设 $\\boldsymbol{M}$ 为对角矩阵。\n');
  const carried = carryOver(later, [{ title: '记号测试', symbols: earlier }]);
  const y = carried.find((s) => s.tex === '\\hat{y}');
  assert.equal(y?.definitions[0].source, '记号测试');
  const m = carried.find((s) => s.tex === '\\boldsymbol{M}');
  assert.deepEqual(m?.definitions.map((d) => d.source), ['this post']);
});

const corpusPosts = path.join(fixtureDir(), '..', '..', '..', '..', 'shared', 'corpus', 'posts');

test(`the ${CHECKED_DEFINITIONS.length} definitions checked by reading the shared posts are all found`, { skip: !existsSync(corpusPosts) && 'no shared corpus' }, () => {
  assert.ok(CHECKED_DEFINITIONS.length >= 30);
  const byPost = new Map<string, ReturnType<typeof postNotation>>();
  const missed: string[] = [];
  for (const checked of CHECKED_DEFINITIONS) {
    let symbols = byPost.get(checked.post);
    if (!symbols) {
      symbols = postNotation(readFileSync(path.join(corpusPosts, checked.post), 'utf8'));
      byPost.set(checked.post, symbols);
    }
    const symbol = symbols.find((s) => s.tex === checked.tex);
    if (!symbol?.definitions.some((d) => d.line === checked.line && d.kind === checked.kind)) missed.push(`${checked.post}:${checked.line} ${checked.tex}`);
  }
  assert.deepEqual(missed, []);
});

test('independent recall: the blog-style fixture written before the patterns were run on it', () => {
  const text = readFileSync(path.join(repoRoot(), BLOG_STYLE_FIXTURE), 'utf8');
  const recall = blogStyleRecall(text, postNotation(text));
  assert.ok(BLOG_STYLE_DEFINITIONS.length >= 20);
  // 20/34 before the patterns were changed for it (see the bench); the two left are not the blog's style
  // (用 X 表示 and an English clause with its verb left out occur in none of the shared posts).
  assert.deepEqual(recall.missed, ['N (用 X 表示)', 'h (and X the … (verb elided))']);
  assert.deepEqual(recall.otherKind, []);
  assert.deepEqual(recall.falseDefinitions, []);
});

test('defining formulas: one expression node defines (s = \\sqrt{d}); a number, a lone symbol or a difference of calls does not', () => {
  const defined = (tex: string): string | undefined => {
    const nodes = parseTex(tex);
    assert.ok(nodes, tex);
    return definedSymbol(nodes, tex);
  };
  assert.equal(defined('s = \\sqrt{d}'), 's');
  assert.equal(defined('\\bar{A} \\equiv e^{\\Delta A}'), '\\bar{A}');
  assert.equal(defined('\\boldsymbol{\\Lambda}=\\text{diag}(\\lambda_1,\\cdots,\\lambda_r)'), '\\boldsymbol{\\Lambda}');
  assert.equal(defined('f(t) = t^2 + 1'), 'f');
  assert.equal(defined('\\boldsymbol{z} = \\boldsymbol{0}'), undefined);
  assert.equal(defined('m = n'), undefined);
  assert.equal(defined('k = \\infty'), undefined);
  assert.equal(defined('x(t+\\epsilon) - x(t) = \\epsilon A x(t)'), undefined);
  assert.equal(defined('R_f(q, m) R_f(k, n) = R_g(q, k, m-n)'), undefined);
});

test('a carried definition names its post, and the preview is told it (Go to definition opens that post at the line)', () => {
  const earlier = postNotation(fixtureText('notation.md'));
  const later = postNotation('# 下篇\n\n这里再用 $\\hat{y}$。\n');
  const carried = carryOver(later, [{ title: '记号测试', postId: 'notation-part-1', symbols: earlier }]);
  const y = carried.find((s) => s.tex === '\\hat{y}');
  assert.deepEqual(y?.definitions.map((d) => [d.line, d.source, d.postId]), [[13, '记号测试', 'notation-part-1']]);
  const strings = { occurrences: '', occursOnce: '', goToDefinition: '', back: '', notDefined: '', definedIn: '', line: '', pinned: '', formulaSymbols: '' };
  const html = new PostRenderer({}).render('# 下篇\n\n这里再用 $\\hat{y}$。\n', {}).html;
  const notation = new PreviewNotationBuilder().build(html, carried, {}, strings);
  const sent = notation.symbols.find((s) => s.tex === '\\hat{y}');
  assert.equal(sent?.definitions[0].postId, 'notation-part-1');
  assert.equal(sent?.definitions[0].line, 13);
  // This post's own definitions carry no post id: the page scrolls within itself.
  assert.equal(postNotation(fixtureText('notation.md')).flatMap((s) => s.definitions).some((d) => d.postId !== undefined), false);
});

test('a row after a spaced row break (\\\\[8pt], as the SSM posts write) defines its symbol; [8pt] is not part of it', () => {
  const text = ['# t', '', '\\begin{equation}\\begin{aligned}', "x'(t) =&\\, Ax(t)\\\\[8pt]", 'B_n =&\\, \\sqrt{2n+1}', '\\end{aligned}\\end{equation}', '', '其中 $B_n$ 是输入。'].join('\n');
  const b = postNotation(text).find((s) => s.tex === 'B_n');
  assert.ok(b, 'B_n is a symbol');
  const formula = b.definitions.find((d) => d.kind === 'formula');
  assert.ok(formula, `a formula definition: ${JSON.stringify(b.definitions)}`);
  assert.doesNotMatch(formula.text, /8pt/);
});

test("a definition by a matrix keeps the matrix's & (the hover draws the definition from its text); the row's own & goes", () => {
  const text = ['# t', '', '\\begin{align}', 'A =&\\, \\begin{pmatrix} 1 & 0 \\\\ 0 & -1 \\end{pmatrix}', '\\end{align}', '', '这里 $A$ 是矩阵。'].join('\n');
  const a = postNotation(text).find((s) => s.tex === 'A');
  const formula = a?.definitions.find((d) => d.kind === 'formula');
  assert.ok(formula, JSON.stringify(a));
  assert.equal(formula.text, 'A = \\, \\begin{pmatrix} 1 & 0 \\\\ 0 & -1 \\end{pmatrix}');
});

test('a sentence defines each membership of a list, and 都是/均为/分别是 define like 是', () => {
  const text = [
    '对于任意矩阵$\\boldsymbol{M}$，有 $$\\boldsymbol{M} = \\boldsymbol{U}\\boldsymbol{\\Sigma} \\boldsymbol{V}^{\\top}$$',
    '其中$\\boldsymbol{U}\\in\\mathbb{R}^{n\\times n},\\boldsymbol{V}\\in\\mathbb{R}^{m\\times m}$都是正交矩阵，$\\boldsymbol{\\Sigma}\\in\\mathbb{R}^{n\\times m}$是非负对角矩阵。',
    '其中$a,b$均为常数，$x\\in[0,1]$是输入。',
    '这里$p\\in\\mathbb{R}^n, p^{\\top}p = 1$分别是…',
    '',
  ].join('\n');
  const symbols = postNotation(text);
  const definedAt = (tex: string) => symbols.find((s) => s.tex === tex)?.definitions.map((d) => [d.line, d.kind]);
  assert.deepEqual(definedAt('\\boldsymbol{U}'), [[2, 'pattern']]);
  assert.deepEqual(definedAt('\\boldsymbol{V}'), [[2, 'pattern']]);
  assert.deepEqual(definedAt('\\boldsymbol{\\Sigma}'), [[2, 'pattern']]);
  assert.deepEqual(definedAt('a'), [[3, 'pattern']]);
  assert.deepEqual(definedAt('b'), [[3, 'pattern']]);
  // The interval's comma parts no list; a condition after a membership defines nothing.
  assert.deepEqual(definedAt('x'), [[3, 'pattern']]);
  assert.deepEqual(definedAt('p'), [[4, 'pattern']]);
  // The hover on eq. (1)'s U (line 1) shows line 2's meaning, the nearest after.
  const u = symbols.find((s) => s.tex === '\\boldsymbol{U}');
  assert.ok(u);
  assert.equal(definitionAt(u, 1)?.line, 2);
});

test('memberships alone after 其中/这里 type their symbols: u(t)∈ℝ^{d_i} types u; ; parts a list; B,C∈ share one', () => {
  const text = [
    '$$x\'(t) = A x(t) + B u(t)$$',
    '其中$u(t)\\in\\mathbb{R}^{d_i}, x(t)\\in\\mathbb{R}^{d}, A\\in\\mathbb{R}^{d\\times d}$。当然也可以离散化。',
    '这里$y,D\\in\\mathbb{R};B,C\\in\\mathbb{R}^{d\\times 1}$，${}^*$是转置。',
    '其中$P\\in\\mathbb{R}^{n\\times n}, P^{\\top}P = I, Q$，另有他用。',
    '',
  ].join('\n');
  const symbols = postNotation(text);
  const definedAt = (tex: string) => symbols.find((s) => s.tex === tex)?.definitions.map((d) => d.line) ?? [];
  for (const tex of ['u', 'x', 'A']) assert.deepEqual(definedAt(tex), [2], tex);
  for (const tex of ['y', 'D', 'B', 'C']) assert.deepEqual(definedAt(tex), [3], tex);
  // A condition, and a symbol no bound follows, define nothing.
  assert.deepEqual(definedAt('P'), [4]);
  assert.deepEqual(definedAt('Q'), []);
  assert.deepEqual(definedAt('I'), []);
});
