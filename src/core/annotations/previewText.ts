// Mapping between a post's SOURCE text (where annotations are anchored, UTF-16 offsets) and the text
// the preview SHOWS. Used by the host (selection in the page → source range; annotation → what to look
// for in the page) and by the page itself (the same matching over its DOM), so both sides agree.
//
// The two texts are compared in a "loose" form, one unit per character that both sides show alike:
// - every formula is ONE unit (FORMULA): in the source a whole math region (`$…$`, `\begin{equation}…`,
//   delimiters included), in the page a whole `.katex` / `.math-display` / `.eqref-group` element. The
//   TeX KaTeX keeps in its annotation is not the source's (our numbering adds \tag, drops \label,
//   html2text artefacts are repaired), so formulas are matched by place, not by their TeX;
// - whitespace and Markdown's marker characters (`* _ \` # > [ ] < | ~ ! -`) are dropped on both sides,
//   and in the source also link targets `](…)`, list markers and backslash escapes.
// A quote is then found by exact search in the loose form (the occurrence whose context agrees best,
// nearest the expected place), else by a fuzzy search (approx-string-match, as re-anchoring uses).
import approxSearch from 'approx-string-match';
import { analysePost, formulaAt, lineAt, type PostAnalysis } from '../editor/postAnalysis';

/** One unit standing for a whole formula (U+FFFC OBJECT REPLACEMENT CHARACTER). */
export const FORMULA = '\uFFFC';
/** Units of context sent with a quote. */
export const PAGE_CONTEXT = 32;

const DROPPED = new Set([...'*_`#>[]<|~!-'].map((c) => c.charCodeAt(0)));

/** Whether the page and the source both leave this character out of the loose form. */
export function isDropped(code: number): boolean {
  if (DROPPED.has(code)) return true;
  // Whitespace, including the ideographic space and no-break space.
  return code <= 0x20 || code === 0xa0 || code === 0x3000 || code === 0xfeff || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029;
}

/** Loose units with, for each, the range of the original text it stands for. */
export interface Projection {
  text: string;
  starts: number[];
  ends: number[];
}

/** The loose form of text the page took from its DOM, with FORMULA for each formula. */
export function projectPageText(pageText: string): Projection {
  const out: Projection = { text: '', starts: [], ends: [] };
  let text = '';
  for (let i = 0; i < pageText.length; i++) {
    const code = pageText.charCodeAt(i);
    if (isDropped(code)) continue;
    text += pageText[i];
    out.starts.push(i);
    out.ends.push(i + 1);
  }
  out.text = text;
  return out;
}

const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The source's [from, to) in the loose form: each math region that touches it is one FORMULA unit. */
export function projectSource(analysis: PostAnalysis, from: number, to: number): Projection {
  const { text, formulas } = analysis;
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  // The first formula that ends after `from`.
  let f = 0;
  while (f < formulas.length && formulas[f].region.end <= from) f++;
  let i = from;
  while (i < to) {
    const region = formulas[f]?.region;
    if (region && i >= region.start) {
      out += FORMULA;
      starts.push(region.start);
      ends.push(region.end);
      i = region.end;
      f++;
      continue;
    }
    const stop = Math.min(to, region ? region.start : to);
    if (i === 0 || text.charCodeAt(i - 1) === 0x0a) {
      const marker = LIST_MARKER.exec(text.slice(i, Math.min(stop, i + 16)));
      if (marker) {
        i += marker[0].length;
        continue;
      }
    }
    const code = text.charCodeAt(i);
    if (code === 0x5d /* ] */ && text.charCodeAt(i + 1) === 0x28 /* ( */) {
      // A link's target is not shown: skip `](…)` on the same line.
      const close = text.indexOf(')', i + 2);
      const newline = text.indexOf('\n', i + 2);
      if (close >= 0 && close < stop && (newline < 0 || close < newline)) {
        i = close + 1;
        continue;
      }
    }
    if (code === 0x5c /* \ */ && i + 1 < stop && ASCII_PUNCTUATION.test(text[i + 1])) {
      i++;
      continue;
    }
    if (!isDropped(code)) {
      out += text[i];
      starts.push(i);
      ends.push(i + 1);
    }
    i++;
  }
  return { text: out, starts, ends };
}

function commonTail(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function commonHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

export interface LooseQuote {
  /** The quote in loose form. */
  quote: string;
  /** Loose context before and after (up to PAGE_CONTEXT units each). */
  prefix?: string;
  suffix?: string;
  /** Where the quote is expected to start, in units of the haystack. */
  expected?: number;
}

export interface LooseMatch {
  start: number;
  end: number;
  errors: number;
}

/**
 * Where `quote` is in `haystack` (both loose): the exact occurrence whose context agrees best (nearest
 * `expected` breaking ties), else the best fuzzy match with at most a quarter of the quote in errors.
 */
export function findLoose(haystack: string, { quote, prefix = '', suffix = '', expected }: LooseQuote): LooseMatch | undefined {
  if (quote.length === 0) return undefined;
  const score = (start: number, end: number, errors: number): number => {
    const context = commonTail(haystack.slice(Math.max(0, start - prefix.length), start), prefix) + commonHead(haystack.slice(end, end + suffix.length), suffix);
    const distance = expected === undefined ? 0 : Math.abs(start - expected) / Math.max(1, haystack.length);
    return context - 4 * errors - distance;
  };
  let best: (LooseMatch & { score: number }) | undefined;
  for (let at = haystack.indexOf(quote); at >= 0; at = haystack.indexOf(quote, at + 1)) {
    const s = score(at, at + quote.length, 0);
    if (!best || s > best.score) best = { start: at, end: at + quote.length, errors: 0, score: s };
  }
  if (best) return { start: best.start, end: best.end, errors: 0 };
  // A short quote (a formula, a word) is only trusted exactly.
  const maxErrors = Math.floor(quote.length / 4);
  if (maxErrors === 0) return undefined;
  for (const match of approxSearch(haystack, quote, maxErrors)) {
    const s = score(match.start, match.end, match.errors);
    if (!best || s > best.score) best = { ...match, score: s };
  }
  return best && { start: best.start, end: best.end, errors: best.errors };
}

let lastAnalysis: PostAnalysis | undefined;
/** The post's analysis (math regions), kept for the last text: one page's annotations share it. */
export function analysisOf(text: string): PostAnalysis {
  return lastAnalysis?.text === text ? lastAnalysis : (lastAnalysis = analysePost(text));
}

function offsetOfLine(analysis: PostAnalysis, line: number): number {
  if (line <= 0) return 0;
  return line < analysis.lineStarts.length ? analysis.lineStarts[line] : analysis.text.length;
}

/** What the page sends for a selection: the source lines of the blocks it spans and its text. */
export interface PageSelectionText {
  /** data-line of the block the selection starts in (0-based source line). */
  fromLine: number;
  /** data-line of the block after the one it ends in (exclusive); absent at the post's end. */
  toLine?: number;
  /** The page's text of the start block before the selection (formulas as FORMULA). */
  prefix: string;
  /** The selected text (formulas as FORMULA, each whole). */
  quote: string;
}

/** The source range [start, end) a selection in the page stands for; undefined when it cannot be found. */
export function sourceRangeOfSelection(text: string, selection: PageSelectionText): { start: number; end: number } | undefined {
  const analysis = analysisOf(text);
  const quote = projectPageText(selection.quote).text;
  const prefix = projectPageText(selection.prefix).text;
  const search = (from: number, to: number, expected: number | undefined): { start: number; end: number } | undefined => {
    const source = projectSource(analysis, from, to);
    const hit = findLoose(source.text, { quote, prefix: prefix.slice(-PAGE_CONTEXT), expected });
    return hit && { start: source.starts[hit.start], end: source.ends[hit.end - 1] };
  };
  const from = offsetOfLine(analysis, selection.fromLine);
  const to = selection.toLine === undefined ? text.length : Math.max(from, offsetOfLine(analysis, selection.toLine));
  // The blocks' own lines first; the whole post when the page's lines and the text disagree (an edit in flight).
  return search(from, to, prefix.length) ?? search(0, text.length, undefined);
}

/** What the page looks for to draw an annotation found at [start, end) of the source. */
export interface PageQuote {
  /** 0-based source lines of the quote's first and last character. */
  line: number;
  endLine: number;
  quote: string;
  prefix: string;
  suffix: string;
}

export function pageQuoteOf(text: string, from: number, to: number): PageQuote {
  const analysis = analysisOf(text);
  // A note on part of a formula covers the whole formula in the page.
  const first = formulaAt(analysis, from)?.region;
  const last = formulaAt(analysis, Math.max(from, to - 1))?.region;
  const start = first && first.start < from && from < first.end ? first.start : from;
  const end = last && last.start < to && to < last.end ? last.end : to;
  const quote = projectSource(analysis, start, end).text;
  const prefix = projectSource(analysis, Math.max(0, start - 3 * PAGE_CONTEXT), start).text.slice(-PAGE_CONTEXT);
  const suffix = projectSource(analysis, end, Math.min(text.length, end + 3 * PAGE_CONTEXT)).text.slice(0, PAGE_CONTEXT);
  return {
    line: lineAt(analysis.lineStarts, start),
    endLine: lineAt(analysis.lineStarts, Math.max(start, end - 1)),
    quote,
    prefix,
    suffix,
  };
}

/** A piece of a quote: words, or a formula (its TeX without delimiters; a numbered display's numbers). */
export type QuotePart = { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean; numbers: readonly string[] };

/** [start, end) of a post cut into words and the formulas it overlaps (a formula cut by the range is taken whole). */
export function quoteParts(text: string, start: number, end: number): QuotePart[] {
  const analysis = analysisOf(text);
  const parts: QuotePart[] = [];
  let at = start;
  for (const formula of analysis.formulas) {
    const { region } = formula;
    if (region.end <= start) continue;
    if (region.start >= end) break;
    const from = Math.max(start, region.start);
    if (from > at) parts.push({ kind: 'text', text: text.slice(at, from) });
    parts.push({ kind: 'math', tex: formula.tex.trim(), display: region.display, numbers: region.display ? formula.numbers : [] });
    at = Math.min(end, region.end);
  }
  if (end > at) parts.push({ kind: 'text', text: text.slice(at, end) });
  return parts;
}

/**
 * The words of [start, end) as the notes lists (the preview's and the Notes view) show them: each
 * formula as its TeX without delimiters, a numbered display as its number "(n)", whitespace collapsed.
 */
export function readableQuote(text: string, start: number, end: number): string {
  return quoteParts(text, start, end)
    .map((part) => (part.kind === 'text' ? part.text : part.numbers.length > 0 ? `(${part.numbers.join(', ')})` : part.tex))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
