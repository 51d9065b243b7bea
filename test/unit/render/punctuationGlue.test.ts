// 禁则 beside formulas: a short inline formula keeps the punctuation after it (and the bracket before
// it) on its line, so "，" never starts a line after "$U$".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete } from '../../../src/core/render';
import { formulasAsText } from './support';

/** The rendered HTML with each KaTeX formula as `[math TeX]`. */
async function shape(text: string): Promise<string> {
  return formulasAsText((await renderPostComplete(text)).html);
}

test('a short inline formula keeps the punctuation after it and the bracket before it', async () => {
  assert.equal(
    await shape('矩阵$U$，那么（$x$）与$a$，$b$。见《$y$》\n'),
    '<p data-line="0">矩阵<span class="kx-glue">[math U]，</span>那么<span class="kx-glue">（[math x]）</span>与<span class="kx-glue">[math a]，</span><span class="kx-glue">[math b]。</span>见<span class="kx-glue">《[math y]》</span></p>\n',
  );
  // English punctuation and brackets too; a formula with nothing beside it is left as it is.
  assert.equal(await shape('see ($w$), and $v$ here\n'), '<p data-line="0">see <span class="kx-glue">([math w])</span>, and [math v] here</p>\n');
});

test('a long inline formula and a display stay free to break; the text around keeps every character', async () => {
  const long = '\\frac{a}{b}+c+d+e+f+g+h+i+j+k+l+m+n+o+p+q+r+s';
  const html = await shape(`和$${long}$，长 与 $$z$$，后\n`);
  assert.doesNotMatch(html, /kx-glue/);
  assert.match(html, new RegExp(`和\\[math ${long.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\]，长 与 `));
  assert.match(html, /<\/span>，后<\/p>/);
});
