// "A post that contains the query as written must be found": a query matched character by character
// against text as written, with the same folding the tokens get (full-width = half-width, case-blind,
// any run of white space = any other), without making a folded copy of the library's text.

import { foldText } from './tokenize';

const FULL_WIDTH_OFFSET = 0xfee0;

function characterClass(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const forms = new Set<string>([ch]);
  if (code >= 0x21 && code <= 0x7e) {
    forms.add(String.fromCodePoint(code + FULL_WIDTH_OFFSET));
    const upper = ch.toUpperCase();
    if (upper !== ch) {
      forms.add(upper);
      forms.add(String.fromCodePoint(upper.charCodeAt(0) + FULL_WIDTH_OFFSET));
    }
  } else {
    const upper = ch.toUpperCase();
    if (upper !== ch && [...upper].length === 1) forms.add(upper);
  }
  const escaped = [...forms].map((form) => `\\u{${(form.codePointAt(0) ?? 0).toString(16)}}`).join('');
  return forms.size === 1 ? escaped : `[${escaped}]`;
}

/** A regular expression that finds `query` as written (folded) in unfolded text; undefined for a blank query. */
export function literalPattern(query: string, flags = 'u'): RegExp | undefined {
  const folded = foldText(query).trim();
  if (folded.length === 0) return undefined;
  let source = '';
  let inSpace = false;
  for (const ch of folded) {
    if (/\s/u.test(ch)) {
      if (!inSpace) source += '\\s+';
      inSpace = true;
      continue;
    }
    inSpace = false;
    source += characterClass(ch);
  }
  return new RegExp(source, flags);
}

/**
 * The query as written, case and all (full-width = half-width, any run of white space = any other):
 * for TeX, where `\\Sigma` and `\\sigma` are two symbols. Undefined for a blank query.
 */
export function exactCasePattern(query: string, flags = 'u'): RegExp | undefined {
  const normal = query.normalize('NFKC').trim();
  if (normal.length === 0) return undefined;
  const source = normal
    .split(/\s+/u)
    .map((word) => [...word].map((ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`).join(''))
    .join('\\s+');
  return new RegExp(source, flags);
}
