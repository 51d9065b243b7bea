import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIGEST_FIRST_LINE, isDigestText } from '../../../src/core/editor/digestText';
import { corpusFiles, corpusTest, fixture } from './files';

test('isDigestText knows both layouts and refuses posts and notes', () => {
  assert.equal(isDigestText(fixture('digest-undated.txt')), true);
  assert.equal(isDigestText(fixture('digest-dated.txt')), true);
  assert.equal(isDigestText(fixture('digest-dated.txt').replace(/\n/g, '\r\n')), true, 'CRLF files too');
  assert.equal(isDigestText(fixture('post.md')), false);
  assert.equal(isDigestText('shopping list\nBy the way | buy milk\n'), false);
  assert.equal(isDigestText(''), false);
});

test('DIGEST_FIRST_LINE is the `D Mon` line and nothing else', () => {
  assert.ok(DIGEST_FIRST_LINE.test('20 Apr'));
  assert.ok(DIGEST_FIRST_LINE.test('3 Sep '));
  assert.ok(!DIGEST_FIRST_LINE.test('20 April'));
  assert.ok(!DIGEST_FIRST_LINE.test('on 20 Apr'));
});

corpusTest('every corpus digest is a digest and no corpus post is', () => {
  for (const { name, text } of corpusFiles('digests')) assert.equal(isDigestText(text), true, name);
  for (const { name, text } of corpusFiles('posts')) assert.equal(isDigestText(text), false, name);
});
