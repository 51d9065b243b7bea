// 禁则 beside formulas: a short inline formula keeps the punctuation after it (and the bracket before
// it) on its line, so "，" never starts a line after "$U$".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPostComplete } from '../../../src/core/render';

/** The rendered HTML with each KaTeX formula as `[TeX]`. */
async function shape(text: string): Promise<string> {
  const { html } = await renderPostComplete(text);
  const formulas = /<span class="katex">/g;
  let out = '';
  let at = 0;
  for (let m = formulas.exec(html); m; m = formulas.exec(html)) {
    let depth = 0;
    const spans = /<span\b|<\/span>/g;
    spans.lastIndex = m.index;
    let end = m.index;
    for (let s = spans.exec(html); s; s = spans.exec(html)) {
      depth += s[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        end = s.index + s[0].length;
        break;
      }
    }
    const tex = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(html.slice(m.index, end))?.[1] ?? '?';
    out += `${html.slice(at, m.index)}[${tex}]`;
    at = formulas.lastIndex = end;
  }
  return out + html.slice(at);
}

test('a short inline formula keeps the punctuation after it and the bracket before it', async () => {
  assert.equal(
    await shape('矩阵$U$，那么（$x$）与$a$，$b$。见《$y$》\n'),
    '<p data-line="0">矩阵<span class="kx-glue">[U]，</span>那么<span class="kx-glue">（[x]）</span>与<span class="kx-glue">[a]，</span><span class="kx-glue">[b]。</span>见<span class="kx-glue">《[y]》</span></p>\n',
  );
  // English punctuation and brackets too; a formula with nothing beside it is left as it is.
  assert.equal(await shape('see ($w$), and $v$ here\n'), '<p data-line="0">see <span class="kx-glue">([w])</span>, and [v] here</p>\n');
});

test('a long inline formula and a display stay free to break; the text around keeps every character', async () => {
  const long = '\\frac{a}{b}+c+d+e+f+g+h+i+j+k+l+m+n+o+p+q+r+s';
  const html = await shape(`和$${long}$，长 与 $$z$$，后\n`);
  assert.doesNotMatch(html, /kx-glue/);
  assert.match(html, new RegExp(`和\\[${long.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\]，长 与 `));
  assert.match(html, /<\/span>，后<\/p>/);
});
