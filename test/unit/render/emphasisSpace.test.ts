// html2text's space after bold or italic text, between Chinese characters, is not shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete } from '../../../src/core/render';

test('the space html2text put after emphasis goes between Chinese text; beside Latin text, a bracket or a formula it stays', async () => {
  const { html } = await renderPostComplete('这称为“**Eckart-Young-Mirsky定理** ”。**旋转** 、**拉伸** 三个；_简单_ 是指；**SVD** 分解；**定理** (见)；**$x$** 对；**定理**  两个\n');
  assert.equal(
    html,
    '<p data-line="0">这称为“<strong>Eckart-Young-Mirsky定理</strong>”。<strong>旋转</strong>、<strong>拉伸</strong>三个；<em>简单</em>是指；<strong>SVD</strong> 分解；<strong>定理</strong> (见)；<strong>' +
      /<strong>(<span class="katex">[\s\S]*?)<\/strong>/.exec(html)?.[1] +
      '</strong> 对；<strong>定理</strong>  两个</p>\n',
  );
});

test('bold that CommonMark leaves as asterisks beside Chinese text is bold, as the blog showed it (CJK-friendly flanking)', async () => {
  // From the corpus: a closer after a formula or a full-width bracket, followed by a Chinese character.
  const { html } = await renderPostComplete('都等于某个**只依赖$m$**的函数；**ODE生成模型（神经ODE生成方法）**融合了；**定理（一）**对于；2*3*4\n');
  assert.doesNotMatch(html, /\*\*/, html);
  assert.equal((html.match(/<strong>/g) ?? []).length, 3);
  assert.match(html, /<strong>ODE生成模型（神经ODE生成方法）<\/strong>融合了/);
  assert.match(html, /<strong>定理（一）<\/strong>对于/);
  assert.match(html, /<strong>只依赖<span class="katex">/);
});
