// Public face of notation: symbols of a post, their definitions, the one shown at a line, series carry-over. Pure.
export { postNotation, definitionAt, carryOver, THIS_POST, type NotationSymbol, type SymbolDefinition, type DefinitionKind } from './postNotation';
export { parseTex, formulaSymbols, definedSymbol, symbolOf } from './formulaSymbols';
