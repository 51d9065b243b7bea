// A post's own HTML (scraped posts hold `<br>` in table cells and `<div class="theorem-box">` lines):
// formatting kept bare, wrappers dropped with their content kept, everything else shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PostRenderer, renderPostComplete } from '../../../src/core/render';
import { safeHtmlTag } from '../../../src/core/render/postHtml';

/** The rendered HTML with each KaTeX formula (markup of its own, tags included) as `[math TeX]`. */
async function render(text: string): Promise<string> {
  const { html } = await renderPostComplete(text);
  let out = '';
  let at = 0;
  for (let start = html.indexOf('<span class="katex">'); start >= 0; start = html.indexOf('<span class="katex">', at)) {
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(html.slice(start))?.[1] ?? '?';
    // Skip to the span that closes this one.
    let depth = 0;
    const spans = /<span\b|<\/span>/g;
    spans.lastIndex = start;
    for (let m = spans.exec(html); m; m = spans.exec(html)) {
      depth += m[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        out += `${html.slice(at, start)}[math ${tex}]`;
        at = spans.lastIndex;
        break;
      }
    }
  }
  return out + html.slice(at);
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
  assert.doesNotMatch(html, /<script|<img|<iframe|onerror=(?![^<]*&gt;)/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /&lt;iframe src=&quot;https:\/\/example.org&quot;&gt;/);
  assert.match(html, /<div class="post-html" data-line="4">&lt;T&gt;<\/div>/);
  assert.match(html, /泛型 &lt;T&gt; 与 &lt;x, y&gt;/);
});
