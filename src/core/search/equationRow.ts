// A hit in a display numbered per row (`align`, `gather`) names the row's number, not all of them.

import { splitRows } from '../render/texScan';

const UNNUMBERED_ROW = /\\(?:nonumber|notag)(?![A-Za-z])/;
const OPENING = /^\s*\\begin\s*\{[A-Za-z]+\*?\}(?:\{[^{}]*\})?/;

/**
 * The number of the row holding `offset` when the display's numbered rows and its numbers line up;
 * otherwise the numbers as they are ("3, 4").
 */
export function equationAt(tex: string, offset: number, numbers: readonly string[]): string | null {
  if (numbers.length === 0) return null;
  if (numbers.length === 1) return numbers[0];
  const opening = OPENING.exec(tex);
  const bodyStart = opening ? opening[0].length : 0;
  const rows = splitRows(tex.slice(bodyStart));
  const numbered: { start: number; end: number }[] = [];
  let at = bodyStart;
  for (const row of rows) {
    const isLast = numbered.length + 1 === numbers.length;
    if (!UNNUMBERED_ROW.test(row) && (row.trim().length > 0 || isLast)) numbered.push({ start: at, end: at + row.length + 2 });
    at += row.length + 2;
  }
  if (numbered.length !== numbers.length) return numbers.join(', ');
  const index = numbered.findIndex((row) => offset >= row.start && offset < row.end);
  return index >= 0 ? numbers[index] : numbers.join(', ');
}
