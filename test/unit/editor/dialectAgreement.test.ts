// The preview, the Problems panel and the hover agree on which formulas of the MathJax dialect post
// are errors (one decision: the dialect pass, KaTeX, then MathJax): exactly the one neither engine takes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { KatexVerdicts } from '../../../src/core/editor/formulaProblems';
import { analysePost, documentMacrosBefore, lineAt } from '../../../src/core/editor/postAnalysis';
import { renderPostComplete } from '../../../src/core/render';
import { sharedMathJax } from '../../../src/core/render/mathJax';
import { MathJaxSvgRenderer } from '../../../src/editor/hoverMath/mathJaxSvg';
import { repoRoot } from '../render/support';
import { englishText } from '../../../src/core/l10n/localizable';

const text = readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'render', 'mathjax-dialect.md'), 'utf8');

test('preview, Problems panel and hover name the same formulas as errors', async () => {
  const preview = await renderPostComplete(text);
  const previewLines = preview.errors.map((error) => error.line);
  assert.deepEqual(previewLines, [44]);

  const analysis = analysePost(text);
  const verdicts = new KatexVerdicts(sharedMathJax());
  let problems = [...verdicts.problems(analysis, {})];
  if (verdicts.pending) {
    // KaTeX refused some formulas while MathJax loaded: they are not problems until MathJax says so.
    await verdicts.fallbackReady();
    problems = [...verdicts.problems(analysis, {})];
  }
  assert.equal(verdicts.pending, false);
  const found = problems.filter((problem) => problem !== undefined);
  assert.deepEqual(found.map((problem) => lineAt(analysis.lineStarts, problem.start) + 1), previewLines);
  assert.match(englishText(found[0].message), /^KaTeX: Undefined control sequence: \\undefinedcommand\nMathJax: /);

  const hover = new MathJaxSvgRenderer();
  await hover.ready();
  const hoverErrors = analysis.formulas
    .filter((formula) => 'error' in hover.renderNow(formula.renderTex, formula.region.display, documentMacrosBefore(analysis, formula.region.start)))
    .map((formula) => lineAt(analysis.lineStarts, formula.region.texStart) + 1);
  assert.deepEqual(hoverErrors, previewLines);
});
