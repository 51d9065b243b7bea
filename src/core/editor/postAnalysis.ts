// One pass over a post or digest as the editor holds it: its math regions, the number of every
// display (numbered by the render engine's own `numberDisplay`, so the editor and the preview agree),
// every \label and \eqref/\ref with the offsets of its name, and the macros the text defines.

import { detectDigestLayout, parseDigest, type DigestEntry } from '../render/digest';
import { readFrontMatter } from '../text/frontMatter';
import { detachedString } from '../text/detachedString';
import { looksLikeHtml2text, normaliseHtml2text } from '../render/normalize';
import { numberDisplay, substituteReferences, type EquationCounter } from '../render/numbering';
import { cleanTex } from '../render/texRepair';
import { cutSpans, findCommand, type CommandUse } from '../render/texScan';
import { definesMacros } from '../render/katexCache';
import { readMacroDefinitions, type MacroTable } from './macroDefinitions';
import { findMathRegions, type MathRegion } from './mathRegions';

export type TextLayout = 'post' | 'digest-dated' | 'digest-undated';

/** What the editor knows about one region's formula. */
export interface Formula {
  region: MathRegion;
  /** The region's TeX after html2text repair and the engine's `cleanTex`. */
  tex: string;
  /** Equation numbers this display carries, in row order ("3", or an author's \tag text). */
  numbers: string[];
  /** What the preview gives KaTeX: starred environments with our \tag{n}, no \label, references as "(n)". */
  katexTex: string;
  /** The same without any \tag: what a hover renders, the number being shown beside the image. */
  renderTex: string;
  /** Index of the digest entry the formula sits in (0 for posts). */
  entry: number;
}

/** A `\label{name}` or `\eqref{name}`; offsets are those of `name` in the document. */
export interface LabelSite {
  label: string;
  nameStart: number;
  nameEnd: number;
  /** Offsets of the whole command, `\label{…}` included. */
  commandStart: number;
  commandEnd: number;
  formula: number;
}

export interface ReferenceSite extends LabelSite {
  kind: 'eqref' | 'ref';
}

export interface PostAnalysis {
  text: string;
  layout: TextLayout;
  /** Lines of front matter at the top of a post (0 when none). */
  frontMatterLines: number;
  formulas: Formula[];
  /** Every \label in document order; a label defined twice appears twice. */
  definitions: LabelSite[];
  references: ReferenceSite[];
  /** Label → the number \eqref prints, first definition winning as in LaTeX. */
  numbers: ReadonlyMap<string, string>;
  digestEntries: DigestEntry[];
  /** Offsets where each line starts, for offset ↔ line in pure code. */
  lineStarts: number[];
  /** Indices of the formulas that define macros (rare), so a hover need not scan every formula. */
  definingFormulas: number[];
}


/** What every reading of a post starts from: its layout, front matter, lines, digest entries and math regions. */
interface PostOutline {
  layout: TextLayout;
  frontMatterLines: number;
  lineStarts: number[];
  digestEntries: DigestEntry[];
  undoEscapes: boolean;
  regions: MathRegion[];
}

function outlinePost(text: string): PostOutline {
  const unix = text.includes('\r') ? text.replace(/\r/g, '') : text;
  const layout: TextLayout = detectDigestLayout(unix) ?? 'post';
  const frontMatterLines = layout === 'post' ? readFrontMatter(unix).lineCount : 0;
  const lineStarts = computeLineStarts(text);
  const digestEntries = layout === 'post' ? [] : parseDigest(unix, layout);
  return { layout, frontMatterLines, lineStarts, digestEntries, undoEscapes: looksLikeHtml2text(unix), regions: findMathRegions(text, frontMatterLines) };
}

/** A region's TeX as the engine numbers and renders it: html2text repaired, then `cleanTex`. */
function regionTex(text: string, region: MathRegion, undoEscapes: boolean): string {
  const raw = text.slice(region.texStart, region.texEnd).replace(/\r/g, '');
  return cleanTex(normaliseHtml2text(raw, undoEscapes).text);
}

/**
 * Walks the regions in order, restarting the equation counter at each digest entry (entries are
 * separate posts: the engine restarts numbering in each); `visit` gets the counter to number with.
 */
function eachRegion(outline: PostOutline, visit: (region: MathRegion, counter: EquationCounter, entry: number) => void): void {
  let counter: EquationCounter = { value: 0 };
  let entry = 0;
  for (const region of outline.regions) {
    const entryHere = entryIndexAt(outline.digestEntries, lineAt(outline.lineStarts, region.start));
    if (entryHere !== entry) {
      entry = entryHere;
      counter = { value: 0 };
    }
    visit(region, counter, entry);
  }
}

export function analysePost(text: string): PostAnalysis {
  const outline = outlinePost(text);
  const { layout, frontMatterLines, lineStarts, digestEntries, undoEscapes } = outline;

  const numbers = new Map<string, string>();
  const formulas: Formula[] = [];
  eachRegion(outline, (region, counter, entry) => {
    const tex = regionTex(text, region, undoEscapes);
    let formulaNumbers: string[] = [];
    let katexTex = tex;
    if (region.display) {
      const numbered = numberDisplay(tex, counter);
      formulaNumbers = numbered.equations.map((equation) => equation.number);
      for (const { label, number } of numbered.labels) if (!numbers.has(label)) numbers.set(label, number);
      katexTex = numbered.tex;
    } else if (tex.includes('\\label')) {
      katexTex = cutSpans(tex, findCommand(tex, 'label', true));
    }
    formulas.push({ region, tex, numbers: formulaNumbers, katexTex, renderTex: katexTex, entry });
  });
  const numberOf = (label: string): string | undefined => numbers.get(label);
  for (const formula of formulas) {
    if (formula.katexTex.includes('ref')) formula.katexTex = substituteReferences(formula.katexTex, numberOf);
    formula.renderTex = formula.katexTex.includes('\\tag') ? cutSpans(formula.katexTex, findCommand(formula.katexTex, 'tag', true)) : formula.katexTex;
  }

  const definitions: LabelSite[] = [];
  const references: ReferenceSite[] = [];
  formulas.forEach((formula, index) => {
    const raw = text.slice(formula.region.texStart, formula.region.texEnd);
    if (!raw.includes('\\label') && !raw.includes('ref')) return;
    for (const use of findCommand(raw, 'label', true)) definitions.push(siteOf(raw, use, formula.region.texStart, index));
    for (const kind of ['eqref', 'ref'] as const) {
      for (const use of findCommand(raw, kind, true)) references.push({ ...siteOf(raw, use, formula.region.texStart, index), kind });
    }
  });
  references.sort((a, b) => a.nameStart - b.nameStart);
  const definingFormulas = formulas.flatMap((formula, index) => (definesMacros(formula.tex) ? [index] : []));
  return { text, layout, frontMatterLines, formulas, definitions, references, numbers, digestEntries, lineStarts, definingFormulas };
}

/** A display formula and the equation numbers it carries (row order), as `analysePost` numbers it. */
export interface NumberedRegion {
  region: MathRegion;
  numbers: string[];
}

/** What the search needs of a post: front matter, lines, and its displays with their numbers. */
export interface DisplayAnalysis {
  frontMatterLines: number;
  lineStarts: number[];
  displays: NumberedRegion[];
}

/**
 * Displays numbered by the TeX they hold and the counter before them: a library repeats displays
 * (listing pages, re-scrapes, copies), and repairing and numbering one is most of what a display costs.
 */
const numberedDisplays = [new Map<string, Map<number, { numbers: string[]; after: number }>>(), new Map<string, Map<number, { numbers: string[]; after: number }>>()];
let numberedDisplayCount = 0;
const MAX_NUMBERED_DISPLAYS = 50_000;

/**
 * `analysePost`'s display formulas and their numbers, without what only the editor needs (inline
 * formulas' TeX, labels and references, macros): the search's reading of a file. Same outline and
 * same numbering code, so a search hit names the number the preview shows.
 */
export function analyseDisplays(text: string): DisplayAnalysis {
  const outline = outlinePost(text);
  const displays: NumberedRegion[] = [];
  const memo = numberedDisplays[outline.undoEscapes ? 1 : 0];
  eachRegion(outline, (region, counter) => {
    if (!region.display) return;
    const raw = text.slice(region.texStart, region.texEnd);
    let byStart = memo.get(raw);
    let known = byStart?.get(counter.value);
    if (!known) {
      const before = counter.value;
      const numbers = numberDisplay(regionTex(text, region, outline.undoEscapes), counter).equations.map((equation) => equation.number);
      known = { numbers, after: counter.value };
      if (++numberedDisplayCount > MAX_NUMBERED_DISPLAYS) {
        for (const table of numberedDisplays) table.clear();
        numberedDisplayCount = 1;
        byStart = undefined;
      }
      // The key is a copy: a slice would keep its whole file alive for as long as the memo lives.
      if (!byStart) memo.set(detachedString(raw), (byStart = new Map<number, { numbers: string[]; after: number }>()));
      byStart.set(before, known);
    }
    counter.value = known.after;
    displays.push({ region, numbers: known.numbers });
  });
  return { frontMatterLines: outline.frontMatterLines, lineStarts: outline.lineStarts, displays };
}

/** The formula whose region holds `offset`. */
export function formulaAt(analysis: PostAnalysis, offset: number): Formula | undefined {
  let low = 0;
  let high = analysis.formulas.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const { region } = analysis.formulas[middle];
    if (offset < region.start) high = middle - 1;
    else if (offset > region.end) low = middle + 1;
    else return analysis.formulas[middle];
  }
  return undefined;
}

/** The \label or \eqref/\ref whose command (name or backslash) holds `offset`. */
export function labelSiteAt(analysis: PostAnalysis, offset: number): { site: LabelSite; isDefinition: boolean } | undefined {
  const hit = (site: LabelSite) => offset >= site.commandStart && offset <= site.commandEnd;
  const reference = analysis.references.find(hit);
  if (reference) return { site: reference, isDefinition: false };
  const definition = analysis.definitions.find(hit);
  return definition ? { site: definition, isDefinition: true } : undefined;
}

export function firstDefinition(analysis: PostAnalysis, label: string): LabelSite | undefined {
  return analysis.definitions.find((site) => site.label === label);
}

/** The formula that defines `label`: what a reference hover shows. */
export function labelledFormula(analysis: PostAnalysis, label: string): Formula | undefined {
  const site = firstDefinition(analysis, label);
  return site ? analysis.formulas[site.formula] : undefined;
}

/** Macros defined by formulas before `offset` (within the same digest entry for digests). */
export function documentMacrosBefore(analysis: PostAnalysis, offset: number): MacroTable {
  const table: MacroTable = {};
  const here = formulaAt(analysis, offset);
  for (const index of analysis.definingFormulas) {
    const formula = analysis.formulas[index];
    if (formula.region.start >= offset) break;
    if (here && formula.entry !== here.entry) continue;
    readMacroDefinitions(formula.tex, table);
  }
  return table;
}

/** 0-based line of an offset. */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function entryIndexAt(entries: readonly DigestEntry[], line: number): number {
  let index = 0;
  for (let k = 0; k < entries.length; k++) if (entries[k].line <= line) index = k;
  return index;
}

function siteOf(raw: string, use: CommandUse, base: number, formula: number): LabelSite {
  const brace = raw.indexOf('{', use.start);
  const nameStart = raw.indexOf(use.argument, brace + 1);
  return {
    label: use.argument,
    nameStart: base + nameStart,
    nameEnd: base + nameStart + use.argument.length,
    commandStart: base + use.start,
    commandEnd: base + use.end,
    formula,
  };
}
