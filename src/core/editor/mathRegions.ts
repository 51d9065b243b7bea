// Finds every math region of a post or digest in the editor's own text (offsets into the document
// exactly as VS Code holds it), so a hover, a rename or a diagnostic can point at real characters.
//
// Why not reuse the render engine's markdown-it rules: they run on the html2text-repaired copy and
// only know inline math by its offset in a paragraph's joined content. The editor needs raw offsets
// for every region. The delimiters and their rules are the engine's (MathJax's `$`, display
// environments from BARE_DISPLAY_ENVIRONMENTS, environment ends paired by the engine's `DelimiterIndex`), so both
// see the same displays in the same order and number them alike.

import { DelimiterIndex } from '../render/delimiterIndex';
import { BARE_DISPLAY_ENVIRONMENTS } from '../render/numbering';
import { dollarMathEnd } from '../render/dollarMath';

export type MathDelimiter = 'dollar' | 'double-dollar' | 'paren' | 'bracket' | 'environment';

export interface MathRegion {
  delimiter: MathDelimiter;
  display: boolean;
  /** Offsets of the whole region, delimiters included: [start, end). */
  start: number;
  end: number;
  /** Offsets of the TeX the engine numbers and renders: the inside of `$…$`, or `\begin…\end` whole. */
  texStart: number;
  texEnd: number;
  /** Environment name for `\begin{name}` regions. */
  environment?: string;
}

const ENVIRONMENT_OPENING = /^\\begin\s*\{([A-Za-z]+\*?)\}/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Every math region in `text`, in document order, skipping fenced code, inline code and the first
 * `skipLines` lines (front matter).
 */
export function findMathRegions(text: string, skipLines = 0, delimiters = new DelimiterIndex()): MathRegion[] {
  const regions: MathRegion[] = [];
  let i = offsetOfLine(text, skipLines);
  let fence: string | undefined;
  while (i < text.length) {
    if (i === 0 || text.charCodeAt(i - 1) === 0x0a) {
      const lineEnd = endOfLine(text, i);
      const fenceMatch = FENCE.exec(text.slice(i, Math.min(lineEnd, i + 40)));
      if (fence !== undefined || fenceMatch) {
        // Inside a fence every line is code; a matching fence line closes it.
        if (fence === undefined && fenceMatch) fence = fenceMatch[1];
        else if (fenceMatch && fence !== undefined && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
        i = lineEnd + 1;
        continue;
      }
    }
    const ch = text.charCodeAt(i);
    if (ch === 0x60 /* ` */) {
      i = skipCodeSpan(delimiters, text, i);
      continue;
    }
    if (ch === 0x24 /* $ */) {
      const region = text.startsWith('$$', i) ? matchDoubleDollar(delimiters, text, i) : matchDollar(text, i);
      if (region) {
        regions.push(region);
        i = region.end;
      } else {
        i += text.startsWith('$$', i) ? 2 : 1;
      }
      continue;
    }
    if (ch === 0x5c /* \ */) {
      const region = matchBackslash(delimiters, text, i);
      if (region) {
        regions.push(region);
        i = region.end;
      } else {
        i += 2; // an escaped character (`\$`, `\\`) never opens math
      }
      continue;
    }
    i++;
  }
  return regions;
}

/** The region whose span holds `offset` (ends inclusive, so the cursor after `$` still counts). */
export function regionAt(regions: readonly MathRegion[], offset: number): MathRegion | undefined {
  let low = 0;
  let high = regions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const region = regions[middle];
    if (offset < region.start) high = middle - 1;
    else if (offset > region.end) low = middle + 1;
    else return region;
  }
  return undefined;
}

function matchDoubleDollar(delimiters: DelimiterIndex, text: string, at: number): MathRegion | undefined {
  let close = delimiters.indexOf(text, '$$', at + 2);
  while (close > 0 && text[close - 1] === '\\') close = delimiters.indexOf(text, '$$', close + 1);
  if (close < 0 || crossesBlankLine(delimiters, text, at, close)) return undefined;
  if (text.slice(at + 2, close).trim().length === 0) return undefined;
  return { delimiter: 'double-dollar', display: true, start: at, end: close + 2, texStart: at + 2, texEnd: close };
}

/** `$x$` as the engine finds it (dollarMath.ts), a blank line ending the search (no formula spans paragraphs). */
function matchDollar(text: string, at: number): MathRegion | undefined {
  const close = dollarMathEnd(text, at, text.length, true);
  return close < 0 ? undefined : { delimiter: 'dollar', display: false, start: at, end: close + 1, texStart: at + 1, texEnd: close };
}

function matchBackslash(delimiters: DelimiterIndex, text: string, at: number): MathRegion | undefined {
  const next = text[at + 1];
  if (next === '(' || next === '[') {
    const closer = next === '(' ? '\\)' : '\\]';
    const close = delimiters.indexOf(text, closer, at + 2);
    if (close < 0 || crossesBlankLine(delimiters, text, at, close)) return undefined;
    if (text.slice(at + 2, close).trim().length === 0) return undefined;
    const display = next === '[';
    return { delimiter: display ? 'bracket' : 'paren', display, start: at, end: close + 2, texStart: at + 2, texEnd: close };
  }
  if (next !== 'b') return undefined;
  const opening = ENVIRONMENT_OPENING.exec(text.slice(at, at + 40));
  if (!opening || !BARE_DISPLAY_ENVIRONMENTS.has(opening[1])) return undefined;
  const end = delimiters.environmentEnd(text, at, opening[1]);
  if (end < 0) return undefined;
  return { delimiter: 'environment', display: true, start: at, end, texStart: at, texEnd: end, environment: opening[1] };
}

/** Skips a backtick code span; an unmatched run of backticks is literal text. */
function skipCodeSpan(delimiters: DelimiterIndex, text: string, at: number): number {
  let run = at;
  while (text[run] === '`') run++;
  const ticks = text.slice(at, run);
  let search = run;
  for (;;) {
    const close = text.indexOf(ticks, search);
    if (close < 0 || crossesBlankLine(delimiters, text, at, close)) return run;
    let closeEnd = close + ticks.length;
    if (text[closeEnd] !== '`') return closeEnd;
    while (text[closeEnd] === '`') closeEnd++;
    search = closeEnd;
  }
}

const BLANK_LINE = /\n[ \t\r]*\n/g;

/**
 * Markdown paragraphs end at a blank line, and no inline math spans two paragraphs. The next blank
 * line is found by a memoised forward search, so 10⁵ unclosed openers stay linear.
 */
function crossesBlankLine(delimiters: DelimiterIndex, text: string, from: number, to: number): boolean {
  const blank = delimiters.search(text, BLANK_LINE, from);
  if (blank < 0) return false;
  let end = blank + 1;
  while (text[end] === ' ' || text[end] === '\t' || text[end] === '\r') end++;
  return end + 1 <= to;
}

function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let k = 0; k < line; k++) {
    const newline = text.indexOf('\n', offset);
    if (newline < 0) return text.length;
    offset = newline + 1;
  }
  return offset;
}
