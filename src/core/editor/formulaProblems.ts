// What is wrong with a post's math, as offsets into the editor's text: references to labels that
// do not exist, labels defined twice, formulas KaTeX refuses (checked exactly as the preview renders
// them, through the engine's `renderSafely`), and html2text artefacts that have a mechanical fix.

import { renderSafely, type MathFailure } from '../render/katexCache';
import { isOnlyReferences } from '../render/referenceLinks';
import { html2textFixesIn } from './html2textFixes';
import { lineAt, type Formula, type PostAnalysis } from './postAnalysis';

export type ProblemCode = 'unknown-label' | 'duplicate-label' | 'katex' | 'html2text-artefact';

export interface FormulaProblem {
  code: ProblemCode;
  severity: 'error' | 'warning' | 'hint';
  message: string;
  start: number;
  end: number;
  /** Where the other half of the problem is (the first definition of a duplicated label). */
  related?: { start: number; end: number; message: string };
}

export function labelProblems(analysis: PostAnalysis): FormulaProblem[] {
  const problems: FormulaProblem[] = [];
  const defined = new Map<string, { nameStart: number; nameEnd: number }>();
  for (const site of analysis.definitions) {
    const first = defined.get(site.label);
    if (!first) {
      defined.set(site.label, site);
      continue;
    }
    problems.push({
      code: 'duplicate-label',
      severity: 'warning',
      message: `Label "${site.label}" is already defined on line ${lineAt(analysis.lineStarts, first.nameStart) + 1}; references go to the first.`,
      start: site.nameStart,
      end: site.nameEnd,
      related: { start: first.nameStart, end: first.nameEnd, message: 'first definition' },
    });
  }
  for (const site of analysis.references) {
    if (defined.has(site.label)) continue;
    problems.push({
      code: 'unknown-label',
      severity: 'warning',
      message: `No \\label{${site.label}} in this ${analysis.layout === 'post' ? 'post' : 'entry'}: the reference shows as (??).`,
      start: site.nameStart,
      end: site.nameEnd,
    });
  }
  return problems;
}

export function artefactProblems(analysis: PostAnalysis): FormulaProblem[] {
  return html2textFixesIn(analysis, 0, analysis.text.length).map((fix) => ({
    code: 'html2text-artefact' as const,
    severity: 'hint' as const,
    message: `html2text artefact: ${fix.title.replace(/^Replace /, '')}`,
    start: fix.start,
    end: fix.end,
  }));
}

/**
 * Remembers KaTeX verdicts across passes, so re-checking after an edit only runs the formulas that
 * changed. Posts that define macros are never cached: a verdict depends on what came before.
 */
export class KatexVerdicts {
  private readonly verdicts = new Map<string, MathFailure | null>();

  /**
   * Yields the problems formula by formula, so a caller can pause between formulas and keep the
   * extension host responsive.
   */
  *problems(analysis: PostAnalysis, userMacros: Readonly<Record<string, string>>): Generator<FormulaProblem | undefined> {
    const macros: Record<string, string> = { ...userMacros };
    const settingsKey = JSON.stringify(userMacros);
    const definesMacros = analysis.formulas.some((formula) => DEFINES_MACROS.test(formula.tex));
    let entry = -1;
    for (const formula of analysis.formulas) {
      if (formula.entry !== entry) {
        // Each digest entry renders on its own in the preview, macros included.
        entry = formula.entry;
        for (const name of Object.keys(macros)) delete macros[name];
        Object.assign(macros, userMacros);
      }
      // `$\eqref{a}$` becomes a link in the preview, never KaTeX.
      if (!formula.region.display && isOnlyReferences(formula.tex)) {
        yield undefined;
        continue;
      }
      const key = `${formula.region.display ? 'D' : 'I'}${settingsKey}\u0000${formula.katexTex}`;
      let failure = definesMacros ? undefined : this.verdicts.get(key);
      if (failure === undefined) {
        failure = renderSafely(formula.katexTex, formula.region.display, macros).failure ?? null;
        if (!definesMacros) this.remember(key, failure);
      }
      yield failure ? locate(analysis, formula, failure) : undefined;
    }
  }

  private remember(key: string, failure: MathFailure | null): void {
    this.verdicts.set(key, failure);
    if (this.verdicts.size > 20_000) this.verdicts.clear();
  }
}

const DEFINES_MACROS = /\\(?:newcommand|renewcommand|providecommand|def|gdef|let|DeclareMathOperator)(?![A-Za-z])/;

/**
 * KaTeX reports an offset into the TeX it was given (ours, rewritten); the text around it almost
 * always survives, so it is looked up in the source formula, as the engine does for the preview.
 */
function locate(analysis: PostAnalysis, formula: Formula, failure: MathFailure): FormulaProblem {
  const { region } = formula;
  const raw = analysis.text.slice(region.texStart, region.texEnd);
  let start = region.texStart;
  let length = Math.max(1, failure.length ?? 1);
  if (failure.position !== undefined) {
    const culprit = formula.katexTex.slice(failure.position, failure.position + length);
    const found = culprit.trim().length > 0 ? raw.indexOf(culprit) : -1;
    start = region.texStart + (found >= 0 ? found : Math.min(failure.position, raw.length));
  } else {
    length = region.texEnd - region.texStart;
  }
  return { code: 'katex', severity: 'error', message: `KaTeX: ${failure.message}`, start, end: Math.min(region.texEnd, start + length) };
}
