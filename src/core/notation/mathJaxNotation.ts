// The notation's reading of a formula KaTeX refuses: MathJax's parse tree (nothing drawn), its symbols
// as mathJaxSymbols.ts reads them for the preview's symbol hover, and the symbol it defines. Given to
// `postNotation` as its fallback, so a formula only MathJax draws counts in `kexue symbols`, the
// Notation view and the editor hover as it does in the preview.

import { macroTableKey } from '../editor/macroDefinitions';
import { sharedMathJax, type MathJaxRenderer } from '../render/mathJax';
import { markMathJaxSymbols, mmlDefinedSymbol } from './mathJaxSymbols';
import type { FormulaFallback } from './postNotation';

/** The fallback over `mathJax`, which must be loaded (undefined while it is not: KaTeX's reading alone). */
export function mathJaxFallbackNow(mathJax: MathJaxRenderer = sharedMathJax()): FormulaFallback | undefined {
  if (!mathJax.isReady) return undefined;
  return (tex, display, macros) => {
    const parsed = mathJax.parseNow(tex, display, macros, macroTableKey(macros));
    return 'tree' in parsed ? { symbols: markMathJaxSymbols(parsed.tree), defined: mmlDefinedSymbol(parsed.tree) } : undefined;
  };
}

/** The fallback once MathJax has loaded (it loads on first need; a MathJax that cannot load leaves formulas it would read uncounted). */
export async function mathJaxFallback(mathJax: MathJaxRenderer = sharedMathJax()): Promise<FormulaFallback | undefined> {
  await mathJax.ready();
  return mathJaxFallbackNow(mathJax);
}
