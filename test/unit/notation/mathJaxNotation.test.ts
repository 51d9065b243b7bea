// The notation of formulas KaTeX refuses: read through the dialect pass (`\style`, `\bbox`, a
// backslash-less `\newcommand` in the formula itself) and, where KaTeX still refuses, from MathJax's
// parse tree — so `kexue symbols`, the Notation view and the editor hover (all postNotation with the
// MathJax fallback) count and define what the preview draws. Fixture: test/fixtures/notation/mathjax-definitions.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { definedSymbol, mathJaxFallback, mathJaxFormulas, mmlDefinedSymbol, parseTex, postMacros, postNotation, PreviewNotationBuilder } from '../../../src/core/notation';
import { MathJaxRenderer } from '../../../src/core/render/mathJax';
import { renderPostComplete } from '../../../src/core/render/postRenderer';
import { symbolsCommand } from '../../../src/cli/symbolsCommand';
import { repoRoot } from '../repoRoot';

const FIXTURE = path.join(repoRoot(), 'test', 'fixtures', 'notation', 'mathjax-definitions.md');
const STRINGS = { occurrences: '', occursOnce: '', goToDefinition: '', back: '', notDefined: '', definedIn: '', line: '', pinned: '', formulaSymbols: '' };

interface CliSymbol {
  tex: string;
  occurrences: number;
  definitions: { line: number; text: string; kind: string; source: string }[];
}

async function cliSymbols(): Promise<CliSymbol[]> {
  const out: string[] = [];
  const code = await symbolsCommand([FIXTURE, '--json'], { stdout: (text) => out.push(text), stderr: () => undefined });
  assert.equal(code, 0);
  return (JSON.parse(out.join('')) as { symbols: CliSymbol[] }).symbols;
}

test('kexue symbols finds definitions made inside formulas KaTeX refuses, and counts their symbols', async () => {
  const symbols = await cliSymbols();
  const defined = (tex: string) => symbols.find((s) => s.tex === tex)?.definitions.map((d) => [d.line, d.kind]);
  // \style{…}{G_t} = …, \bbox[…]{Q_t := …}, $\newcommand{msign}{…}O_t = \msign(Q_t)$: KaTeX after the dialect pass.
  assert.deepEqual(defined('\\boldsymbol{G}_t'), [[11, 'formula']]);
  assert.deepEqual(defined('\\boldsymbol{Q}_t'), [[14, 'formula']]);
  assert.deepEqual(defined('\\boldsymbol{O}_t'), [[16, 'formula']]);
  // An optional-argument macro: only MathJax reads it, and the definition inside it is found.
  assert.deepEqual(defined('\\boldsymbol{\\Phi}'), [[19, 'formula']]);
  assert.equal(symbols.find((s) => s.tex === '\\boldsymbol{\\Phi}')?.definitions[0].text, '\\boldsymbol{\\Phi} = \\norm[F]{\\boldsymbol{O}_t} + \\norm{\\boldsymbol{G}_t}');
  // A sentence pattern around a styled inline symbol.
  assert.deepEqual(defined('\\tau'), [[21, 'pattern']]);
  // G_t: its definition, Q_t's, and the MathJax-only formula.
  assert.equal(symbols.find((s) => s.tex === '\\boldsymbol{G}_t')?.occurrences, 3);
});

test('without MathJax the formula only it reads is missing: its definition and its occurrences', async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const alone = postNotation(text);
  const withFallback = postNotation(text, await mathJaxFallback());
  assert.deepEqual(alone.find((s) => s.tex === '\\boldsymbol{\\Phi}')?.definitions, []);
  assert.equal(withFallback.find((s) => s.tex === '\\boldsymbol{\\Phi}')?.definitions.length, 1);
  assert.equal(alone.find((s) => s.tex === '\\boldsymbol{G}_t')?.occurrences, 2);
  assert.equal(withFallback.find((s) => s.tex === '\\boldsymbol{G}_t')?.occurrences, 3);
});

test('the preview draws that formula with MathJax, and its symbol hover counts what kexue symbols counts', async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const result = await renderPostComplete(text);
  const drawn = mathJaxFormulas(result.html);
  assert.equal(drawn.length, 1, 'only the optional-argument macro goes to MathJax; the dialect forms are KaTeX');
  assert.deepEqual(drawn[0].symbols, ['\\boldsymbol{\\Phi}', '\\boldsymbol{O}_t', 'F', '\\boldsymbol{G}_t']);
  const cli = await cliSymbols();
  const notation = new PreviewNotationBuilder().build(result.html, postNotation(text, await mathJaxFallback()), postMacros(text), STRINGS, { fallbackCounted: true });
  for (const symbol of cli) {
    const shown = notation.symbols.find((s) => s.tex === symbol.tex);
    assert.ok(shown, symbol.tex);
    assert.equal(shown.occurrences, symbol.occurrences, symbol.tex);
    assert.deepEqual(shown.definitions.map((d) => d.line), symbol.definitions.map((d) => d.line), symbol.tex);
  }
});

test("MathJax's tree and KaTeX's agree on what a formula defines", async () => {
  const mathJax = new MathJaxRenderer();
  await mathJax.ready();
  const cases: [string, string | undefined][] = [
    ['X = Y + 1', 'X'],
    ['\\hat{x} := \\boldsymbol{W} x', '\\hat{x}'],
    ['\\boldsymbol{A}^{\\dagger} \\triangleq (\\boldsymbol{A}^{\\top}\\boldsymbol{A})^{-1}\\boldsymbol{A}^{\\top}', '\\boldsymbol{A}^{\\dagger}'],
    ['s \\equiv \\sqrt{d}', 's'],
    ['f(t) = t^2 + 1', 'f'],
    ['p(x|y) = \\frac{p(x,y)}{p(y)}', 'p'],
    ['p = 2', undefined],
    ['m = n', undefined],
    ['A^2 = B + C', undefined],
    ['f(a) - f(b) = c + d', undefined],
    ['x + y = z', undefined],
  ];
  for (const [tex, expected] of cases) {
    const parsed = mathJax.parseNow(tex, false, {}, '');
    assert.ok('tree' in parsed, tex);
    assert.equal(mmlDefinedSymbol(parsed.tree), expected, `MathJax: ${tex}`);
    const nodes = parseTex(tex);
    assert.ok(nodes, tex);
    assert.equal(definedSymbol(nodes, tex), expected, `KaTeX: ${tex}`);
  }
});
