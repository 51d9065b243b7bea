// Definitions the reader pinned or corrected: annotations with motivation `describing` whose describing
// body reads `$<symbol TeX>$: <definition>`. The annotation's quote anchors them in the post (they are
// re-anchored like any note); the symbol comes from the body, else from the quote's first symbol. They
// show with kind `reader` and rank first — before the post's own definitions — wherever they are found.

import { anchorAnnotations, type Annotation } from '../annotations';
import { lineStartsOf } from './lineStarts';
import { formulaSymbols, parseTex } from './formulaSymbols';
import { THIS_POST, type NotationSymbol, type SymbolDefinition } from './postNotation';

const BODY = /^\$([^$]+)\$\s*[:：]\s*([\s\S]*)$/u;

/** The describing body the Pin Definition command writes: `$W_k$: the key matrix`. */
export function readerDefinitionBody(tex: string, definition: string): string {
  return `$${tex}$: ${definition.trim()}`;
}

export interface ReaderDefinition {
  tex: string;
  text: string;
  /** 1-based line where the annotation anchors now; undefined for an orphan. */
  line: number | undefined;
  annotationId: string;
}

/** The reader's definitions among `annotations`, anchored in `text` (orphans keep their text, no line). */
export function readerDefinitions(text: string, annotations: readonly Annotation[]): ReaderDefinition[] {
  const describing = annotations.filter((a) => a.motivation === 'describing');
  if (describing.length === 0) return [];
  const starts = lineStartsOf(text);
  const found: ReaderDefinition[] = [];
  for (const { annotation, anchor } of anchorAnnotations(text, describing)) {
    const body = annotation.body.find((b) => b.purpose === 'describing')?.value ?? '';
    const match = BODY.exec(body.trim());
    const tex = match ? match[1].trim() : firstSymbol(anchor.exact);
    const definition = (match ? match[2] : body).trim();
    if (!tex || !definition) continue;
    found.push({ tex, text: definition, line: anchor.status === 'orphan' ? undefined : lineOf(starts, anchor.start), annotationId: annotation.id });
  }
  return found;
}

/**
 * The symbols with the reader's definitions put first (kind `reader`, source "this post"); a symbol the
 * formulas never show but the reader defined is added (0 occurrences). Later pins of a symbol come first.
 */
export function withReaderDefinitions(symbols: readonly NotationSymbol[], readers: readonly ReaderDefinition[]): NotationSymbol[] {
  const out = symbols.map((s) => ({ ...s, definitions: [...s.definitions] }));
  for (const reader of readers) {
    let symbol = out.find((s) => s.tex === reader.tex);
    if (!symbol) {
      symbol = { tex: reader.tex, occurrences: 0, lines: [], definitions: [] };
      out.push(symbol);
    }
    const definition: SymbolDefinition = { line: reader.line ?? symbol.lines[0] ?? 1, text: reader.text, kind: 'reader', source: THIS_POST };
    symbol.definitions.unshift(definition);
  }
  return out;
}

function firstSymbol(quote: string): string | undefined {
  const tex = quote.replace(/^\s*\$+|\$+\s*$/g, '').trim();
  const nodes = parseTex(tex, {});
  return nodes ? formulaSymbols(nodes, tex)[0] : undefined;
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
