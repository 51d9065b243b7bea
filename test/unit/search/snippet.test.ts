// Where a hit's snippet puts its mark: the query as written, else a token — for a Latin token, a copy
// that is a word of its own rather than letters inside a longer name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findHit, makeSnippet } from '../../../src/core/search/snippet';

const marked = (text: string, tokens: string[]) => makeSnippet(text, findHit(text, undefined, tokens)).text;

test('a one-letter token marks the letter standing alone, not the a of \\begin{align}', () => {
  assert.equal(marked('\\begin{align} \\boldsymbol{A}^{\\dagger}', ['a']), '\\begin{align} \\boldsymbol{**A**}^{\\dagger}');
  // A command's name is a word of its own: `alpha` finds \alpha.
  assert.equal(marked('\\bar{\\alpha}_t', ['alpha']), '\\bar{\\**alpha**}_t');
  // No copy stands alone: the first copy, as before.
  assert.equal(marked('\\begin{align} x', ['lig']), '\\begin{a**lig**n} x');
  // Digits too: the 1 of σ₁, not of 性质10.
  assert.equal(marked('性质10：$\\sigma_1$', ['1']), '性质10：$\\sigma_**1**$');
  // CJK has no word boundaries.
  assert.equal(marked('非零奇异值', ['奇异']), '非零**奇异**值');
});

test("a snippet reads as text: no heading's #### or quote's > at a line's start; a # inside a line stays", () => {
  const text = '确实只依赖相对位置$m-n$！\n### 2.2 高维推广\n> 引用一句\n#### 5.3.3 结果分析 C# 代码';
  assert.equal(marked(text, ['高维推广']), '确实只依赖相对位置$m-n$！ 2.2 **高维推广** 引用一句 5.3.3 结果分析 C# 代码');
});

test('after a hit, the rest of its line is not a line start: "C# 代码" keeps its #', () => {
  assert.equal(marked('用 C# 代码', ['C']), '用 **C**# 代码');
});

test('without the query as written, the mark goes where most of it is: the longest run of touching tokens', () => {
  // "奇异值分解" (in quotes) as bigrams: not the 值分 of the earlier 特征值分解.
  const text = '前面我们通过特征值分解给出了伪逆的一个计算方法，但更常用的是基于奇异值分解（SVD）。';
  assert.equal(marked(text, ['奇异', '异值', '值分', '分解']), '…我们通过特征值分解给出了伪逆的一个计算方法，但更常用的是基于**奇异值分解**（SVD）。');
  // 旋转位置编码 against 旋转式位置编码: 位置编码, not 旋转 alone.
  assert.equal(marked('博采众长的旋转式位置编码', ['旋转', '转位', '位置', '置编', '编码']), '博采众长的旋转式**位置编码**');
  // A Latin token standing alone beats letters inside a name, even earlier ones: U\Sigma V^T.
  assert.equal(marked('\\begin{equation} \\boldsymbol{\\Sigma}', ['u', '\\sigma', 'v', 't']), '\\begin{equation} \\boldsymbol{**\\Sigma**}');
});

test('a snippet is cut between Chinese words, not inside one: no “…解给出了” from 特征值分解', () => {
  const text = '前面我们通过特征值分解给出了伪逆的一个计算方法，但实际上更直接和常用的方法是基于奇异值分解（SVD）。';
  const at = text.indexOf('奇异值分解');
  // 30 characters ahead of the hit fall between 分 and 解: the snippet starts at the next word.
  assert.equal(text[at - 30], '解');
  assert.equal(makeSnippet(text, { start: at, end: at + 5 }).text, '…给出了伪逆的一个计算方法，但实际上更直接和常用的方法是基于**奇异值分解**（SVD）。');
  // The end: 70 characters after the hit fall inside 矩阵, which is read whole.
  const tail = `奇异值${'的'.repeat(69)}矩阵分解`;
  assert.equal(makeSnippet(tail, { start: 0, end: 3 }).text, `**奇异值**${'的'.repeat(69)}矩阵…`);
});

test("a link reads as its text: the link's [ and ](address) are dropped, even when the hit is inside it", () => {
  const text = '在[《生成扩散模型漫谈（五）：一般框架之SDE篇》](/archives/9209)中，我们从SDE的角度理解了![图](/usr/uploads/1.png)生成扩散模型。';
  const at = text.indexOf('一般框架');
  assert.equal(makeSnippet(text, { start: at, end: at + 4 }).text, '在《生成扩散模型漫谈（五）：**一般框架**之SDE篇》中，我们从SDE的角度理解了图生成扩散模型。');
  // A bracket that is no link stays: [0,1] and a citation's [1].
  assert.equal(marked('区间$[0,1]$上的函数[1]', ['函数']), '区间$[0,1]$上的**函数**[1]');
});
