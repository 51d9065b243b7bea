// What is wrong with a post's math, as offsets into the editor's text: references to labels that
// do not exist, labels defined twice, formulas neither KaTeX nor MathJax takes (decided exactly as
// the preview decides: the engine's dialect pass, macro state and KatexCache with its MathJax
// fallback), and html2text artefacts that have a mechanical fix.

import { KatexCache, type MathFailure, type MathFallback } from '../render/katexCache';
import { MacroState } from '../render/macroState';
import { readDialect } from '../render/texDialect';
import { isOnlyReferences } from '../render/referenceLinks';
import { html2textFixesIn } from './html2textFixes';
import { lineAt, type Formula, type PostAnalysis } from './postAnalysis';
import { localizable, type Localizable } from '../l10n/localizable';

export type ProblemCode = 'unknown-label' | 'duplicate-label' | 'katex' | 'html2text-artefact';

export interface FormulaProblem {
  code: ProblemCode;
  severity: 'error' | 'warning' | 'hint';
  message: Localizable;
  start: number;
  end: number;
  /** Where the other half of the problem is (the first definition of a duplicated label). */
  related?: { start: number; end: number; message: Localizable };
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
      message: localizable('Label "{0}" is already defined on line {1}; references go to the first.', site.label, lineAt(analysis.lineStarts, first.nameStart) + 1),
      start: site.nameStart,
      end: site.nameEnd,
      related: { start: first.nameStart, end: first.nameEnd, message: localizable('first definition') },
    });
  }
  for (const site of analysis.references) {
    if (defined.has(site.label)) continue;
    problems.push({
      code: 'unknown-label',
      severity: 'warning',
      message: analysis.layout === 'post'
        ? localizable('No \\label named "{0}" in this post: the reference shows as (??).', site.label)
        : localizable('No \\label named "{0}" in this entry: the reference shows as (??).', site.label),
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
    message: fix.problem,
    start: fix.start,
    end: fix.end,
  }));
}

/**
 * Remembers verdicts across passes, so re-checking after an edit only runs the formulas that
 * changed. A verdict is keyed by the formula and the macro state before it, so posts that define
 * macros are cached too.
 */
export class KatexVerdicts {
  private readonly verdicts = new Map<string, MathFailure | null>();
  private readonly cache: KatexCache;
  /** Set by a pass that met a formula KaTeX refused while MathJax was loading: run it again after `fallbackReady()`. */
  pending = false;

  constructor(fallback?: MathFallback) {
    this.cache = new KatexCache({ fallback });
  }

  fallbackReady(): Promise<void> {
    return this.cache.fallbackReady();
  }

  /**
   * Yields the problems formula by formula, so a caller can pause between formulas and keep the
   * extension host responsive.
   */
  *problems(analysis: PostAnalysis, userMacros: Readonly<Record<string, string>>): Generator<FormulaProblem | undefined> {
    let macros = new MacroState(userMacros);
    this.pending = false;
    let entry = -1;
    for (const formula of analysis.formulas) {
      if (formula.entry !== entry) {
        // Each digest entry renders on its own in the preview, macros included.
        entry = formula.entry;
        macros = new MacroState(userMacros);
      }
      const display = formula.region.display;
      const { tex, definitions } = readDialect(formula.katexTex, display);
      for (const definition of definitions) macros.define(definition);
      // `$\eqref{a}$` becomes a link in the preview, never KaTeX.
      if (!display && isOnlyReferences(formula.tex)) {
        yield undefined;
        continue;
      }
      const key = `${display ? 'D' : 'I'}${macros.key}\u0000${tex}`;
      let failure = this.verdicts.get(key);
      if (failure === undefined) {
        const outcome = this.cache.render(tex, display, macros);
        this.cache.endRound();
        if (outcome.pending) {
          this.pending = true;
          yield undefined;
          continue;
        }
        failure = outcome.failure ?? null;
        this.remember(key, failure);
      }
      yield failure ? locate(analysis, formula, failure, tex) : undefined;
    }
  }

  private remember(key: string, failure: MathFailure | null): void {
    this.verdicts.set(key, failure);
    if (this.verdicts.size > 20_000) this.verdicts.clear();
  }
}

/**
 * KaTeX reports an offset into the TeX it was given (ours, rewritten); the text around it almost
 * always survives, so it is looked up in the source formula, as the engine does for the preview.
 */
function locate(analysis: PostAnalysis, formula: Formula, failure: MathFailure, katexTex: string): FormulaProblem {
  const { region } = formula;
  const raw = analysis.text.slice(region.texStart, region.texEnd);
  let start = region.texStart;
  let length = Math.max(1, failure.length ?? 1);
  if (failure.position !== undefined) {
    const culprit = katexTex.slice(failure.position, failure.position + length);
    const found = culprit.trim().length > 0 ? raw.indexOf(culprit) : -1;
    start = region.texStart + (found >= 0 ? found : Math.min(failure.position, raw.length));
  } else {
    length = region.texEnd - region.texStart;
  }
  // The engines' own messages stay in English; only the frame around them is translated.
  const message = failure.mathJaxMessage === undefined ? localizable('KaTeX: {0}', failure.message) : localizable('KaTeX: {0}\nMathJax: {1}', failure.message, failure.mathJaxMessage);
  return { code: 'katex', severity: 'error', message, start, end: Math.min(region.texEnd, start + length) };
}
