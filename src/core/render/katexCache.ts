// KaTeX behind a cache and a safety net. KaTeX is where render time goes, so a formula is rendered
// once per (TeX, display mode, macro state) and reused across renders of the same document.
//
// We call KaTeX with throwOnError:true to get the message and position, then show the failure the
// way throwOnError:false would (a red span with the source), so the reader sees it and we report it.

import katex from 'katex';
import { escapeHtml } from './html';
import { nestingDepth } from './texScan';

/** Deeper than anything a post writes (the corpus peaks near 10); KaTeX's recursion breaks far later. */
export const MAX_NESTING = 100;
/** Longer than any real formula; keeps a pasted blob from stalling the preview. */
export const MAX_TEX_LENGTH = 20_000;

const DEFINES_MACROS = /\\(?:newcommand|renewcommand|providecommand|def|gdef|edef|xdef|let|global|DeclareMathOperator)(?![A-Za-z])/;

/** Whether a formula defines macros that later formulas of the document may use. */
export function definesMacros(tex: string): boolean {
  return DEFINES_MACROS.test(tex);
}

export interface MathFailure {
  message: string;
  /** Offset into the TeX KaTeX was given, when KaTeX knows it. */
  position?: number;
  length?: number;
}

export interface MathOutcome {
  html: string;
  failure?: MathFailure;
  /** Set when the formula defines macros: it must run on every render, never come from a cache. */
  definesMacros?: boolean;
}

/**
 * Macros defined so far in one document, plus a key that changes whenever they do. Formulas that
 * define macros are always re-run (they are rare and cheap) so the definitions exist for the rest
 * of the document even when every other formula comes from the cache.
 */
export class MacroState {
  readonly macros: Record<string, string>;
  private hash: number;

  constructor(userMacros: Readonly<Record<string, string>>) {
    this.macros = { ...userMacros };
    this.hash = fnv1a(0x811c9dc5, JSON.stringify(userMacros));
  }

  get key(): string {
    return this.hash.toString(36);
  }

  recordDefinition(tex: string): void {
    this.hash = fnv1a(this.hash, tex);
  }
}

export class KatexCache {
  private entries = new Map<string, MathOutcome>();
  private usedThisRound = new Set<string>();
  hits = 0;
  misses = 0;

  render(tex: string, display: boolean, state: MacroState): MathOutcome {
    if (definesMacros(tex)) {
      state.recordDefinition(tex);
      return { ...renderSafely(tex, display, state.macros), definesMacros: true };
    }
    const key = `${display ? 'D' : 'I'}${state.key}\u0000${tex}`;
    this.usedThisRound.add(key);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const outcome = renderSafely(tex, display, state.macros);
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

export function renderSafely(tex: string, display: boolean, macros: Record<string, string>): MathOutcome {
  if (tex.length > MAX_TEX_LENGTH) {
    return failed(tex, { message: `formula longer than ${MAX_TEX_LENGTH} characters` });
  }
  if (nestingDepth(tex, MAX_NESTING) > MAX_NESTING) {
    return failed(tex, { message: `groups nested deeper than ${MAX_NESTING}` });
  }
  try {
    const html = katex.renderToString(tex, {
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
    return { html: flatten(html) };
  } catch (error: unknown) {
    return failed(tex, describe(error));
  }
}

function describe(error: unknown): MathFailure {
  if (error instanceof katex.ParseError) {
    const detail = error as katex.ParseError & { rawMessage?: string; length?: number };
    return { message: detail.rawMessage ?? error.message, position: detail.position, length: detail.length };
  }
  if (error instanceof RangeError) return { message: 'formula too deeply nested (stack exhausted)' };
  return { message: error instanceof Error ? error.message : String(error) };
}

function failed(tex: string, failure: MathFailure): MathOutcome {
  return { html: errorHtml(tex, failure.message), failure };
}

/** What KaTeX's throwOnError:false shows: the source in red, the message on hover. */
export function errorHtml(tex: string, message: string): string {
  return `<span class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
}

/**
 * KaTeX builds its output by `+=`, so V8 hands back a rope of thousands of small pieces. Cached
 * and held until the page is assembled, those pieces survive every young-generation GC and get
 * copied each time (measured: a quarter of a full render). Slicing forces one flat copy.
 */
export function flatten(text: string): string {
  return (' ' + text).slice(1);
}

function fnv1a(seed: number, text: string): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
