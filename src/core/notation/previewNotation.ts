// The notation the preview page's symbol hover needs, built once per render on the host: each symbol's
// glyph signature (the symbol rendered alone by the same KaTeX, read as glyphs), its definitions drawn
// with KaTeX (trust:false), and each formula's symbols keyed by the TeX KaTeX annotates it with — read
// from the rendered HTML itself, so the page finds a formula's list by the annotation it carries and
// the rendered formulas stay byte for byte what they are everywhere else (their cache keys untouched).

import { katexModule } from '../render/katexModule';
import { analysePost } from '../editor/postAnalysis';
import { readMacroDefinitions, type MacroTable } from '../editor/macroDefinitions';
import type { PreviewDefinition, PreviewNotation, PreviewSymbol, SymbolHoverStrings } from '../protocol/notation';
import { formulaSymbols, parseTex, type KatexMacros } from './formulaSymbols';
import { signatureOfPieces, type GlyphTree } from './glyphRuns';
import { OCCURRENCE_ATTRIBUTE, SYMBOL_ATTRIBUTE } from './mathJaxSymbols';
import type { NotationSymbol } from './postNotation';

const ANNOTATION = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g;
/** A formula the MathJax fallback drew (katexCache.ts's mathJaxHtml): its TeX label and its SVG (which may hold nested `<svg>`s: up to the span's end). */
const MATHJAX_FORMULA = /<span class="math-mathjax[^"]*" data-tex="([^"]*)"[^>]*>([\s\S]*?)<\/svg><\/span>/g;
const MARKED_NODE = new RegExp(`<g\\b[^>]*\\b${SYMBOL_ATTRIBUTE}="([^"]*)"[^>]*>`, 'g');
const OCCURRENCE = new RegExp(`\\b${OCCURRENCE_ATTRIBUTE}="(\\d+)"`);
const SAFE = { throwOnError: true, strict: 'ignore', trust: false, maxExpand: 1000, maxSize: 50, output: 'html' } as const;
/** Per TeX results kept across renders (a re-render after an edit reparses only new formulas). */
const KEPT = 20_000;

/** Entities KaTeX writes in annotations (its escape()), and numeric ones. */
export function decodeHtml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[(name ?? '').toLowerCase()] ?? '';
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The formulas' TeX as KaTeX annotated it in `html`, in document order (repeats kept). */
export function annotatedTex(html: string): string[] {
  return [...html.matchAll(ANNOTATION)].map((m) => decodeHtml(m[1]));
}

/**
 * The formulas MathJax drew in `html`, each with its symbols in order as MathJax's parse tree gave
 * them (the marks mathJaxSymbols.ts put on the SVG's nodes; one occurrence may mark two nodes).
 */
export function mathJaxFormulas(html: string): { tex: string; symbols: string[] }[] {
  return [...html.matchAll(MATHJAX_FORMULA)].map((formula) => {
    const byOccurrence = new Map<string, string>();
    for (const node of formula[2].matchAll(MARKED_NODE)) {
      const occurrence = OCCURRENCE.exec(node[0])?.[1] ?? String(byOccurrence.size);
      if (!byOccurrence.has(occurrence)) byOccurrence.set(occurrence, decodeHtml(node[1]));
    }
    const symbols = [...byOccurrence.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, tex]) => tex);
    return { tex: decodeHtml(formula[1]), symbols };
  });
}

/** Every macro the post defines (the blog's macros hold for the rest of the post wherever they stand), then the reader's. */
export function postMacros(text: string, settings: Readonly<Record<string, string>> = {}): KatexMacros {
  const analysis = analysePost(text);
  const table: MacroTable = {};
  for (const index of analysis.definingFormulas) readMacroDefinitions(analysis.formulas[index].tex, table);
  const macros: KatexMacros = { ...settings };
  for (const [name, definition] of Object.entries(table)) macros[name.startsWith('\\') ? name : `\\${name}`] = definition.body;
  return macros;
}

/** Our numbering's and labels' bookkeeping: not part of what a formula says. */
function withoutBookkeeping(tex: string): string {
  return tex
    .replace(/\\(?:label|tag\*?)\s*\{[^{}]*\}/g, ' ')
    .replace(/\\(?:nonumber|notag)(?![A-Za-z])/g, ' ');
}

interface TreeNode {
  classes?: unknown;
  text?: unknown;
  children?: unknown;
}
type Glyph = TreeNode | { glyphText: string };

/**
 * KaTeX's render tree read as the DOM it becomes: a symbol node with classes becomes a span holding
 * its text (the page sees an element, then a text node), so it is given one text child here.
 */
const KATEX_TREE: GlyphTree<Glyph> = {
  classes: (node) => ('glyphText' in node || !Array.isArray(node.classes) ? [] : (node.classes as string[])),
  text: (node) => ('glyphText' in node ? node.glyphText : undefined),
  children: (node) => {
    if ('glyphText' in node) return [];
    if (typeof node.text === 'string') return [{ glyphText: node.text }];
    return Array.isArray(node.children) ? (node.children as Glyph[]) : [];
  },
};

/** The glyph signature of `tex` rendered alone; '' when KaTeX cannot draw it. */
export function symbolSignature(tex: string, macros: KatexMacros = {}): string {
  try {
    const tree = (katexModule() as unknown as { __renderToHTMLTree: (tex: string, settings: object) => TreeNode }).__renderToHTMLTree(tex, { ...SAFE, macros: { ...macros } });
    const pieces: Glyph[] = [];
    const collect = (node: TreeNode): void => {
      const classes = Array.isArray(node.classes) ? (node.classes as string[]) : [];
      if (classes.includes('base')) {
        for (const child of KATEX_TREE.children(node)) if (!KATEX_TREE.classes(child).includes('strut')) pieces.push(child);
        return;
      }
      for (const child of KATEX_TREE.children(node)) if (!('glyphText' in child)) collect(child);
    };
    collect(tree);
    return signatureOfPieces(KATEX_TREE, pieces) ?? '';
  } catch {
    return '';
  }
}

function katexHtml(tex: string, macros: KatexMacros): string | undefined {
  try {
    return katexModule().renderToString(tex, { ...SAFE, macros: { ...macros } });
  } catch {
    return undefined;
  }
}

/** A sentence with its `$…$` drawn and the rest as text; a formula drawn whole (its source as code when KaTeX refuses it). */
export function definitionHtml(text: string, kind: PreviewDefinition['kind'], macros: KatexMacros): string {
  if (kind === 'formula') return katexHtml(text, macros) ?? `<code>${escapeHtml(text)}</code>`;
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/\$\$?([^$]+)\$\$?/g)) {
    html += escapeHtml(text.slice(last, match.index));
    html += katexHtml(match[1], macros) ?? `<code>${escapeHtml(match[0])}</code>`;
    last = (match.index ?? 0) + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** Caches of the builder, kept by its owner (one per preview host) across renders. */
export class PreviewNotationBuilder {
  private readonly formulaSymbolsOf = new Map<string, string[]>();
  private readonly symbolParts = new Map<string, { signature: string; html: string }>();
  private readonly definitionsHtml = new Map<string, string>();
  private readonly refusedByKatex = new Map<string, boolean>();
  /** Formulas parsed and symbols drawn by the last build (tests count the work). */
  lastWork = { formulasParsed: 0, symbolsDrawn: 0 };

  /**
   * `fallbackCounted`: `symbols` came from postNotation with MathJax's fallback (what NotationSource
   * gives), so they count the formulas KaTeX refuses already; without it, those formulas' occurrences
   * are added here (a notation read by KaTeX alone).
   */
  build(html: string, symbols: readonly NotationSymbol[], macros: KatexMacros, strings: SymbolHoverStrings, options: { fallbackCounted?: boolean } = {}): PreviewNotation {
    const macrosKey = JSON.stringify(macros);
    this.lastWork = { formulasParsed: 0, symbolsDrawn: 0 };
    const out: PreviewSymbol[] = [];
    const indexOf = new Map<string, number>();
    const add = (symbol: NotationSymbol): number => {
      const parts = this.partsOf(symbol.tex, macros, macrosKey);
      const definitions = symbol.definitions.map((d): PreviewDefinition => ({ line: d.line, kind: d.kind, source: d.source, ...(d.postId !== undefined ? { postId: d.postId } : {}), html: this.definitionOf(d.text, d.kind, macros, macrosKey) }));
      indexOf.set(symbol.tex, out.length);
      out.push({ tex: symbol.tex, occurrences: symbol.occurrences, signature: parts.signature, html: parts.html, definitions });
      return out.length - 1;
    };
    for (const symbol of symbols) add(symbol);
    const formulas: Record<string, number[]> = {};
    for (const tex of annotatedTex(html)) {
      if (Object.prototype.hasOwnProperty.call(formulas, tex)) continue;
      formulas[tex] = this.symbolsOfFormula(tex, macros, macrosKey).map((s) => indexOf.get(s) ?? add({ tex: s, occurrences: 1, lines: [], definitions: [] }));
    }
    // Formulas KaTeX refused: their symbols come marked in MathJax's SVG, keyed by its TeX label.
    for (const formula of mathJaxFormulas(html)) {
      const known = Object.prototype.hasOwnProperty.call(formulas, formula.tex);
      const indexes = known ? formulas[formula.tex] : formula.symbols.map((s) => indexOf.get(s) ?? add({ tex: s, occurrences: 0, lines: [], definitions: [] }));
      formulas[formula.tex] = indexes;
      // A notation read by KaTeX alone: each formula KaTeX refuses adds its occurrences here.
      if (!options.fallbackCounted && this.katexRefuses(formula.tex, macros, macrosKey)) for (const index of indexes) out[index].occurrences++;
    }
    return { symbols: out, formulas, strings };
  }

  private symbolsOfFormula(tex: string, macros: KatexMacros, macrosKey: string): string[] {
    const key = `${macrosKey}\u0000${tex}`;
    let found = this.formulaSymbolsOf.get(key);
    if (!found) {
      this.lastWork.formulasParsed++;
      const source = withoutBookkeeping(tex);
      const nodes = parseTex(source, macros, true);
      found = nodes ? formulaSymbols(nodes, source) : [];
      remember(this.formulaSymbolsOf, key, found);
    }
    return found;
  }

  private katexRefuses(tex: string, macros: KatexMacros, macrosKey: string): boolean {
    const key = `${macrosKey}\u0000${tex}`;
    let refused = this.refusedByKatex.get(key);
    if (refused === undefined) {
      refused = parseTex(withoutBookkeeping(tex), macros, true) === undefined;
      remember(this.refusedByKatex, key, refused);
    }
    return refused;
  }

  private partsOf(tex: string, macros: KatexMacros, macrosKey: string): { signature: string; html: string } {
    const key = `${macrosKey}\u0000${tex}`;
    let parts = this.symbolParts.get(key);
    if (!parts) {
      this.lastWork.symbolsDrawn++;
      parts = { signature: symbolSignature(tex, macros), html: katexHtml(tex, macros) ?? `<code>${escapeHtml(tex)}</code>` };
      remember(this.symbolParts, key, parts);
    }
    return parts;
  }

  private definitionOf(text: string, kind: PreviewDefinition['kind'], macros: KatexMacros, macrosKey: string): string {
    const key = `${macrosKey}\u0000${kind}\u0000${text}`;
    let html = this.definitionsHtml.get(key);
    if (html === undefined) {
      html = definitionHtml(text, kind, macros);
      remember(this.definitionsHtml, key, html);
    }
    return html;
  }
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.set(key, value);
  if (cache.size > KEPT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}
