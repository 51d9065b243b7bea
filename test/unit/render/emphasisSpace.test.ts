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
