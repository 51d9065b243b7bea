// Images beside a post (`![图](figs/a.png)`, `<img src="a.png">`) and links to posts beside it: rendered
// with their address relative to the post's folder (cached as such), given a `src` where shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete } from '../../../src/core/render';
import { inlineLocalImages, isRelativePath, localImagePath, resolveLocalImages } from '../../../src/core/render/localImages';

test('relative addresses are the post folder’s; schemes, rooted, protocol-relative, in-page and drive paths are not', () => {
  for (const address of ['figs/a.png', './a.png', '../up.png', 'a b.png', '图/示意.svg', 'part2.md']) assert.ok(isRelativePath(address), address);
  for (const address of ['https://a.org/x.png', 'javascript:alert(1)', 'data:image/png;base64,AA', 'file:///etc/x.png', '/usr/uploads/a.png', '//evil.org/x.png', '\\\\server\\x.png', 'C:\\x.png', '#eq-1', '?x', '', ' ']) {
    assert.ok(!isRelativePath(address), address);
  }
});

test('a local image’s path is decoded and resolved against the post’s folder (how far up it may climb is the caller’s)', () => {
  assert.equal(localImagePath('figs/a%20b.png?v=2#x'), 'figs/a b.png');
  assert.equal(localImagePath('./figs/../figs/./c.svg'), 'figs/c.svg');
  assert.equal(localImagePath('figs\\d.png'), 'figs/d.png');
  assert.equal(localImagePath('../images/up.png'), '../images/up.png');
  assert.equal(localImagePath('figs/../../../x.png'), '../../x.png');
  assert.equal(localImagePath('figs/..'), undefined, 'a folder, not a file');
  assert.equal(localImagePath('..'), undefined);
  assert.equal(localImagePath('%E0%A4%A.png'), undefined, 'a malformed escape');
});

test('Markdown and HTML images beside the post render without a src, named by data-kx-src; refused addresses stay text', async () => {
  const { html } = await renderPostComplete(
    [
      '![示意 图](figs/a%20b.png "t") 与 ![x](javascript:alert(1)) 与 ![w](C:\\x.png) 与 [下一篇](part2.md) 与 [坏](javascript:x)',
      '',
      '<img src="figs/c.svg" alt="c &amp; d" width="120" onerror="alert(1)">',
      '',
      '[![图](figs/a.png)](https://example.org)',
      '',
    ].join('\n'),
  );
  assert.match(html, /<img alt="示意 图" title="t" data-kx-src="figs\/a%20b.png" class="local-image">/);
  assert.match(html, /<img alt="c &amp; d" width="120" data-kx-src="figs\/c.svg" class="local-image">/);
  assert.match(html, /<a href="https:\/\/example.org"><img alt="图" data-kx-src="figs\/a.png" class="local-image"><\/a>/);
  assert.match(html, /<a href="part2.md">下一篇<\/a>/, 'a link to a post beside this one');
  assert.match(html, /!\[x\]\(javascript:alert\(1\)\) 与 !\[w\]\(C:\\x.png\) 与 /);
  assert.match(html, /\[坏\]\(javascript:x\)/);
  assert.doesNotMatch(html, /\ssrc=|onerror=/);
});

test('resolveLocalImages gives each image its src, and one that is not an image of the folder a reason', async () => {
  const { html } = await renderPostComplete('![a](figs/a%20b.png) ![b](figs/a%20b.png) ![c](../up.png) ![d](notes.pdf) ![e](x&amp;y.png)\n');
  // An export reads each image once, decoded, and no file that is not an image.
  const read: string[] = [];
  const inlined = await inlineLocalImages(html, async (path) => (read.push(path), path === '../up.png' ? { problem: 'outside' } : { base64: 'PHN2Zz4=' }));
  assert.deepEqual(read, ['figs/a b.png', '../up.png', 'x&y.png']);
  assert.deepEqual(inlined.problems, [{ path: '../up.png', problem: 'outside' }]);
  assert.equal(inlined.localImage('x&y.png'), 'data:image/png;base64,PHN2Zz4=');
  const seen: string[] = [];
  // The caller decides how far up a path may go: here not out of the post's folder.
  const sourceOf = (path: string) => (seen.push(path), path.startsWith('../') ? undefined : `https://res.test/post/${encodeURI(path)}`);
  const shown = resolveLocalImages(html, sourceOf, (address) => `no ${address}`);
  assert.deepEqual(seen, ['figs/a b.png', 'figs/a b.png', '../up.png', 'x&y.png']);
  assert.match(shown, /<img alt="a" src="https:\/\/res.test\/post\/figs\/a%20b.png" data-kx-src="figs\/a%20b.png" class="local-image">/);
  assert.match(shown, /<img alt="c" data-kx-src="..\/up.png" title="no ..\/up.png" class="local-image">/);
  assert.match(shown, /<img alt="d" data-kx-src="notes.pdf" title="no notes.pdf" class="local-image">/);
  assert.match(shown, /<img alt="e" src="https:\/\/res.test\/post\/x&amp;y.png" data-kx-src="x&amp;y.png"/);
  // A place that finds nothing (the export, for a missing file) leaves the alt text.
  assert.doesNotMatch(resolveLocalImages(html, () => undefined, () => 'missing'), /\ssrc=/);
  const svg = await inlineLocalImages('<img data-kx-src="a.svg"><img data-kx-src="a.md">', async () => ({ base64: 'PHN2Zz4=' }));
  assert.equal(svg.localImage('a.svg'), 'data:image/svg+xml;base64,PHN2Zz4=');
  assert.equal(svg.localImage('a.md'), undefined);
});

test('an image carried in the post (data:image/png, gif, jpeg, webp) shows; any other data: address stays text', async () => {
  const { html } = await renderPostComplete(
    '![点](data:image/png;base64,iVBORw0KGgo=) 与 <img src="data:image/gif;base64,R0lGOD+/=" alt="g" onerror="alert(1)"> 与 [坏](data:text/html;base64,PHNjcmlwdD4=) 与 ![s](data:image/svg+xml;base64,PHN2Zz4=)\n',
  );
  assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="点"> 与 <img src="data:image\/gif;base64,R0lGOD\+\/=" alt="g"> 与 /);
  assert.match(html, /\[坏\]\(data:text\/html;base64,PHNjcmlwdD4=\) 与 !\[s\]\(data:image\/svg\+xml;base64,PHN2Zz4=\)/);
  assert.doesNotMatch(html, /onerror=|href="data:text/);
});
