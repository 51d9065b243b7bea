// The formula renderer behind a cache and a safety net: KaTeX first (fast, HTML), MathJax 3 — the
// blog's own renderer — for what KaTeX refuses, and an error only when both refuse. A formula is
// rendered once per (TeX, display mode, macro state, engine) and reused across renders of the same
// document; with a FormulaStore also across sessions (the disk cache).
//
// We call KaTeX with throwOnError:true to get the message and position, then show a failure the way
// throwOnError:false would (a red span with the source), so the reader sees it and we report it.

import { escapeHtml } from './html';
import { KATEX_VERSION, katexModule } from './katexModule';
import { MATHJAX_VERSION, type MacroTable, type SvgOutcome } from './mathJax';
import type { MacroState } from './macroState';
import { fillEquationNumbers } from './numbering';
import { nestingDepth } from './texScan';

export { MacroState } from './macroState';

/** Deeper than anything a post writes (the corpus peaks near 10); KaTeX's recursion breaks far later. */
export const MAX_NESTING = 100;
/** Longer than any real formula; keeps a pasted blob from stalling the preview. */
export const MAX_TEX_LENGTH = 20_000;

/**
 * Both engines' versions and ours: a cached formula or post from other versions is never used. Ours
 * goes up whenever a post's HTML changes for the same text (how math is found, emphasis).
 */
export const ENGINE_VERSIONS = `katex ${KATEX_VERSION}; mathjax ${MATHJAX_VERSION}; kexue-render 9`;

const DEFINES_MACROS = /\\(?:newcommand|renewcommand|providecommand|def|gdef|edef|xdef|let|global|DeclareMathOperator)(?![A-Za-z])/;

/** Whether a formula defines macros that later formulas of the document may use. */
export function definesMacros(tex: string): boolean {
  return DEFINES_MACROS.test(tex);
}

export type MathEngine = 'katex' | 'mathjax';

export interface MathFailure {
  /** KaTeX's message. */
  message: string;
  /** Offset into the TeX KaTeX was given, when KaTeX knows it. */
  position?: number;
  length?: number;
  /** MathJax's message, when MathJax refused the formula too. */
  mathJaxMessage?: string;
  /** Refused before any engine ran (too long, nested too deep): MathJax is not asked either. */
  final?: boolean;
}

export interface MathOutcome {
  html: string;
  /** Which engine drew it (or, for a failure, the last engine that refused it). */
  engine: MathEngine;
  failure?: MathFailure;
  /** KaTeX refused it and MathJax is still loading: a placeholder; render again once it has loaded. */
  pending?: boolean;
  /** Set when the formula defines macros itself (a form the dialect pass could not read): never cached. */
  definesMacros?: boolean;
}

/** MathJax as the engine sees it: loaded on demand, then synchronous. */
export interface MathFallback {
  readonly isReady: boolean;
  ready(): Promise<void>;
  renderNow(tex: string, display: boolean, macros: MacroTable, macrosKey: string): SvgOutcome;
}

/**
 * Rendered formulas kept across sessions. Keys are long (they hold the TeX and every macro
 * definition); the store hashes them. Values are opaque strings; a value that does not parse is
 * ignored and the formula rendered again.
 */
export interface FormulaStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export interface FormulaCacheOptions {
  fallback?: MathFallback;
  store?: FormulaStore;
}

export class KatexCache {
  private entries = new Map<string, MathOutcome>();
  private usedThisRound = new Set<string>();
  /** Formulas taken from memory, from the store (disk), and rendered by an engine. */
  hits = 0;
  storeHits = 0;
  misses = 0;
  /** Formulas MathJax drew, and MathJax runs (cached ones not counted). */
  mathJaxRuns = 0;
  /** Formulas shown as a placeholder because MathJax was still loading. */
  pending = 0;

  constructor(private readonly options: FormulaCacheOptions = {}) {}

  /** Resolves once the fallback has loaded (at once when there is none or it is ready). */
  fallbackReady(): Promise<void> {
    const fallback = this.options.fallback;
    return fallback && !fallback.isReady ? fallback.ready() : Promise.resolve();
  }

  /**
   * `autoNumbers`: the equation numbers for the `\tag{KXEQnZ}` markers. KaTeX output keeps the
   * markers (the caller fills them in, so the cached HTML survives renumbering); MathJax draws text
   * as glyph paths, so it is given the numbers themselves. `definesAny`: whether the formula still
   * holds a definition (the caller may know it already).
   */
  render(tex: string, display: boolean, state: MacroState, autoNumbers: readonly string[] = [], definesAny = definesMacros(tex)): MathOutcome {
    if (definesAny) {
      // A definition the dialect pass could not read: KaTeX may define it; never cache, never share.
      return { ...renderSafely(tex, display, { ...state.katexFor(display) }), definesMacros: true };
    }
    const katexOutcome = this.lookup(`${display ? 'D' : 'I'}${state.key}\u0000${tex}`, () => `K${display ? 'D' : 'I'}\u0000${state.canonical}\u0000${tex}`, () =>
      renderSafely(tex, display, state.katexFor(display)),
    );
    const fallback = this.options.fallback;
    if (!katexOutcome.failure || katexOutcome.failure.final || !fallback) return katexOutcome;
    const numbered = fillEquationNumbers(tex, autoNumbers);
    const memoryKey = `M${display ? 'D' : 'I'}${state.key}\u0000${numbered}`;
    if (!fallback.isReady && !this.entries.has(memoryKey)) {
      const stored = this.fromStore(`M${display ? 'D' : 'I'}\u0000${state.canonical}\u0000${numbered}`);
      if (stored) return this.remember(memoryKey, stored);
      void fallback.ready();
      this.pending++;
      return { html: pendingHtml(numbered, display), engine: 'mathjax', pending: true };
    }
    return this.lookup(memoryKey, () => `M${display ? 'D' : 'I'}\u0000${state.canonical}\u0000${numbered}`, () => {
      this.mathJaxRuns++;
      const drawn = fallback.renderNow(numbered, display, state.table, state.key);
      if ('svg' in drawn) return { html: mathJaxHtml(drawn.svg, numbered, display), engine: 'mathjax' };
      const failure: MathFailure = { ...katexOutcome.failure, message: katexOutcome.failure?.message ?? '', mathJaxMessage: drawn.error };
      return { html: errorHtml(tex, bothMessages(failure)), engine: 'mathjax', failure };
    });
  }

  private lookup(key: string, storeKey: () => string, render: () => MathOutcome): MathOutcome {
    this.usedThisRound.add(key);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    const fullKey = this.options.store ? storeKey() : '';
    const stored = this.options.store ? this.fromStore(fullKey) : undefined;
    if (stored) return this.remember(key, stored);
    this.misses++;
    const outcome = render();
    this.entries.set(key, outcome);
    this.options.store?.set(fullKey, serialiseOutcome(outcome));
    return outcome;
  }

  private fromStore(fullKey: string): MathOutcome | undefined {
    const value = this.options.store?.get(fullKey);
    const outcome = value === undefined ? undefined : parseOutcome(value);
    if (outcome) this.storeHits++;
    return outcome;
  }

  private remember(key: string, outcome: MathOutcome): MathOutcome {
    this.usedThisRound.add(key);
    this.entries.set(key, outcome);
    return outcome;
  }

  /** Forget formulas the last render did not use once the cache grows past `limit`. */
  endRound(limit = 4000): void {
    if (this.entries.size > limit) {
      for (const key of this.entries.keys()) {
        if (!this.usedThisRound.has(key)) this.entries.delete(key);
      }
    }
    this.usedThisRound = new Set();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * An outcome as the store keeps it. A drawn formula is its engine's letter and the HTML as it is:
 * as JSON, every quote of KaTeX's HTML was escaped on the way out and unescaped on the way in.
 * A failure (rare) keeps its details as JSON.
 */
export function serialiseOutcome(outcome: MathOutcome): string {
  if (!outcome.failure) return `${outcome.engine === 'katex' ? 'k' : 'm'}${outcome.html}`;
  return `j${JSON.stringify({ html: outcome.html, engine: outcome.engine, failure: outcome.failure })}`;
}

/** A stored outcome, checked field by field: the disk may hold anything. */
export function parseOutcome(value: string): MathOutcome | undefined {
  const kind = value[0];
  if (kind === 'k' || kind === 'm') return { html: value.slice(1), engine: kind === 'k' ? 'katex' : 'mathjax' };
  if (kind !== 'j') return undefined;
  try {
    const parsed = JSON.parse(value.slice(1)) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { html, engine, failure } = parsed as Record<string, unknown>;
    if (typeof html !== 'string' || (engine !== 'katex' && engine !== 'mathjax')) return undefined;
    if (typeof failure !== 'object' || failure === null || typeof (failure as MathFailure).message !== 'string') return undefined;
    return { html, engine, failure: failure as MathFailure };
  } catch {
    return undefined;
  }
}

export function renderSafely(tex: string, display: boolean, macros: Record<string, string>): MathOutcome {
  if (tex.length > MAX_TEX_LENGTH) {
    return failed(tex, { message: `formula longer than ${MAX_TEX_LENGTH} characters`, final: true });
  }
  if (nestingDepth(tex, MAX_NESTING) > MAX_NESTING) {
    return failed(tex, { message: `groups nested deeper than ${MAX_NESTING}`, final: true });
  }
  try {
    const html = katexModule().renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: false,
      trust: false,
      globalGroup: true,
      maxExpand: 1000,
      maxSize: 50,
      macros,
      output: 'htmlAndMathml',
    });
    return { html: flatten(html), engine: 'katex' };
  } catch (error: unknown) {
    return failed(tex, describe(error));
  }
}

function describe(error: unknown): MathFailure {
  if (error instanceof katexModule().ParseError) {
    // `error` is a ParseError here; rawMessage and length are fields its typings leave out.
    const detail = error as typeof error & { rawMessage?: string; length?: number };
    return { message: detail.rawMessage ?? error.message, position: detail.position, length: detail.length };
  }
  if (error instanceof RangeError) return { message: 'formula too deeply nested (stack exhausted)', final: true };
  return { message: error instanceof Error ? error.message : String(error) };
}

function failed(tex: string, failure: MathFailure): MathOutcome {
  return { html: errorHtml(tex, failure.message), engine: 'katex', failure };
}

/** "KaTeX: …" and, when MathJax refused it too, "MathJax: …" — the hover text of an error. */
export function bothMessages(failure: MathFailure): string {
  return failure.mathJaxMessage === undefined ? failure.message : `KaTeX: ${failure.message}\nMathJax: ${failure.mathJaxMessage}`;
}

/** What KaTeX's throwOnError:false shows: the source in red, the message on hover. */
export function errorHtml(tex: string, message: string): string {
  return `<span class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
}

/**
 * MathJax's SVG, labelled with its TeX for screen readers and for copying (`data-tex`). Display
 * formulas are centred like KaTeX's; inline styles are allowed by our pages' CSP (style-src
 * 'unsafe-inline') and the SVG carries no script, link or foreign object.
 */
function mathJaxHtml(svg: string, tex: string, display: boolean): string {
  const label = escapeHtml(tex);
  // MathJax marks the SVG role="img"; the label is what a screen reader reads for it.
  const svgHtml = svg.replace(/^<svg /, `<svg aria-label="${label}" `);
  return display
    ? `<span class="math-mathjax math-mathjax-display" data-tex="${label}" style="display:block;text-align:center;margin:1em 0;overflow-x:auto">${svgHtml}</span>`
    : `<span class="math-mathjax" data-tex="${label}">${svgHtml}</span>`;
}

/** Shown for a moment while MathJax loads: the source, quietly. */
function pendingHtml(tex: string, display: boolean): string {
  return `<span class="math-pending${display ? ' math-pending-display' : ''}" data-tex="${escapeHtml(tex)}" style="opacity:.6">${escapeHtml(tex)}</span>`;
}

/**
 * KaTeX builds its output by `+=`, so V8 hands back a rope of thousands of small pieces. Cached
 * and held until the page is assembled, those pieces survive every young-generation GC and get
 * copied each time (measured: a quarter of a full render). Slicing forces one flat copy.
 */
export function flatten(text: string): string {
  return (' ' + text).slice(1);
}
