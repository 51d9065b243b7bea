// The notation of one post: every symbol its formulas use, how often, and where the text defines it —
// by a defining formula (`X = …`, `X := …`, `X \triangleq …`, `X \equiv …`, also `f(t) = …`) or by a
// sentence pattern around an inline formula holding just that symbol (Chinese and English, below).
// Each formula is read as the preview draws it: the blog's dialect pass first (`\style`, `\bbox`,
// definitions taken out), then KaTeX's parser, and where KaTeX refuses, MathJax's parse tree through
// `fallback` (the preview draws those formulas with MathJax) — so the CLI, the Notation view, the
// editor hover and the preview's symbol hover count the same formulas.

import { analysePost, lineAt } from '../editor/postAnalysis';
import { readMacroDefinitions, type MacroTable } from '../editor/macroDefinitions';
import { splitColumns, splitRows, withoutNumbering, withoutRowSpacing } from '../render/texScan';
import { readDialect } from '../render/texDialect';
import { definedSymbol, formulaSymbols, parseTex, type KatexMacros } from './formulaSymbols';
import { definitionInForce, THIS_POST } from './definitionInForce';

export type DefinitionKind = 'pattern' | 'formula' | 'reader';

export interface SymbolDefinition {
  /** 1-based line of the defining sentence or formula row. */
  line: number;
  /** The defining sentence, or the formula row. */
  text: string;
  kind: DefinitionKind;
  /** "this post", or the title of the earlier part it comes from. */
  source: string;
  /** For a definition carried from an earlier part: that post's id in the library (the preview opens it there). */
  postId?: string;
}

export interface NotationSymbol {
  tex: string;
  occurrences: number;
  /** 1-based lines of every occurrence, in order. */
  lines: number[];
  definitions: SymbolDefinition[];
}

/** What MathJax reads in a formula KaTeX refuses: its symbols in order, and the symbol it defines. */
export interface FallbackFormula {
  symbols: string[];
  defined?: string;
}

/** Reads a formula KaTeX refused (mathJaxNotation.ts's, once MathJax is loaded); undefined where MathJax refuses it too. */
export type FormulaFallback = (tex: string, display: boolean, macros: MacroTable) => FallbackFormula | undefined;

export { THIS_POST };
const MAX_TEXT = 200;

/** Text before an inline formula that announces a definition, and what must follow the formula. */
const PATTERNS: { before: RegExp; after: RegExp }[] = [
  // 其中$\boldsymbol{U},\boldsymbol{V}$都是正交矩阵: 都/均/分别/也 before the verb (the SVD post's U and V).
  { before: /(?:其中|这里|此处|式中)的?[，,\s]*$/u, after: /^\s*(?:都|均|分别|也)?(?:表示|代表|是|为|指|就是|即)/u },
  { before: /(?:^|[^标])(?:记|令|设|定义)\s*$/u, after: /^\s*(?:为|是|表示|:=|=)/u },
  { before: /(?:记为|记作|简记为|记成|称之为|定义为|简称)\s*$/u, after: /^/u },
  { before: /称\s*$/u, after: /^\s*为/u },
  // 设t时刻的状态为$x_t$，… / 设右端为$\theta$，…: the symbol ends the clause.
  { before: /(?:设|令)[^，。；$\n]{0,12}(?:\$[^$\n]{1,24}\$[^，。；$\n]{0,12})?为\s*$/u, after: /^\s*(?:[，。；,.;：:）)]|$)/u },
  // $P$是到$A$的列空间的投影矩阵: a formula may stand between 是 and 的.
  { before: /(?:^|[，。；：,.;:\s])$/u, after: /^\s*是(?:[^。；$]|\$[^$]*\$){0,30}的[^\s，。；,、]/u },
  { before: /\b(?:where|let|denote\s+by)\s*$/iu, after: /^\s*(?:is|denotes|be|are|stands\s+for)\b/iu },
  { before: /\b(?:denoted\s+by|called)\s*$/iu, after: /^/u },
];
/**
 * 其中$u(t)\in\mathbb{R}^{d_i}, …, A\in\mathbb{R}^{d\times d}$。 — memberships alone after 其中/这里, the
 * clause ending with the formula: the SSM posts type their system's symbols so, and say no more of them.
 */
const MEMBERSHIPS = { before: /(?:其中|这里|此处|式中)的?[，,\s]*$/u, after: /^\s*(?:[。，；,.;]|$)/u, formula: /\\in(?![A-Za-z])/ };
/** Where a sentence has opened with 其中/这里, each further `，$X$是…` of it defines too (其中$R$是模，$\Theta$是幅角). */
const LIST_OPENER = /(?:其中|这里|此处|式中)/u;
const LIST_ITEM = { before: /[，、；,]\s*$/u, after: /^\s*(?:都|均|分别|也)?(?:表示|代表|是|为|指)/u };
/** How far before a formula the patterns look. */
const BEFORE = 40;

export function postNotation(text: string, fallback?: FormulaFallback): NotationSymbol[] {
  const analysis = analysePost(text);
  const { lineStarts } = analysis;
  const symbols = new Map<string, NotationSymbol>();
  const entry = (tex: string): NotationSymbol => {
    let symbol = symbols.get(tex);
    if (!symbol) {
      symbol = { tex, occurrences: 0, lines: [], definitions: [] };
      symbols.set(tex, symbol);
    }
    return symbol;
  };
  const macroTable: MacroTable = {};
  let nextDefining = 0;
  analysis.formulas.forEach((formula, index) => {
    while (nextDefining < analysis.definingFormulas.length && analysis.definingFormulas[nextDefining] <= index) {
      readMacroDefinitions(analysis.formulas[analysis.definingFormulas[nextDefining]].tex, macroTable);
      nextDefining++;
    }
    const macros = katexMacros(macroTable);
    const formulaLine = lineAt(lineStarts, formula.region.texStart) + 1;
    const { display } = formula.region;
    const rows = display ? displayRows(formula.tex) : [{ tex: formula.tex, lineOffset: 0 }];
    const inlineSymbols: string[] = [];
    let inlineTex = formula.tex;
    for (const row of rows) {
      // The dialect pass as the preview runs it: definitions out (they are in `macroTable`), `\style` to its content.
      const source = cleanRow(readDialect(row.tex, display).tex);
      if (!display) inlineTex = source;
      const nodes = parseTex(source, macros);
      const read = nodes ? { symbols: formulaSymbols(nodes, source), defined: definedSymbol(nodes, source) } : fallback?.(source, display, macroTable);
      if (!read) continue;
      const line = formulaLine + row.lineOffset;
      for (const tex of read.symbols) {
        const symbol = entry(tex);
        symbol.occurrences++;
        symbol.lines.push(line);
        inlineSymbols.push(tex);
      }
      if (read.defined) entry(read.defined).definitions.push({ line, text: shorten(source), kind: 'formula', source: THIS_POST });
    }
    if (display) return;
    const subjects = definedBySentence(inlineTex, inlineSymbols, macros);
    if (subjects.length === 0) return;
    const before = text.slice(Math.max(0, formula.region.start - BEFORE), formula.region.start);
    const after = text.slice(formula.region.end, formula.region.end + 48);
    const matches =
      PATTERNS.some((p) => p.before.test(before) && p.after.test(after)) ||
      (MEMBERSHIPS.before.test(before) && MEMBERSHIPS.after.test(after) && MEMBERSHIPS.formula.test(inlineTex)) || (LIST_ITEM.before.test(before) && LIST_ITEM.after.test(after) && LIST_OPENER.test(sentenceBefore(text, formula.region.start)));
    if (!matches) return;
    const sentence = sentenceAround(text, formula.region.start, formula.region.end);
    for (const subject of subjects) entry(subject).definitions.push({ line: formulaLine, text: sentence, kind: 'pattern', source: THIS_POST });
  });
  return [...symbols.values()];
}

/** The definition shown at `line`: the reader's own if any, else the nearest one before it, else the nearest after. */
export function definitionAt(symbol: NotationSymbol, line: number): SymbolDefinition | undefined {
  return definitionInForce(symbol.definitions, line);
}

/**
 * Adds, for each symbol this post does not define, the definitions of earlier parts of its series
 * (`earlier` in reading order, nearest last): the nearest earlier part that defines it wins.
 */
export function carryOver(symbols: NotationSymbol[], earlier: readonly { title: string; symbols: readonly NotationSymbol[]; postId?: string }[]): NotationSymbol[] {
  return symbols.map((symbol) => {
    if (symbol.definitions.length > 0) return symbol;
    for (let k = earlier.length - 1; k >= 0; k--) {
      const found = earlier[k].symbols.find((s) => s.tex === symbol.tex && s.definitions.some((d) => d.source === THIS_POST));
      if (found) {
        const { title, postId } = earlier[k];
        return { ...symbol, definitions: found.definitions.filter((d) => d.source === THIS_POST).map((d) => ({ ...d, source: title, ...(postId !== undefined ? { postId } : {}) })) };
      }
    }
    return symbol;
  });
}

function katexMacros(table: MacroTable): KatexMacros {
  const macros: KatexMacros = {};
  for (const [name, definition] of Object.entries(table)) macros[name.startsWith('\\') ? name : `\\${name}`] = definition.body;
  return macros;
}

/** Rows of a display: environment wrapper removed, each row with its line offset in the display. */
function displayRows(tex: string): { tex: string; lineOffset: number }[] {
  const opening = /^\s*\\begin\s*\{[A-Za-z]+\*?\}(?:\{[^{}]*\})?/.exec(tex);
  let body = opening ? tex.slice(opening[0].length) : tex;
  body = body.replace(/\\end\s*\{[A-Za-z]+\*?\}\s*$/, '');
  const inner = /^\s*\\begin\s*\{(?:aligned|split|gathered|array)\}(?:\{[^{}]*\})?([\s\S]*)\\end\s*\{(?:aligned|split|gathered|array)\}\s*$/.exec(body);
  if (inner) body = inner[1];
  const lead = opening ? (tex.slice(0, opening[0].length).match(/\n/g) ?? []).length : 0;
  let lineOffset = lead;
  return splitRows(body).map((row) => {
    const current = { tex: row, lineOffset: lineOffset + (/^\s*\n/.test(row) ? 1 : 0) };
    lineOffset += (row.match(/\n/g) ?? []).length;
    return current;
  });
}

/** A row as its own formula: the display's bookkeeping and its own alignment points `&` out — a matrix's `&` stays (a definition is drawn from this text). */
function cleanRow(tex: string): string {
  return splitColumns(withoutNumbering(withoutRowSpacing(tex))).join(' ').trim();
}

/** An inline formula that is only a symbol: no relation, operator or second term. */
function isJustTheSymbol(tex: string): boolean {
  return !/[=+\-<>,]|\\(?:in|le|ge|to|sum|int|cdot|times)(?![A-Za-z])/.test(tex);
}

/** A membership or a bound after a sentence's subject: `\\in`, `\\geq`, `\\sim`, `<`. */
const BOUND = /\\in(?![A-Za-z])|\\(?:geq?|leq?|sim)(?![A-Za-z])|[<>]/;

/**
 * What a sentence around an inline formula can define: `$X$`, `$X,Y$`, `$X\in\mathbb{R}^n$`,
 * `$\epsilon > 0$` → X (and Y), and each membership of a list: `$\boldsymbol{U}\in\mathbb{R}^{n\times n},
 * \boldsymbol{V}\in\mathbb{R}^{m\times m}$` → U and V (only U was read: the subject ended at the first
 * `\in`), `$u,y\in\mathbb{R};x\in\mathbb{R}^d;B,C\in\mathbb{R}^{d\times 1}$` → u, y, x, B, C. Items without
 * a bound share the next one's; before the first bound each must be one symbol, after it a run of them
 * that is not one symbol each, or that no bound follows (a condition such as `X^{\top}X = I`), defines nothing.
 */
function definedBySentence(tex: string, inlineSymbols: readonly string[], macros: KatexMacros): string[] {
  const distinct = [...new Set(inlineSymbols)];
  if (distinct.length === 1 && isJustTheSymbol(tex)) return distinct;
  // `u,y,D\in\mathbb{R};x\in\mathbb{R}^d`: a semicolon parts a list as a comma does.
  const items = splitTopLevel(tex, ',;');
  const anyBound = items.some((item) => BOUND.test(item));
  if (!anyBound && items.length < 2) return [];
  const found: string[] = [];
  let pending: string[] | undefined = [];
  let seenBound = false;
  for (const item of items) {
    const bound = BOUND.exec(item);
    // A function's subject by its argument: `u(t)\in\mathbb{R}^{d_i}` types u.
    const source = (bound ? item.slice(0, bound.index) : item).trim().replace(/(?<=\S)\s*\([^()]*\)$/u, bound ? '' : '$&');
    const symbol = oneSymbol(source, macros);
    if (symbol === undefined) {
      if (!seenBound) return [];
      pending = undefined;
      continue;
    }
    if (!bound) {
      pending?.push(symbol);
      continue;
    }
    if (pending) found.push(...pending);
    found.push(symbol);
    pending = [];
    seenBound = true;
  }
  if (!anyBound && pending) found.push(...pending);
  return found;
}

/** The one symbol `source` is, if it is just a symbol. */
function oneSymbol(source: string, macros: KatexMacros): string | undefined {
  const nodes = source && isJustTheSymbol(source) ? parseTex(source, macros) : undefined;
  const symbols = nodes ? formulaSymbols(nodes, source) : [];
  return symbols.length === 1 ? symbols[0] : undefined;
}

/** `tex` cut at any of `separators` outside braces and brackets. */
function splitTopLevel(tex: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    // Brackets too: the comma of `x\in[0,1]` or `f(a,b)` parts no list.
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (separators.includes(c) && depth === 0) {
      parts.push(tex.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(tex.slice(start));
  return parts;
}

/** The sentence so far before `start` (up to 200 characters). */
function sentenceBefore(text: string, start: number): string {
  let from = start;
  while (from > 0 && start - from < MAX_TEXT && !/[。！？\n]/u.test(text[from - 1])) from--;
  return text.slice(from, start);
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

/** The sentence holding text[start, end): from the previous sentence end to the next. */
function sentenceAround(text: string, start: number, end: number): string {
  const stops = /[。！？；\n]/u;
  let from = start;
  while (from > 0 && start - from < MAX_TEXT && !stops.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && to - end < MAX_TEXT && !stops.test(text[to])) to++;
  if (to < text.length && text[to] !== '\n') to++;
  return shorten(text.slice(from, to));
}
