// What the preview page is told about a post's notation, once per render: every symbol with its glyph
// signature, how often it occurs and its definitions (rendered), and each formula's symbols keyed by
// the TeX KaTeX annotates the formula with. The page answers every hover from this, without asking.
import type { DefinitionLike } from '../notation/definitionInForce';

export interface PreviewDefinition extends DefinitionLike {
  /** A definition carried from an earlier part: that post's id ("Go to definition" opens it at `line`). */
  postId?: string;
  /** The definition drawn: a formula by KaTeX (trust:false), a sentence as text with its `$…$` drawn. */
  html: string;
}

export interface PreviewSymbol {
  tex: string;
  /** How often it occurs in the post's formulas. */
  occurrences: number;
  /** Glyph signature of the symbol rendered alone (glyphRuns.ts); '' when KaTeX cannot draw it. */
  signature: string;
  /** KaTeX HTML of the symbol itself, for the popup's heading and the fallback list. */
  html: string;
  definitions: PreviewDefinition[];
}

/** Strings of the popup, localised by the host. */
export interface SymbolHoverStrings {
  /** "occurs {0} times in this post" */
  occurrences: string;
  /** "occurs once in this post" (not "1 times") */
  occursOnce: string;
  goToDefinition: string;
  back: string;
  notDefined: string;
  /** "defined in {0}" — an earlier part of the series. */
  definedIn: string;
  /** "line {0}" */
  line: string;
  pinned: string;
  formulaSymbols: string;
}

export interface PreviewNotation {
  symbols: PreviewSymbol[];
  /** KaTeX's annotation TeX of a formula → indexes into `symbols`, in the formula's order. */
  formulas: Record<string, number[]>;
  strings: SymbolHoverStrings;
}
