// The two passes over a document's math: number every display (cheap, always redone so numbers
// follow edits), then render every formula through the KaTeX cache with references resolved.
//
// Parsed tokens survive an edit when their block did not change, so everything derived from a
// token alone (repaired TeX, references, numbering from a given counter, KaTeX output for a given
// macro state) is remembered per token in a MathMemo; a re-render mostly compares and reuses.

import type Token from 'markdown-it/lib/token.mjs';
import { bothMessages, definesMacros, errorHtml, type KatexCache, type MacroState, type MathFailure, type MathOutcome } from './katexCache';
import { equationId, escapeHtml } from './html';
import type { MathTokenMeta } from './mathRules';
import type { SourceMap } from './normalize';
import {
  fillEquationNumbers,
  findReferences,
  numberDisplay,
  substituteReferences,
  type EquationCounter,
  type NumberedDisplay,
  type ReferenceUse,
} from './numbering';
import { isOnlyReferences, referenceLinks } from './referenceLinks';
import { readDialect, type DialectDefinition } from './texDialect';
import { cleanTex } from './texRepair';
import { cutSpans, findCommand } from './texScan';
import type { RenderError, RenderedEqref, RenderedEquation } from './types';

/** One formula in the document: its token and the line its block starts on. */
export interface MathSite {
  token: Token;
  blockStartLine: number;
}

export interface MathPassOutput {
  equations: RenderedEquation[];
  eqrefs: RenderedEqref[];
  errors: RenderError[];
  /** Display numbers given out (auto and \tag), for stats. */
  numbered: number;
  /** Formulas MathJax drew because KaTeX refused them. */
  fallbacks: number;
  /** Formulas shown as placeholders while MathJax loads. */
  pendingFallbacks: number;
}

interface Numbering {
  byToken: Map<Token, NumberedDisplay>;
  labels: Map<string, string>;
}

/** What one token yields on its own, independent of the rest of the document. */
interface TokenFacts {
  /** After html2text repair and the dialect pass: no definitions, no `\require`, no `\style`. */
  tex: string;
  /** As the author wrote it (after html2text repair): what an error shows. */
  source: string;
  /** Macros the formula defines, for the rest of the document. */
  definitions: DialectDefinition[];
  /** Definitions left in `tex` that the dialect pass could not read (KaTeX runs them itself). */
  definesMacros: boolean;
  references: ReferenceUse[];
  onlyReferences: boolean;
  /** Numbering from `counterStart`, valid while the counter arrives at the same value. */
  numbering?: { counterStart: number; counterEnd: number; result: NumberedDisplay };
  /** KaTeX output for `katexTex` under macro state `macrosKey`. */
  rendered?: { katexTex: string; macrosKey: string; numbers: string; outcome: MathOutcome };
  /** That output with the equation numbers `numbers` filled in. */
  numberedHtml?: { from: string; numbers: string; html: string };
}

export class MathMemo {
  private readonly facts = new WeakMap<Token, TokenFacts>();

  factsOf(token: Token): TokenFacts {
    let facts = this.facts.get(token);
    if (!facts) {
      const meta = token.meta as MathTokenMeta;
      const source = cleanTex(meta.tex);
      const { tex, definitions, plain } = readDialect(source, meta.display);
      facts = {
        tex,
        source,
        definitions,
        // Its test is a superset of definesMacros': a formula it found nothing in defines nothing.
        definesMacros: plain ? false : definesMacros(tex),
        references: findReferences(tex),
        onlyReferences: isOnlyReferences(tex),
      };
      this.facts.set(token, facts);
    }
    return facts;
  }
}

function metaOf(site: MathSite): MathTokenMeta {
  return site.token.meta as MathTokenMeta;
}

export function numberEquations(sites: readonly MathSite[], memo: MathMemo, output: MathPassOutput): Numbering {
  const counter: EquationCounter = { value: 0 };
  const byToken = new Map<Token, NumberedDisplay>();
  const labels = new Map<string, string>();
  for (const site of sites) {
    const meta = metaOf(site);
    if (!meta.display) continue;
    const facts = memo.factsOf(site.token);
    let numbering = facts.numbering;
    if (numbering?.counterStart === counter.value) {
      counter.value = numbering.counterEnd;
    } else {
      const counterStart = counter.value;
      const result = numberDisplay(facts.tex, counter);
      numbering = { counterStart, counterEnd: counter.value, result };
      facts.numbering = numbering;
    }
    const numbered = numbering.result;
    byToken.set(site.token, numbered);
    const line = site.blockStartLine + meta.line + 1;
    for (const equation of numbered.equations) {
      // As written: the outline re-runs the definitions a display makes.
      output.equations.push({ number: equation.number, label: equation.label, line, tex: facts.source });
    }
    // The first definition wins, as in LaTeX (which warns about the second).
    for (const { label, number } of numbered.labels) if (!labels.has(label)) labels.set(label, number);
  }
  output.numbered = output.equations.length;
  return { byToken, labels };
}

export interface MathRenderContext {
  cache: KatexCache;
  memo: MathMemo;
  macros: MacroState;
  map: SourceMap;
  mathHtml: Map<Token, string>;
  mathAttrs: Map<Token, string>;
}

export function renderMath(
  sites: readonly MathSite[],
  numbering: Numbering,
  context: MathRenderContext,
  output: MathPassOutput,
): void {
  const numberOf = (label: string) => numbering.labels.get(label);
  for (const site of sites) {
    const meta = metaOf(site);
    const facts = context.memo.factsOf(site.token);
    // Definitions hold from here to the end of the document, wherever the formula sits.
    for (const definition of facts.definitions) context.macros.define(definition);
    const line = site.blockStartLine + meta.line + 1;
    for (const reference of facts.references) {
      output.eqrefs.push({ label: reference.label, line, resolved: numbering.labels.has(reference.label) });
    }
    if (!meta.display && facts.onlyReferences) {
      context.mathHtml.set(site.token, referenceLinks(facts.tex, numberOf));
      continue;
    }
    const numbered = numbering.byToken.get(site.token);
    const base = numbered ? numbered.tex : stripLabels(facts.tex);
    const tex = facts.references.length > 0 ? substituteReferences(base, numberOf) : base;
    const outcome = renderWithMemo(facts, tex, meta.display, numbered?.autoNumbers ?? [], context);
    let html = numbered ? withNumbers(facts, outcome.html, numbered.autoNumbers) : outcome.html;
    if (outcome.pending) output.pendingFallbacks++;
    else if (outcome.engine === 'mathjax' && !outcome.failure) output.fallbacks++;
    if (outcome.failure) {
      const seen = numbered ? fillEquationNumbers(tex, numbered.autoNumbers) : tex;
      output.errors.push({ ...locateFailure(site, tex, outcome.failure, context.map), tex: seen, engine: outcome.engine });
      // Show the formula as the author wrote it, not our rewrite with \tag{n}.
      html = errorHtml(facts.source, bothMessages(outcome.failure));
    }
    context.mathHtml.set(site.token, meta.display ? extraAnchors(numbered) + html : html);
    if (numbered && (numbered.labels.length > 0 || numbered.equations.length > 0)) {
      context.mathAttrs.set(site.token, displayAttributes(numbered));
    }
  }
}

function withNumbers(facts: TokenFacts, html: string, autoNumbers: readonly string[]): string {
  const numbers = autoNumbers.join(',');
  const previous = facts.numberedHtml;
  if (previous && previous.from === html && previous.numbers === numbers) return previous.html;
  const filled = fillEquationNumbers(html, autoNumbers);
  facts.numberedHtml = { from: html, numbers, html: filled };
  return filled;
}

function renderWithMemo(
  facts: TokenFacts,
  tex: string,
  display: boolean,
  autoNumbers: readonly string[],
  context: MathRenderContext,
): MathOutcome {
  const previous = facts.rendered;
  const numbers = autoNumbers.join(',');
  // MathJax output has its numbers drawn in, so for it the numbers are part of the key; a
  // placeholder (MathJax still loading) and a formula defining macros in a way we could not read
  // are never reused.
  if (
    previous &&
    previous.katexTex === tex &&
    previous.macrosKey === context.macros.key &&
    !previous.outcome.definesMacros &&
    !previous.outcome.pending &&
    (previous.outcome.engine === 'katex' || previous.numbers === numbers)
  ) {
    return previous.outcome;
  }
  const macrosKey = context.macros.key;
  const outcome = context.cache.render(tex, display, context.macros, autoNumbers, facts.definesMacros);
  facts.rendered = { katexTex: tex, macrosKey, numbers, outcome };
  return outcome;
}

/** The wrapper's id is the first label; further labels (align rows) get anchors of their own. */
function displayAttributes(numbered: NumberedDisplay): string {
  const parts: string[] = [];
  const [first] = numbered.labels;
  if (first) parts.push(` id="${escapeHtml(equationId(first.label))}"`);
  const numbers = numbered.equations.map((equation) => equation.number);
  if (numbers.length > 0) parts.push(` data-eq-numbers="${escapeHtml(numbers.join(','))}"`);
  const labels = numbered.labels.map((entry) => entry.label);
  if (labels.length > 0) parts.push(` data-labels="${escapeHtml(labels.join(' '))}"`);
  return parts.join('');
}

/** Further labels of a display, as empty anchors placed before its formula. */
function extraAnchors(numbered: NumberedDisplay | undefined): string {
  if (!numbered) return '';
  return numbered.labels
    .slice(1)
    .map((entry) => `<span class="eq-anchor" id="${escapeHtml(equationId(entry.label))}"></span>`)
    .join('');
}

function stripLabels(tex: string): string {
  return tex.includes('\\label') ? cutSpans(tex, findCommand(tex, 'label', true)) : tex;
}

/**
 * KaTeX reports an offset into the TeX it was given, which is our rewritten TeX. The text around
 * that offset almost always survives the rewrite, so we look for it in the source formula.
 */
function locateFailure(site: MathSite, katexTex: string, failure: MathFailure, map: SourceMap): RenderError {
  const meta = metaOf(site);
  let offset = 0;
  if (failure.position !== undefined) {
    const culprit = katexTex.slice(failure.position, failure.position + Math.max(1, failure.length ?? 1));
    const found = culprit.trim().length > 0 ? meta.tex.indexOf(culprit) : -1;
    offset = found >= 0 ? found : Math.min(failure.position, meta.tex.length);
  }
  const before = meta.tex.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  const line = site.blockStartLine + meta.line + newlines;
  const column =
    newlines === 0
      ? meta.column + offset
      : offset - before.lastIndexOf('\n') - 1 + (meta.lineStarts?.[newlines - 1] ?? 0);
  const position = map.toOriginal(line, column);
  return { line: position.line, column: position.column, message: bothMessages(failure) };
}

export function createOutput(): MathPassOutput {
  return { equations: [], eqrefs: [], errors: [], numbered: 0, fallbacks: 0, pendingFallbacks: 0 };
}
