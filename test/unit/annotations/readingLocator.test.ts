// The reading locator (heading + words at the top of the view) survives edits above it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locatorAt, offsetOfLocator } from '../../../src/core/annotations/index';
import { fixturePost } from './helpers';

test('a locator names the heading above and the line, and finds the line again after an insertion above', () => {
  const text = fixturePost();
  const at = text.indexOf('Newton–Schulz迭代从');
  const locator = locatorAt(text, at + 3);
  assert.equal(locator.heading, '迭代法');
  assert.ok(locator.quote.startsWith('Newton–Schulz迭代从'));
  assert.equal(offsetOfLocator(text, locator), at);
  const edited = `新的一段。\n\n${text}`;
  assert.equal(offsetOfLocator(edited, locator), at + '新的一段。\n\n'.length);
  // The line itself gone: its section's heading.
  const gone = text.replace(/Newton–Schulz迭代从.*\n/, '');
  assert.equal(offsetOfLocator(gone, locator), gone.indexOf('## 迭代法'));
});
