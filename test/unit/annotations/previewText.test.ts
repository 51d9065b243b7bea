// The preview's annotation mapping (core/annotations/previewText.ts) on posts rendered by the real
// renderer and real KaTeX: a note on source words is found in the page's text, and words selected in
// the page (formulas taken whole, as the page's TeX units) lead back to exactly those source offsets.
// The page's text of each block is read from the rendered HTML the way the page reads its DOM
// (annotationText.ts): text as shown, each formula element one unit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noteHtml } from '../../../src/core/annotations/noteHtml';
import { parsePreviewLink, previewLink } from '../../../src/core/annotations/previewLink';
import { analysisOf, FORMULA, findLoose, pageQuoteOf, projectPageText, readableQuote, sourceRangeOfSelection } from '../../../src/core/annotations/previewText';
import { PostRenderer } from '../../../src/core/render';
import { corpusDir, corpusPresent, fixturePost, repoRoot } from './helpers';

const FORMULA_CLASS = /class="[^"]*\b(?:math-display|katex|math-mathjax|math-pending|katex-error|eqref-group)\b/;
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col', 'area', 'base', 'embed', 'source', 'track', 'wbr']);

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x([0-9a-f]+)|#(\d+));/gi, (_, name: string, hex?: string, dec?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" } as Record<string, string>)[name.toLowerCase()],
  );
}

/** The page's top-level blocks: their data-line and their text as the page reads it. */
function pageBlocks(html: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  let depth = 0;
  let formulaDepth = -1;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>|([^<]+)/g)) {
    const current = blocks[blocks.length - 1];
    if (m[5] !== undefined) {
      if (formulaDepth < 0 && current && depth > 0) current.text += decode(m[5]);
      continue;
    }
    const [, closing, name, attrs, selfClosing] = m;
    if (closing) {
      depth--;
      if (depth === formulaDepth) formulaDepth = -1;
      continue;
    }
    const line = /data-line="(\d+)"/.exec(attrs);
    if (depth === 0 && line) blocks.push({ line: Number(line[1]), text: '' });
    if (formulaDepth < 0 && FORMULA_CLASS.test(attrs)) {
      blocks[blocks.length - 1].text += FORMULA;
      formulaDepth = depth;
    }
    if (!selfClosing && !VOID.has(name.toLowerCase())) depth++;
  }
  return blocks;
}

function rendered(text: string): { line: number; text: string }[] {
  return pageBlocks(new PostRenderer({ fallback: false }).render(text).html);
}

/** The page's blocks that hold source lines [line, endLine], as the page picks them. */
function blocksFor(blocks: { line: number; text: string }[], line: number, endLine: number): { line: number; text: string }[] {
  let first = 0;
  let last = -1;
  blocks.forEach((b, i) => {
    if (b.line <= line) first = i;
    if (b.line <= endLine) last = i;
  });
  return blocks.slice(first, last + 1);
}

/** Draws source [start, end) the way the page does, and selects what was drawn the way a reader does. */
function roundTrip(text: string, blocks: { line: number; text: string }[], start: number, end: number): { drawn: string; back?: { start: number; end: number } } {
  const quote = pageQuoteOf(text, start, end);
  const span = blocksFor(blocks, quote.line, quote.endLine);
  const joined = span.map((b) => b.text).join('\n');
  const loose = projectPageText(joined);
  const hit = findLoose(loose.text, quote);
  assert.ok(hit, `the page finds ${JSON.stringify(text.slice(start, end))}`);
  const from = loose.starts[hit.start];
  const to = loose.ends[hit.end - 1];
  // Which block the page selection starts in, and the text before it there.
  let offset = 0;
  let index = 0;
  while (index < span.length - 1 && offset + span[index].text.length < from) offset += span[index++].text.length + 1;
  const endIndex = blocks.indexOf(span[span.length - 1]);
  const selection = {
    fromLine: span[index].line,
    ...(blocks[endIndex + 1] ? { toLine: blocks[endIndex + 1].line } : {}),
    prefix: span[index].text.slice(0, from - offset),
    quote: joined.slice(from, to),
  };
  return { drawn: loose.text.slice(hit.start, hit.end), back: sourceRangeOfSelection(text, selection) };
}

test('words with inline formulas: drawn in the page and selected back to the same source offsets', () => {
  const text = fixturePost();
  const blocks = rendered(text);
  const cases = ['它的伪逆记为$A^+$，是满足四个Penrose方程', '设$A=U\\Sigma V^{\\top}$，那么$A^+=V\\Sigma^+U^{\\top}$', '只要初值选得足够小', '并用$\\eqref{eq:limit}$检验结果', '用SVD计算'];
  for (const words of cases) {
    const start = text.indexOf(words);
    assert.ok(start > 0, words);
    const { drawn, back } = roundTrip(text, blocks, start, start + words.length);
    assert.equal(drawn, pageQuoteOf(text, start, start + words.length).quote);
    assert.equal((drawn.match(/\uFFFC/g) ?? []).length, (words.match(/\$/g) ?? []).length / 2, `one unit per formula in ${words}`);
    assert.deepEqual(back, { start, end: start + words.length }, words);
  }
});

test('a display equation is one unit: selected whole, it maps to its whole source region (label included)', () => {
  const text = fixturePost();
  const blocks = rendered(text);
  const displays = analysisOf(text).formulas.filter((f) => f.region.display);
  assert.equal(displays.length, 2);
  for (const { region } of displays) {
    const { drawn, back } = roundTrip(text, blocks, region.start, region.end);
    assert.equal(drawn, FORMULA);
    assert.deepEqual(back, { start: region.start, end: region.end });
  }
});

test('a note on part of a formula is drawn on the whole formula', () => {
  const text = fixturePost();
  const inside = text.indexOf('\\Vert AX-I\\Vert') + 1;
  const quote = pageQuoteOf(text, inside, inside + 4);
  assert.equal(quote.quote, FORMULA);
  assert.ok(quote.prefix.endsWith('最小二乘：在所有使'), quote.prefix);
  assert.ok(quote.suffix.startsWith('最小的'), quote.suffix);
});

test('the same words twice in a block: the selection maps to the occurrence the reader selected', () => {
  const text = ['---', 'title: 两次', '---', '', '伪逆很好用，伪逆也很好算，$x$和伪逆。', ''].join('\n');
  const blocks = rendered(text);
  const second = text.indexOf('伪逆', text.indexOf('伪逆') + 1);
  assert.deepEqual(roundTrip(text, blocks, second, second + 2).back, { start: second, end: second + 2 });
  const third = text.lastIndexOf('伪逆');
  assert.deepEqual(roundTrip(text, blocks, third, third + 2).back, { start: third, end: third + 2 });
});

test('Markdown markers, links and list markers are not part of what is matched', () => {
  const text = ['---', 'title: 标记', '---', '', '- 第一项**加粗**的话', '- 第二项有[链接文字](https://example.org/a)和$y$', '', '## 小节 #', ''].join('\n');
  const blocks = rendered(text);
  for (const words of ['第一项**加粗**的话', '有[链接文字](https://example.org/a)和$y$', '小节']) {
    const start = text.indexOf(words);
    assert.deepEqual(roundTrip(text, blocks, start, start + words.length).back, { start, end: start + words.length }, words);
  }
});

test('every display equation of the corpus posts maps back to its source region', { skip: !corpusPresent && 'no corpus' }, () => {
  let count = 0;
  for (const name of readdirSync(join(corpusDir, 'posts')).filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(join(corpusDir, 'posts', name), 'utf8');
    const blocks = rendered(text);
    for (const { region } of analysisOf(text).formulas.filter((f) => f.region.display)) {
      const { back } = roundTrip(text, blocks, region.start, region.end);
      assert.deepEqual(back, { start: region.start, end: region.end }, `${name}: ${text.slice(region.start, region.start + 60)}`);
      count++;
    }
  }
  assert.ok(count > 100, `${count} displays`);
});

test('a note is escaped text and KaTeX output only', () => {
  const html = noteHtml('见 $x^2$ 与 <script>alert(1)</script>\n\n$$\\href{javascript:alert(1)}{y}$$ & \\(z\\)');
  assert.match(html, /<span class="katex">/);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script'));
  // trust:false: \href is refused, no javascript: link is made.
  assert.ok(!/href="javascript/i.test(html), html);
  assert.match(html, /annotation encoding="application\/x-tex">x\^2</);
  assert.match(html, /annotation encoding="application\/x-tex">z</);
  assert.match(html, /&amp;/);
});

test('the preview draws highlights in the editor highlight colours', () => {
  const css = readFileSync(join(repoRoot(), 'media', 'annotations.css'), 'utf8');
  const editor = readFileSync(join(repoRoot(), 'src', 'notes', 'noteHighlights.ts'), 'utf8');
  const colours = [...editor.matchAll(/(\w+): '(rgba\([^)]*\))'/g)];
  assert.ok(colours.length >= 4);
  for (const [, name, rgba] of colours) assert.ok(css.includes(`.kx-color-${name} { --kx-hl: ${rgba};`), `${name} ${rgba}`);
});

test('the notes list shows a quote with formulas as TeX and a numbered display as its number', () => {
  const text = fixturePost();
  const words = '它的伪逆记为$A^+$，是满足';
  const start = text.indexOf(words);
  assert.equal(readableQuote(text, start, start + words.length), '它的伪逆记为A^+，是满足');
  const display = analysisOf(text).formulas.find((f) => f.region.display);
  assert.ok(display);
  assert.equal(readableQuote(text, display.region.start, display.region.end), '(1)');
});

test('a copied link names the post file and line, and reads back the same (Chinese path, spaces)', () => {
  const file = '/home/读者/科学 空间/矩阵漫谈二幂迭代与最大奇异值.md';
  const link = previewLink('vscode', 'kexue-reader.kexue-reader', file, 22);
  assert.match(link, /^vscode:\/\/kexue-reader\.kexue-reader\/preview\?file=%2Fhome%2F/);
  const url = new URL(link);
  assert.deepEqual(parsePreviewLink({ path: url.pathname, query: url.search.slice(1) }), { file, line: 22 });
  assert.equal(parsePreviewLink({ path: '/other', query: 'file=x&line=1' }), undefined);
  assert.equal(parsePreviewLink({ path: '/preview', query: 'file=x&line=-3' }), undefined);
});
