// The one Markdown escaper: rendered by markdown-it, escaped text reads exactly as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../../../src/core/text/escapeMarkdown';

const md = new MarkdownIt({ html: false });

test('every Markdown construct in the text shows as written', () => {
  const samples = [
    '**bold** _it_ `code` [link](http://x) ![img](y)',
    '# not a heading',
    '1. not a list',
    '- not a list',
    '| a | b |',
    '<b>not html</b> & &amp;',
    '$(info) theme icon and $x$ math',
    'a\\b ~~strike~~ {braces} +plus!',
  ];
  for (const text of samples) {
    const html = md.renderInline(escapeMarkdown(text));
    const shown = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(shown, text, text);
  }
});
