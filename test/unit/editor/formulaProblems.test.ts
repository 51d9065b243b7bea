import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { artefactProblems, KatexVerdicts, labelProblems } from '../../../src/core/editor/formulaProblems';
import { html2textFixesIn } from '../../../src/core/editor/html2textFixes';
import { analysePost } from '../../../src/core/editor/postAnalysis';
import { renderPostComplete } from '../../../src/core/render/index';
import { sharedMathJax } from '../../../src/core/render/mathJax';
import { corpusFiles, corpusTest, fixture, offsetOf } from './files';
import { englishText } from '../../../src/core/l10n/localizable';

const collect = (text: string, macros: Record<string, string> = {}) => {
  const analysis = analysePost(text);
  return [...new KatexVerdicts().problems(analysis, macros)].filter((problem) => problem !== undefined);
};

describe('label problems', () => {
  const text = fixture('post.md');
  const problems = labelProblems(analysePost(text));

  test('an unknown label is reported on its name', () => {
    const unknown = problems.filter((problem) => problem.code === 'unknown-label');
    assert.equal(unknown.length, 1);
    assert.equal(text.slice(unknown[0].start, unknown[0].end), 'eq:missing');
  });

  test('a duplicate label is reported on the second definition, pointing at the first', () => {
    const duplicate = problems.filter((problem) => problem.code === 'duplicate-label');
    assert.equal(duplicate.length, 1);
    assert.equal(duplicate[0].start, offsetOf(text, 'eq:ode}', 0, 2));
    assert.equal(duplicate[0].related?.start, offsetOf(text, 'eq:ode}'));
    assert.match(englishText(duplicate[0].message), /line 16/);
  });
});

describe('KaTeX problems', () => {
  test('a broken formula is reported where KaTeX stopped, with KaTeX’s message', () => {
    const text = fixture('post.md');
    const problems = collect(text);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].code, 'katex');
    assert.match(englishText(problems[0].message), /^KaTeX: .*expected '}'/);
    const broken = offsetOf(text, '\\frac{1}{2');
    assert.ok(problems[0].start >= broken && problems[0].start < broken + 60, `at ${problems[0].start}, formula at ${broken}`);
  });

  test('macros from the settings and from the post are honoured, in order', () => {
    assert.equal(collect('$\\RR^n$').length, 1, 'unknown without the setting');
    assert.equal(collect('$\\RR^n$', { '\\RR': '\\mathbb{R}' }).length, 0);
    assert.equal(collect('$\\newcommand{\\V}{\\mathbf{v}}$ and $\\V$').length, 0);
    assert.equal(collect('$\\V$ and $\\newcommand{\\V}{\\mathbf{v}}$').length, 1, 'used before it is defined');
  });

  test('html2text artefacts are not KaTeX errors (the engine repairs them) but are offered as fixes', () => {
    const text = 'a\n\\begin{align}x \\\\\\ y \\left\\\\{ z \\right.\\end{align}\n';
    assert.equal(collect(text).length, 0);
    const analysis = analysePost(text);
    const fixes = html2textFixesIn(analysis, 0, text.length);
    assert.deepEqual(fixes.map((fix) => [text.slice(fix.start, fix.end), fix.replacement]), [
      ['\\\\\\', '\\\\'],
      ['\\left\\\\{', '\\left\\{'],
    ]);
    // The hint and the quick fix say what is found and what was meant, in words the host translates.
    assert.deepEqual(artefactProblems(analysis).map((problem) => englishText(problem.message)), [
      'html2text artefact: `\\\\\\` where the row break `\\\\` was meant',
      'html2text artefact: `\\left\\\\{` where `\\left\\{` was meant',
    ]);
    assert.deepEqual(fixes.map((fix) => englishText(fix.title)), ['Replace html2text’s `\\\\\\` with the row break `\\\\`', 'Replace html2text’s `\\left\\\\{` with `\\left\\{`']);
    let repaired = text;
    for (const fix of [...fixes].reverse()) repaired = repaired.slice(0, fix.start) + fix.replacement + repaired.slice(fix.end);
    assert.equal(html2textFixesIn(analysePost(repaired), 0, repaired.length).length, 0, 'fixing removes the artefacts');
    assert.equal(collect(repaired).length, 0, 'and the repaired TeX still renders');
  });
});

describe('problems on the corpus', () => {
  // One decision on both sides: the dialect pass, KaTeX, then MathJax (a bare table of Transformer升级之路 2
  // holds `\textbf{66.07%}`, which KaTeX reads as a comment and MathJax as text: no error on the blog).
  corpusTest('no unknown or duplicate labels; formula errors are exactly those the preview reports', async () => {
    for (const { name, text } of corpusFiles('posts')) {
      const analysis = analysePost(text);
      assert.deepEqual(labelProblems(analysis), [], name);
      const verdicts = new KatexVerdicts(sharedMathJax());
      let problems = [...verdicts.problems(analysis, {})];
      if (verdicts.pending) {
        // KaTeX refused some formulas while MathJax loaded: they are not problems until MathJax says so.
        await verdicts.fallbackReady();
        problems = [...verdicts.problems(analysis, {})];
      }
      const katex = problems.filter((problem) => problem !== undefined);
      assert.equal(verdicts.pending, false);
      const engine = (await renderPostComplete(text)).errors;
      assert.equal(katex.length, engine.length, `${name}: ${JSON.stringify(katex.map((problem) => englishText(problem.message)))} vs ${JSON.stringify(engine.map((error) => error.message))}`);
      const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
      assert.deepEqual(katex.map((problem) => lineOf(problem.start)), engine.map((error) => error.line), `${name}: same lines`);
    }
  });
});
