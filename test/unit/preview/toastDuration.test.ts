import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toastDuration } from '../../../src/pages/preview/toastDuration';

test("a short toast stays 1.4 s; a long message long enough to read (it was 1.4 s whatever its length), never over 12 s", () => {
  assert.equal(toastDuration('已复制'), 1400);
  const refusal = '这篇文章的笔记文件无法读取，因此不显示它的笔记，也不能添加笔记；文件已原样保留，未做任何改动。请修复或移除它：notes.json';
  assert.ok(toastDuration(refusal) >= 6000, `${toastDuration(refusal)} ms for ${[...refusal].length} characters`);
  assert.equal(toastDuration('x'.repeat(1000)), 12_000);
});
