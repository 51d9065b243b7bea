// A link's fragment finds its heading by the preview's id or by the heading's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete } from '../../../src/core/render';
import { headingForAnchor } from '../../../src/core/render/headingAnchor';

test('a fragment names a heading by its id, its words, or its words as GitHub writes them', async () => {
  const { headings } = await renderPostComplete(['# 标题', '', '## 推导 过程', '', '文字', '', '## Proof of $x$', '', '## 推导 过程', ''].join('\n'));
  const lineOf = (fragment: string) => headingForAnchor(headings, fragment)?.line;
  assert.equal(lineOf('h-推导-过程'), 3, 'the preview’s own id (1-based line)');
  assert.equal(lineOf('h-推导-过程-2'), 9, 'the second heading of the same words');
  assert.equal(lineOf('推导-过程'), 3, 'GitHub’s anchor of the words');
  assert.equal(lineOf('推导 过程'), 3, 'the words themselves');
  assert.equal(lineOf('proof-of-x'), 7);
  assert.equal(lineOf('没有'), undefined);
  assert.equal(lineOf(''), undefined);
});
