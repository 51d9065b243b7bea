import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  analysePost,
  documentMacrosBefore,
  firstDefinition,
  formulaAt,
  labelSiteAt,
  labelledFormula,
} from '../../../src/core/editor/postAnalysis';
import { renderPost } from '../../../src/core/render/index';
import { corpusFiles, corpusTest, fixture, offsetOf } from './files';

describe('analysePost on the fixture post', () => {
  const text = fixture('post.md');
  const analysis = analysePost(text);

  test('numbers displays like AMS: equation, labelled align row, starred and \\nonumber rows skipped', () => {
    assert.equal(analysis.layout, 'post');
    assert.equal(analysis.frontMatterLines, 7);
    assert.equal(analysis.numbers.get('eq:ode'), '1', 'first definition wins');
    assert.equal(analysis.numbers.get('eq:solution'), '2');
    assert.equal(analysis.numbers.get('eq:bilinear'), '3');
    assert.equal(analysis.numbers.get('eq:broken'), '4');
    const numbered = analysis.formulas.filter((formula) => formula.numbers.length > 0).map((formula) => formula.numbers.join(','));
    assert.deepEqual(numbered, ['1', '2', '3', '4', '5']);
  });

  test('label sites carry the offsets of the name itself', () => {
    const site = firstDefinition(analysis, 'eq:solution');
    assert.ok(site);
    assert.equal(text.slice(site.nameStart, site.nameEnd), 'eq:solution');
    assert.equal(text.slice(site.commandStart, site.commandEnd), '\\label{eq:solution}');
    assert.deepEqual(
      analysis.references.map((reference) => `${reference.kind}:${reference.label}`),
      ['eqref:eq:ode', 'eqref:eq:bilinear', 'eqref:eq:missing', 'ref:eq:solution'],
    );
    for (const reference of analysis.references) assert.equal(text.slice(reference.nameStart, reference.nameEnd), reference.label);
  });

  test('labelSiteAt tells a reference from a definition, anywhere on the command', () => {
    const onReference = labelSiteAt(analysis, offsetOf(text, '\\eqref{eq:ode}', 1));
    assert.equal(onReference?.isDefinition, false);
    assert.equal(onReference?.site.label, 'eq:ode');
    const onDefinition = labelSiteAt(analysis, offsetOf(text, 'eq:bilinear}', 3));
    assert.equal(onDefinition?.isDefinition, true);
    assert.equal(labelSiteAt(analysis, offsetOf(text, 'Ax(t)+Bu(t)')), undefined);
  });

  test('the TeX to render has no \\label or \\tag, starred environments, and references as numbers', () => {
    const ode = labelledFormula(analysis, 'eq:ode');
    assert.ok(ode);
    assert.equal(ode.renderTex, "\\begin{equation*}x'(t) = Ax(t)+Bu(t)\\end{equation*}");
    const align = labelledFormula(analysis, 'eq:bilinear');
    assert.ok(align?.renderTex.startsWith('\\begin{align*}'));
    assert.ok(!align?.renderTex.includes('\\label') && !align?.renderTex.includes('\\tag'));
    assert.ok(!align?.renderTex.includes('\\\\\\'), 'html2text `\\\\\\` repaired to `\\\\`');
    const inline = formulaAt(analysis, offsetOf(text, '\\ref{eq:solution}'));
    assert.equal(inline?.renderTex, '\\text{2}');
  });

  test('formulaAt finds inline and display formulas, and nothing in prose', () => {
    assert.equal(formulaAt(analysis, offsetOf(text, 'A\\in\\mathbb'))?.region.delimiter, 'dollar');
    assert.equal(formulaAt(analysis, offsetOf(text, '\\sum_{k=0}'))?.region.delimiter, 'double-dollar');
    assert.equal(formulaAt(analysis, offsetOf(text, 'y^2'))?.region.delimiter, 'paren');
    assert.equal(formulaAt(analysis, offsetOf(text, '两种格式')), undefined);
  });
});

describe('analysePost on digests', () => {
  test('restarts numbering in every entry, as the preview does', () => {
    const analysis = analysePost(fixture('digest-undated.txt'));
    assert.equal(analysis.layout, 'digest-undated');
    assert.equal(analysis.digestEntries.length, 2);
    assert.deepEqual(
      analysis.formulas.filter((formula) => formula.numbers.length > 0).map((formula) => [formula.entry, formula.numbers[0]]),
      [[0, '1'], [1, '1']],
    );
    assert.equal(analysis.references.length, 1);
    assert.equal(analysis.numbers.get('eq:trace'), '1');
  });

  test('reads the dated layout', () => {
    const analysis = analysePost(fixture('digest-dated.txt'));
    assert.equal(analysis.layout, 'digest-dated');
    assert.deepEqual(analysis.digestEntries.map((entry) => entry.date), ['2026-02-03', '2026-03-04']);
    assert.equal(analysis.formulas.filter((formula) => formula.region.display).length, 2);
  });
});

describe('documentMacrosBefore', () => {
  test('collects definitions made earlier in the post, not later ones', () => {
    const text = '$\\newcommand{\\R}{\\mathbb{R}}$ then $\\R^n$ and $\\def\\x{y}$ last $\\x$';
    const analysis = analysePost(text);
    const beforeR = documentMacrosBefore(analysis, offsetOf(text, '\\R^n'));
    assert.deepEqual(Object.keys(beforeR), ['R']);
    assert.deepEqual(Object.keys(documentMacrosBefore(analysis, offsetOf(text, '$\\x$') + 1)).sort(), ['R', 'x']);
  });
});

describe('analysePost on the corpus', () => {
  corpusTest('every label number matches the engine and every reference resolves', () => {
    let labels = 0;
    for (const { name, text } of corpusFiles('posts')) {
      const analysis = analysePost(text);
      const engine = renderPost(text);
      for (const [label, number] of analysis.numbers) {
        const equation = engine.equations.find((candidate) => candidate.label === label);
        if (equation) assert.equal(number, equation.number, `${name}: ${label}`);
        labels++;
      }
      assert.equal(analysis.references.length, engine.eqrefs.length, `${name}: as many references as the engine`);
      for (const reference of analysis.references) {
        assert.ok(firstDefinition(analysis, reference.label), `${name}: ${reference.label} is defined`);
        assert.equal(text.slice(reference.nameStart, reference.nameEnd), reference.label);
      }
    }
    assert.ok(labels >= 40, `the corpus posts define many labels (${labels})`);
  });

  corpusTest('digests are recognised with per-entry numbering', () => {
    for (const { name, text } of corpusFiles('digests')) {
      const analysis = analysePost(text);
      assert.notEqual(analysis.layout, 'post', name);
      assert.ok(analysis.digestEntries.length > 1, name);
      assert.ok(analysis.formulas.length > 0, `${name} has math`);
    }
  });
});
