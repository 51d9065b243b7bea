// Public face of notation: symbols of a post, their definitions, the one shown at a line, series carry-over. Pure.
export { postNotation, definitionAt, carryOver, THIS_POST, type NotationSymbol, type SymbolDefinition, type DefinitionKind, type FormulaFallback, type FallbackFormula } from './postNotation';
export { mathJaxFallback, mathJaxFallbackNow } from './mathJaxNotation';
export { parseTex, formulaSymbols, definedSymbol, symbolOf } from './formulaSymbols';
export { readerDefinitions, withReaderDefinitions, readerDefinitionBody, type ReaderDefinition } from './readerDefinitions';
export { definitionInForce } from './definitionInForce';
export { PreviewNotationBuilder, annotatedTex, decodeHtml, postMacros, symbolSignature, definitionHtml, mathJaxFormulas } from './previewNotation';
export { markMathJaxSymbols, mmlSymbolOf, mmlDefinedSymbol, SYMBOL_ATTRIBUTE, OCCURRENCE_ATTRIBUTE, type MmlLike } from './mathJaxSymbols';
export { glyphSignature, symbolAround, isLetterGlyph, type GlyphTree } from './glyphRuns';
export { definitionAsText } from './definitionText';
