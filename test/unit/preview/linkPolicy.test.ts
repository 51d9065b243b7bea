// What a link clicked in the preview may open: web and mail, a post beside this one, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideLink } from '../../../src/preview/linkPolicy';

test('web and mail links open outside; a relative link opens only a post; every other scheme is refused', () => {
  assert.deepEqual(decideLink('https://spaces.ac.cn/archives/10114'), { kind: 'external', url: 'https://spaces.ac.cn/archives/10114' });
  assert.deepEqual(decideLink('mailto:a@b.org'), { kind: 'external', url: 'mailto:a@b.org' });
  assert.deepEqual(decideLink('part2.md'), { kind: 'post', path: 'part2.md' });
  assert.deepEqual(decideLink('part2.md?x=1#%E8%AF%81%E6%98%8E'), { kind: 'post', path: 'part2.md', fragment: '证明' });
  assert.deepEqual(decideLink('../%E7%B3%BB%E5%88%97/%E4%B8%80.md'), { kind: 'post', path: '../系列/一.md' });
  assert.deepEqual(decideLink('listing.txt'), { kind: 'post', path: 'listing.txt' });
  for (const href of ['figs/a.png', 'run.sh', 'x.md.exe']) assert.equal(decideLink(href).kind, 'refused', href);
  for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'command:workbench.action.quit', 'vscode://x', 'data:text/html,x']) {
    assert.equal(decideLink(href).kind, 'refused', href);
  }
  assert.equal(decideLink('%E0%A4%A.md').kind, 'refused', 'a malformed escape');
});
