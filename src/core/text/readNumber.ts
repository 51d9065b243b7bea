// The one reader of a number someone typed or pasted — CLI flags, compute-block parameters, input boxes,
// signal samples. It takes what Number() takes for decimals (sign, digits, point, exponent) and the
// U+2212 minus sign of typeset pages, and refuses what Number() quietly accepts: '' and '  ' (0),
// hex/binary/octal ('0x10'), 'Infinity'. The pattern cannot backtrack more than once per character, so a
// 100k-digit cell is read in linear time.

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number written in `text` (surrounding blanks ignored), or undefined when it is not one. */
export function readNumber(text: string): number | undefined {
  const t = text.trim().replace(/\u2212/g, '-');
  if (!DECIMAL.test(t)) return undefined;
  const value = Number(t);
  // A finite-looking decimal can still overflow to ±Infinity ('1e999'): not a number a double holds.
  return Number.isFinite(value) ? value : undefined;
}

/** A whole number that a double holds exactly (|n| ≤ 2⁵³ − 1), written without point or exponent. */
export function readWholeNumber(text: string): number | undefined {
  const t = text.trim().replace(/\u2212/g, '-');
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const value = Number(t);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** `text` shortened for an error message, so a huge input is never echoed whole. */
export function quoteInput(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
