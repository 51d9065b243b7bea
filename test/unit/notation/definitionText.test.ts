// A definition's sentence as the Notation view shows it: Markdown's emphasis and links dropped, TeX as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definitionAsText } from '../../../src/core/notation';

test('a definition reads without Markdown marks: **设定**, __x__, [title](address); TeX keeps its * and _', () => {
  // The SSM post's own sentence (重温SSM（一）, line 418).
  assert.equal(definitionAsText('**设定**: 当前时刻为 $t$，历史信号为 $u(\\tau)$，$\\tau \\in [0,t]$。'), '设定: 当前时刻为 $t$，历史信号为 $u(\\tau)$，$\\tau \\in [0,t]$。');
  assert.equal(definitionAsText('见[《Transformer升级之路：2、博采众长的旋转式位置编码》](/archives/8265)，其中 __重点__ 是$q$'), '见《Transformer升级之路：2、博采众长的旋转式位置编码》，其中 重点 是$q$');
  // Asterisks and underscores of formulas are TeX, not emphasis.
  assert.equal(definitionAsText('其中$c_n^{*}$是$c_n$的共轭，$x^*$与$y^*$是最优解'), '其中$c_n^{*}$是$c_n$的共轭，$x^*$与$y^*$是最优解');
  assert.equal(definitionAsText('\\boldsymbol{x}_{\\text{MN}} = \\boldsymbol{A}^{\\dagger}\\boldsymbol{b}'), '\\boldsymbol{x}_{\\text{MN}} = \\boldsymbol{A}^{\\dagger}\\boldsymbol{b}');
});
