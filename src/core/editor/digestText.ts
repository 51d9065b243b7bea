// Whether a .txt file is one of the blog's scraped listing pages. VS Code's `firstLine` only sees
// line 1, which catches the `20 Apr` layout; the dated layout opens with a title and shows itself
// on line 2 (`By 苏剑林 | 2022-09-28 | …`), so the extension asks this function instead.

import { detectDigestLayout } from '../render/digest';

/** Same test as the grammar's firstLineMatch, for the undated layout. */
export const DIGEST_FIRST_LINE = /^\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s*$/;
const BYLINE = /^By [^|\n]+\| \d{4}-\d{2}-\d{2} \|/;

export function isDigestText(text: string): boolean {
  const lines = text.replace(/\r/g, '').split('\n', 3);
  if (DIGEST_FIRST_LINE.test(lines[0] ?? '')) return true;
  if (BYLINE.test(lines[1] ?? '') || BYLINE.test(lines[0] ?? '')) return true;
  return detectDigestLayout(text.slice(0, 20_000).replace(/\r/g, '')) !== undefined;
}
