// Symbols of formulas the MathJax fallback draws (KaTeX refused them): read from MathJax's own parse
// tree and marked on its SVG nodes, in the canonical TeX KaTeX's tree gives — checked against KaTeX on
// formulas both engines take (our list, and every formula of the shared corpus), and end to end on a
// fixture post whose formulas KaTeX rejects (`\displaylines` holding `\mathop{\text{argmin}}_\boldsymbol{B}`,
// a macro with an optional argument): the real renderer's HTML carries the marks and the notation
// sent to the preview lists each such formula's symbols under the TeX label the page reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { annotatedTex, decodeHtml, formulaSymbols, mathJaxFormulas, parseTex, postMacros, postNotation, PreviewNotationBuilder } from '../../../src/core/notation';
import { MathJaxRenderer } from '../../../src/core/render/mathJax';
import { PostRenderer, renderPostComplete } from '../../../src/core/render/postRenderer';
import { repoRoot } from '../repoRoot';

const STRINGS = { occurrences: '', occursOnce: '', goToDefinition: '', back: '', notDefined: '', definedIn: '', line: '', pinned: '', formulaSymbols: '' };

/** The symbols marked in MathJax's SVG of `tex`, one per occurrence, in order. */
async function mathJaxSymbols(renderer: MathJaxRenderer, tex: string): Promise<{ symbols: string[]; svg: string }> {
  const drawn = await renderer.render(tex, true, {}, '');
  assert.ok('svg' in drawn, `MathJax draws ${tex}`);
  const [formula] = mathJaxFormulas(`<span class="math-mathjax" data-tex="x">${drawn.svg}</span>`);
  return { symbols: formula.symbols, svg: drawn.svg };
}

function katexSymbols(tex: string): string[] {
  const nodes = parseTex(tex, {}, true);
  assert.ok(nodes, `KaTeX reads ${tex}`);
  return formulaSymbols(nodes, tex);
}

const sorted = (list: readonly string[]): string[] => [...list].sort();

test('MathJax tree → the same canonical symbols as KaTeX tree (fonts, accents, subscripts, naming superscripts, capital Greek)', async () => {
  const renderer = new MathJaxRenderer();
  const forms = [
    '\\boldsymbol{M}_t + \\hat{x}_{t+1} + \\mathcal{L} + L_{avg}^2 + \\alpha + A^{\\dagger} + \\text{loss}',
    '\\boldsymbol{\\Lambda} + \\mathbf{W} + \\Sigma_k + \\boldsymbol{\\mathcal{R}}_m + \\mathbb{R}^{n\\times m} + \\mathfrak{g} + \\mathsf{A}',
    "f'(x) + A^* + x^{(k)} + \\mathrm{d}x + \\operatorname{diag}(x) + \\Phi_{0\\to T} + E_{k,l} + \\epsilon_{\\text{rel},F} + x_{\\max}",
    '\\bar{\\boldsymbol{A}} + \\tilde{y} + \\vec{v} + \\dot{x} + \\varepsilon + \\epsilon + \\phi + \\varphi + \\sigma_{k+1}^2 + \\boldsymbol{x}_{\\text{MN}}',
  ];
  for (const tex of forms) assert.deepEqual(sorted((await mathJaxSymbols(renderer, tex)).symbols), sorted(katexSymbols(tex)), tex);
});

test('a power is not part of the symbol: x_t^2 marks the base and the subscript (one occurrence), not the whole', async () => {
  const { symbols, svg } = await mathJaxSymbols(new MathJaxRenderer(), 'x_t^{y} + W');
  assert.deepEqual(symbols, ['x_t', 'y', 'W']);
  // Two nodes for x_t (base, subscript) under one occurrence number; the msubsup itself unmarked.
  assert.equal((svg.match(/data-kx-n="0"/g) ?? []).length, 2);
  assert.doesNotMatch(svg, /data-mml-node="msubsup"[^>]*data-kx-symbol/);
  assert.equal((svg.match(/data-kx-n="1"/g) ?? []).length, 1);
});

test('a post whose formulas KaTeX rejects: the fallback SVG carries the marks, the preview notation lists their symbols', async () => {
  const text = readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'notation', 'mathjax-fallback.md'), 'utf8');
  const result = await renderPostComplete(text);
  assert.equal(result.stats.fallbacks, 2, 'the \\displaylines formula and the optional-argument macro go to MathJax');
  const drawn = mathJaxFormulas(result.html);
  assert.equal(drawn.length, 2);
  const [argmin, norm] = drawn;
  assert.match(argmin.tex, /^\\displaylines\{\\boldsymbol\{A\}\^\{\\dagger\} = /);
  assert.deepEqual(argmin.symbols, ['\\boldsymbol{A}^{\\dagger}', '\\epsilon', '\\boldsymbol{B}', '\\boldsymbol{A}', '\\boldsymbol{B}', '\\boldsymbol{I}', 'F', '\\epsilon', '\\boldsymbol{B}', 'F', '\\hat{\\boldsymbol{y}}_t', '\\boldsymbol{W}_k', 'x_t']);
  assert.deepEqual(norm.symbols, ['x_t', '\\boldsymbol{W}_k', 'F']);
  const symbols = postNotation(text);
  const notation = new PreviewNotationBuilder().build(result.html, symbols, postMacros(text), STRINGS);
  // The page looks a formula up by its span's data-tex (the DOM decodes it): the same key.
  const label = /<span class="math-mathjax[^"]*" data-tex="([^"]*)"/.exec(result.html);
  assert.ok(label);
  const list = notation.formulas[decodeHtml(label[1])];
  assert.ok(list, 'the MathJax formula is listed under its label');
  assert.deepEqual(list.map((i) => notation.symbols[i].tex), argmin.symbols);
  // A symbol found in a KaTeX formula keeps its entry (one symbol, one definition list, wherever drawn) …
  const pinv = notation.symbols.findIndex((s) => s.tex === '\\boldsymbol{A}^{\\dagger}');
  assert.equal(list[0], pinv);
  assert.deepEqual(notation.symbols[pinv].definitions.map((d) => [d.line, d.kind]), [[14, 'formula']]);
  // … and one only MathJax drew is added, drawn by KaTeX for the popup, counted where MathJax drew it.
  const yHat = notation.symbols.find((s) => s.tex === '\\hat{\\boldsymbol{y}}_t');
  assert.ok(yHat);
  assert.equal(yHat.occurrences, 1);
  // The post's count (KaTeX formulas) plus the occurrences in the formula KaTeX refuses.
  assert.equal(notation.symbols[pinv].occurrences, (symbols.find((s) => s.tex === '\\boldsymbol{A}^{\\dagger}')?.occurrences ?? 0) + 1);
  assert.match(yHat.html, /class="katex"/);
  // KaTeX formulas are untouched: no marks in their HTML, and their annotations are still the keys.
  for (const tex of annotatedTex(result.html)) assert.ok(notation.formulas[tex], tex);
  assert.equal((result.html.match(/data-kx-symbol/g) ?? []).length, (result.html.match(/class="math-mathjax[\s\S]*?<\/svg>/g) ?? []).join('').match(/data-kx-symbol/g)?.length);
});

const corpusPosts = path.join(repoRoot(), '..', 'shared', 'corpus', 'posts');

// Every 4th distinct formula (MathJax takes ≈ 20 ms a display on this machine; all 2,848 agree at 99.79 %).
test('on the shared corpus, MathJax and KaTeX find the same symbols in ≥ 99.5 % of the formulas both draw (every 4th formula)', { skip: !existsSync(corpusPosts) && 'no shared corpus' }, async () => {
  const renderer = new MathJaxRenderer();
  await renderer.ready();
  let same = 0;
  let total = 0;
  const differ: string[] = [];
  for (const name of readdirSync(corpusPosts).filter((f) => f.endsWith('.md'))) {
    const html = new PostRenderer({ fallback: false }).render(readFileSync(path.join(corpusPosts, name), 'utf8')).html;
    for (const [k, annotated] of [...new Set(annotatedTex(html))].entries()) {
      if (k % 4 !== 0) continue;
      const tex = annotated.replace(/\\(?:label|tag\*?)\s*\{[^{}]*\}/g, ' ').replace(/\\(?:nonumber|notag)(?![A-Za-z])/g, ' ');
      const nodes = parseTex(tex, {}, true);
      const drawn = renderer.renderNow(tex, true, {}, '');
      if (!nodes || !('svg' in drawn)) continue;
      total++;
      const fromMathJax = mathJaxFormulas(`<span class="math-mathjax" data-tex="x">${drawn.svg}</span>`)[0].symbols;
      if (JSON.stringify(sorted(fromMathJax)) === JSON.stringify(sorted(formulaSymbols(nodes, tex)))) same++;
      else differ.push(`${tex.slice(0, 60)} K ${sorted(formulaSymbols(nodes, tex)).join(" ")} M ${sorted(fromMathJax).join(" ")}`);
    }
  }
  console.log(`MathJax vs KaTeX symbols on the corpus: ${same}/${total} formulas agree (${((100 * same) / total).toFixed(2)} %); differ e.g. ${JSON.stringify(differ.slice(0, 3))}`);
  assert.ok(total > 600, `${total} formulas compared`);
  assert.ok(same / total >= 0.995, `${same}/${total}`);
});
