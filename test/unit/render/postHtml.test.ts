// A post's own HTML (scraped posts hold `<br>` in table cells and `<div class="theorem-box">` lines):
// formatting kept bare, wrappers dropped with their content kept, everything else shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PostRenderer, renderPostComplete } from '../../../src/core/render';
import { safeHtmlTag } from '../../../src/core/render/postHtml';
import { formulasAsText } from './support';

/** The rendered HTML with each KaTeX formula as `[math TeX]`. */
async function render(text: string): Promise<string> {
  return formulasAsText((await renderPostComplete(text)).html);
}

test('safeHtmlTag: formatting kept without attributes, wrappers dropped, the rest shown as text', () => {
  assert.equal(safeHtmlTag('<b class="x" onclick="alert(1)">'), '<b>');
  assert.equal(safeHtmlTag('</B>'), '</b>');
  assert.equal(safeHtmlTag('<br/>'), '<br>');
  assert.equal(safeHtmlTag('</br>'), '');
  assert.equal(safeHtmlTag('<sup>'), '<sup>');
  assert.equal(safeHtmlTag('<div class="theorem-box">'), '');
  assert.equal(safeHtmlTag('<span style="color:red">'), '');
  assert.equal(safeHtmlTag('<!-- a note -->'), '');
  assert.equal(safeHtmlTag('<script>'), '&lt;script&gt;');
  assert.equal(safeHtmlTag('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(safeHtmlTag('<a href="javascript:alert(1)">'), '&lt;a href=&quot;javascript:alert(1)&quot;&gt;');
});

test('a wrapper on lines of its own leaves its Markdown and math as they were, and no trace of itself', async () => {
  const html = await render(['<div class="theorem-box">', '', '#### 定理', '', '正文 $x^2$', '', '</div>', ''].join('\n'));
  assert.match(html, /<h4[^>]*>定理<\/h4>/);
  assert.match(html, /正文 \[math x\^2\]/);
  assert.doesNotMatch(html, /div|theorem-box/);
});

test('tags beside text on one line stay Markdown: its math renders, the wrapper goes', async () => {
  const html = await render('<div>$y$ 内联 <b>粗</b></div>\n');
  assert.match(html, /<p data-line="0">\[math y\] 内联 <b>粗<\/b><\/p>/);
});

test('<br> in a table cell breaks the line; a styled span keeps its text', async () => {
  const html = await render(['| a | b |', '|---|---|', '| ✅ 快<br>✅ 稳 | <span style="color:red">3</span> |', ''].join('\n'));
  assert.match(html, /<td>✅ 快<br>✅ 稳<\/td>/);
  assert.match(html, /<td>3<\/td>/);
  assert.doesNotMatch(html, /style=/);
});

test('comments are dropped, one over blank lines too; the post goes on after them', async () => {
  const text = ['前文', '', '<!-- a note', '', 'still the note -->', '', '后文 <!-- inline --> 完', ''].join('\n');
  const html = await render(text);
  assert.doesNotMatch(html, /note|&lt;!--|inline/);
  assert.match(html, /<p data-line="0">前文<\/p>/);
  assert.match(html, /<p data-line="6">后文 {2}完<\/p>/);
  // Cut into blocks for incremental rendering, the comment stays one block: the same page.
  const renderer = new PostRenderer({ fallback: false });
  assert.equal(renderer.render(text).html, (await renderPostComplete(text)).html);
});

test('anything else is shown as text, as before, and nothing of it runs', async () => {
  const html = await render(['a <script>alert(1)</script> b <img src=x onerror=alert(1)>', '', '<iframe src="https://example.org"></iframe>', '', '<T>', '', '泛型 <T> 与 <x, y>', ''].join('\n'));
  assert.doesNotMatch(html, /<script|<iframe|onerror=(?![^<]*&gt;)|\ssrc="/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  // `src=x` is an image beside the post (localImages.ts): named by data-kx-src, its handler gone.
  assert.match(html, / b <img alt="" data-kx-src="x" class="local-image">/);
  assert.match(html, /&lt;iframe src=&quot;https:\/\/example.org&quot;&gt;/);
  assert.match(html, /<div class="post-html" data-line="4">&lt;T&gt;<\/div>/);
  assert.match(html, /泛型 &lt;T&gt; 与 &lt;x, y&gt;/);
});

test('<a href> and <img src> become what [text](href) and ![alt](src) would: addresses checked, no other attribute', async () => {
  const text = [
    '见 <a href="/archives/10114" title="t&amp;x" onclick="alert(1)">这篇</a>，<a href="javascript:alert(1)">坏</a>，<a name="x">锚</a>。',
    '',
    '<img src="https://spaces.ac.cn/usr/uploads/a.png" alt="示意 &lt;图&gt;" width="400" onerror="alert(1)">',
    '',
    '<a href="https://example.org"><img src="/usr/uploads/b.png" alt="图"></a>',
    '',
  ].join('\n');
  const html = await render(text);
  // Root-relative addresses point at the blog, entities decoded then escaped again, the handler gone.
  assert.match(html, /见 <a href="https:\/\/spaces.ac.cn\/archives\/10114" title="t&amp;x">这篇<\/a>，/);
  // A refused address is text, and its </a> closes nothing; an anchor without href is a wrapper.
  assert.match(html, /，&lt;a href=&quot;javascript:alert\(1\)&quot;&gt;坏，锚。<\/p>/);
  // A remote image is a link to it unless asked for (no request as the page opens).
  assert.match(html, /<div class="post-html" data-line="2"><a class="remote-image" href="https:\/\/spaces.ac.cn\/usr\/uploads\/a.png" title="[^"]*">\[示意 &lt;图&gt;\]<\/a><\/div>/);
  // Inside a link, the image is a label of that link, not a second link in it.
  assert.match(html, /<a href="https:\/\/example.org"><span class="remote-image" title="https:\/\/spaces.ac.cn\/usr\/uploads\/b.png">\[图\]<\/span><\/a>/);
  assert.doesNotMatch(html, /onclick|onerror=(?![^<]*&gt;)|<img/);

  const shown = (await renderPostComplete(text, { remoteImages: true })).html;
  assert.match(shown, /<img src="https:\/\/spaces.ac.cn\/usr\/uploads\/a.png" alt="示意 &lt;图&gt;" width="400">/);
  assert.doesNotMatch(shown, /onerror|onclick/);
});

test('a kept tag left open (or closed without opening) in its paragraph is dropped: nothing runs on into the next', async () => {
  const html = await render(['开 <b>粗 <i>斜</b> 与 <a href="https://example.org">未闭', '', '下一段 </b></a>完', '', '<b><a href="https://example.org">整</a></b>', '', '<a href="https://example.org"><img src="https://example.org/i.png" alt="i">', ''].join('\n'));
  assert.match(html, /<p data-line="0">开 <b>粗 斜<\/b> 与 &lt;a href=&quot;https:\/\/example.org&quot;&gt;未闭<\/p>/);
  assert.match(html, /<p data-line="2">下一段 完<\/p>/);
  assert.match(html, /<p data-line="4"><b><a href="https:\/\/example.org">整<\/a><\/b><\/p>/);
  // On a line of tags only, too: the link is never closed, so it is text and the image a link of its own.
  assert.match(html, /<div class="post-html" data-line="6">&lt;a href=&quot;https:\/\/example.org&quot;&gt;<a class="remote-image" href="https:\/\/example.org\/i.png"[^>]*>\[i\]<\/a><\/div>/);
});
