// markdown-it rules that find math the way the blog's MathJax does, html2text damage included.
//
// Why not markdown-it-texmath's own rules: its `beg_end` regex (`[a-z]+`) misses `align*`, its inline
// `$…$` regex does not cross a line break (html2text wraps inside math), and its block rules drop
// text after the closing delimiter. These rules produce one token type per kind, carrying the raw
// source and where it sits, and leave rendering (numbering, KaTeX, caching) to the caller.

import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { delimitersOf, type DelimiterIndex } from './delimiterIndex';
import { BARE_DISPLAY_ENVIRONMENTS } from './numbering';
import { dollarMathEnd } from './dollarMath';

/** What a math token carries in `token.meta`. */
export interface MathTokenMeta {
  display: boolean;
  /** Full source handed to numbering/KaTeX: `\begin{…}…\end{…}` whole, or the inside of `$…$`. */
  tex: string;
  /** 0-based line and column of the first character of `tex`, relative to the parsed text. */
  line: number;
  column: number;
  /** Offset in the inline content (inline tokens only; turned into line/column by a core rule). */
  inlinePos?: number;
  /** For the 2nd, 3rd… line of `tex`: the column its text starts at (after `> ` markers). */
  lineStarts?: number[];
}

export const MATH_BLOCK = 'math_block';
export const MATH_INLINE = 'math_inline';

export function mathPlugin(md: MarkdownIt): void {
  const interrupts = { alt: ['paragraph', 'reference', 'blockquote', 'list'] };
  md.block.ruler.before('fence', 'math_environment', environmentBlock, interrupts);
  md.block.ruler.before('fence', 'math_delimited_block', delimitedBlock, interrupts);
  md.inline.ruler.before('escape', 'math_inline', inlineMath);
  md.core.ruler.after('inline', 'math_positions', placeInlineMath);
}

const BEGIN = /^\\begin\{([A-Za-z]+\*?)\}/;

function lineOf(state: StateBlock, startLine: number, endLine: number, index: number): number {
  let line = startLine;
  while (line < endLine && state.eMarks[line] < index) line++;
  return line;
}

function columnOf(src: string, index: number): number {
  return index - (src.lastIndexOf('\n', index - 1) + 1);
}

/**
 * The formula's text from `from` to `to`, without the container markers (`> ` of a blockquote)
 * that markdown-it skips on each line but that are still in `state.src`.
 */
function textInContainer(
  state: StateBlock,
  startLine: number,
  lastLine: number,
  from: number,
  to: number,
): { tex: string; lineStarts?: number[] } {
  if (startLine === lastLine) return { tex: state.src.slice(from, to) };
  const parts = [state.src.slice(from, state.eMarks[startLine])];
  const lineStarts: number[] = [];
  for (let line = startLine + 1; line <= lastLine; line++) {
    const lineStart = Math.min(state.bMarks[line], to);
    lineStarts.push(columnOf(state.src, lineStart));
    parts.push(state.src.slice(lineStart, line === lastLine ? to : state.eMarks[line]));
  }
  return { tex: parts.join('\n'), lineStarts: lineStarts.some((column) => column > 0) ? lineStarts : undefined };
}

/** Finish a block math token; text left after the closing delimiter becomes its own paragraph. */
function pushBlock(
  state: StateBlock,
  startLine: number,
  lastLine: number,
  end: number,
  text: { tex: string; lineStarts?: number[] },
  texStart: number,
): void {
  const token = state.push(MATH_BLOCK, 'div', 0);
  token.block = true;
  token.map = [startLine, lastLine + 1];
  const meta: MathTokenMeta = { display: true, tex: text.tex, line: startLine, column: columnOf(state.src, texStart) };
  if (text.lineStarts) meta.lineStarts = text.lineStarts;
  token.meta = meta;
  const rest = state.src.slice(end, state.eMarks[lastLine]).trim();
  if (rest.length > 0) {
    const open = state.push('paragraph_open', 'p', 1);
    open.map = [lastLine, lastLine + 1];
    const inline = state.push('inline', '', 0);
    inline.content = rest;
    inline.map = [lastLine, lastLine + 1];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
  }
  state.line = lastLine + 1;
}

function environmentBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(start) !== 0x5c /* \ */) return false;
  const begin = BEGIN.exec(state.src.slice(start, start + 40));
  if (!begin || !BARE_DISPLAY_ENVIRONMENTS.has(begin[1])) return false;
  const end = delimitersOf(state.env).environmentEnd(state.src, start, begin[1]);
  if (end < 0) return false;
  const lastLine = lineOf(state, startLine, endLine, end);
  if (lastLine >= endLine) return false;
  if (silent) return true;
  pushBlock(state, startLine, lastLine, end, textInContainer(state, startLine, lastLine, start, end), start);
  return true;
}

function delimitedBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const src = state.src;
  let closer: string;
  if (src.startsWith('$$', start)) closer = '$$';
  else if (src.startsWith('\\[', start)) closer = '\\]';
  else return false;
  const close = findUnescaped(delimitersOf(state.env), src, closer, start + 2);
  if (close < 0) return false;
  if (src.slice(start + 2, close).trim().length === 0) return false;
  const end = close + closer.length;
  const lastLine = lineOf(state, startLine, endLine, end);
  if (lastLine >= endLine) return false;
  if (silent) return true;
  pushBlock(state, startLine, lastLine, end, textInContainer(state, startLine, lastLine, start + 2, close), start + 2);
  return true;
}

function findUnescaped(delimiters: DelimiterIndex, src: string, needle: string, from: number): number {
  let at = delimiters.indexOf(src, needle, from);
  while (at > 0 && src[at - 1] === '\\' && needle === '$$') at = delimiters.indexOf(src, needle, at + 1);
  return at;
}

/** Finds `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and `\begin{env}…\end{env}` inside a paragraph. */
function inlineMath(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  const ch = src.charCodeAt(pos);
  let match: { display: boolean; tex: string; texStart: number; end: number } | undefined;
  if (ch === 0x24 /* $ */) {
    match = src.startsWith('$$', pos) ? matchDoubleDollar(delimitersOf(state.env), src, pos, state.posMax) : matchDollar(src, pos, state.posMax);
  } else if (ch === 0x5c /* \ */) {
    match = matchBackslashMath(delimitersOf(state.env), src, pos, state.posMax);
  }
  if (!match) return false;
  if (!silent) {
    const token = state.push(MATH_INLINE, 'span', 0);
    const meta: MathTokenMeta = { display: match.display, tex: match.tex, line: 0, column: 0, inlinePos: match.texStart };
    token.meta = meta;
  }
  state.pos = match.end;
  return true;
}

function matchDoubleDollar(delimiters: DelimiterIndex, src: string, pos: number, max: number) {
  const close = delimiters.indexOf(src, '$$', pos + 2);
  if (close < 0 || close + 2 > max) return undefined;
  const tex = src.slice(pos + 2, close);
  if (tex.trim().length === 0) return undefined;
  return { display: true, tex, texStart: pos + 2, end: close + 2 };
}

/** `$x$` where the blog's MathJax finds it (dollarMath.ts); not after a backslash (`\$` is a dollar). */
function matchDollar(src: string, pos: number, max: number) {
  if (pos > 0 && src.charCodeAt(pos - 1) === 0x5c /* \ */) return undefined;
  const close = dollarMathEnd(src, pos, max, false);
  return close < 0 ? undefined : { display: false, tex: src.slice(pos + 1, close), texStart: pos + 1, end: close + 1 };
}

function matchBackslashMath(delimiters: DelimiterIndex, src: string, pos: number, max: number) {
  const next = src[pos + 1];
  if (next === '(' || next === '[') {
    const closer = next === '(' ? '\\)' : '\\]';
    const close = delimiters.indexOf(src, closer, pos + 2);
    if (close < 0 || close + 2 > max) return undefined;
    const tex = src.slice(pos + 2, close);
    if (tex.trim().length === 0) return undefined;
    return { display: next === '[', tex, texStart: pos + 2, end: close + 2 };
  }
  if (next !== 'b') return undefined;
  const begin = BEGIN.exec(src.slice(pos, pos + 40));
  if (!begin || !BARE_DISPLAY_ENVIRONMENTS.has(begin[1])) return undefined;
  const end = delimiters.environmentEnd(src, pos, begin[1]);
  if (end < 0 || end > max) return undefined;
  return { display: true, tex: src.slice(pos, end), texStart: pos, end };
}

/**
 * Inline math only knows its offset in the paragraph's joined text; turn that into a line and a
 * column of the parsed text so errors can point at the original file. One walk per paragraph: the
 * formulas come in order, so the line cursor only moves forward (a paragraph of 40,000 formulas used
 * to re-slice and re-split its text before each one: 56 s).
 */
function placeInlineMath(state: StateCore): void {
  const lines = state.src.split('\n');
  const delimiters = delimitersOf(state.env);
  // Table cells have no line map of their own: they sit on their row's line, found left to right.
  let row: { line: number; cursor: number } | undefined;
  for (const block of state.tokens) {
    if (block.type === 'tr_open') {
      row = block.map ? { line: block.map[0], cursor: 0 } : undefined;
      continue;
    }
    if (block.type === 'tr_close') row = undefined;
    if (block.type !== 'inline' || !block.children) continue;
    if (block.map) placeInParagraph(block, lines, delimiters);
    else if (row) placeInCell(block, row, lines);
  }
}

function placeInCell(cell: Token, row: { line: number; cursor: number }, lines: readonly string[]): void {
  const lineText = lines[row.line] ?? '';
  const found = cell.content === '' ? -1 : lineText.indexOf(cell.content, row.cursor);
  if (found >= 0) row.cursor = found + cell.content.length;
  for (const child of cell.children ?? []) {
    if (child.type !== MATH_INLINE) continue;
    const meta = child.meta as MathTokenMeta;
    meta.line = row.line;
    meta.column = (found < 0 ? 0 : found) + (meta.inlinePos ?? 0);
  }
}

function placeInParagraph(block: Token, lines: readonly string[], delimiters: DelimiterIndex): void {
  const content = block.content;
  const firstLine = block.map?.[0] ?? 0;
  let lineInBlock = 0;
  let lineStart = 0;
  let lineEnd = content.indexOf('\n');
  let foundLine = -1;
  let foundAt = 0;
  for (const child of block.children ?? []) {
    if (child.type !== MATH_INLINE) continue;
    const meta = child.meta as MathTokenMeta;
    const pos = meta.inlinePos ?? 0;
    if (pos < lineStart) {
      // Out of order (never seen; kept correct anyway): restart the walk.
      lineInBlock = 0;
      lineStart = 0;
      lineEnd = content.indexOf('\n');
    }
    while (lineEnd >= 0 && lineEnd < pos) {
      delimiters.scanned += lineEnd + 1 - lineStart;
      lineInBlock++;
      lineStart = lineEnd + 1;
      lineEnd = content.indexOf('\n', lineStart);
    }
    const line = firstLine + lineInBlock;
    if (foundLine !== line) {
      // The paragraph text lost the line's indentation and container markers: find it in the real line.
      const fragment = content.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
      const found = (lines[line] ?? '').indexOf(fragment);
      delimiters.scanned += (lines[line] ?? '').length;
      foundLine = line;
      foundAt = found < 0 ? 0 : found;
    }
    meta.line = line;
    meta.column = foundAt + (pos - lineStart);
  }
}
