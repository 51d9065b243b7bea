// Where a `$…$` formula ends, as the blog's MathJax reads it: the one rule of both scanners — the
// engine's markdown-it rule (src/core/render/mathRules.ts, inside one paragraph) and the editor's
// regions (src/core/editor/mathRegions.ts, over the whole document, so a blank line ends the search).

/**
 * The offset of the `$` that closes the formula opened at `open`, or -1 when it is not math. The
 * next unescaped `$` closes it, spaces inside included (`分子$< $分母`: Pandoc's rule against a space
 * before the closer left that line's dollars paired wrongly), never across a code span (MathJax skips
 * `<code>`: `echo $HOME`) nor past `max`. A formula of only spaces is not math, and — for prices, as
 * Pandoc — neither is one whose closer is followed by a digit ("$5 and $6" stays text).
 */
export function dollarMathEnd(text: string, open: number, max: number, blankLineEnds: boolean): number {
  // Character codes, not `text[i]`: a post's text is a two-byte string, and each `text[i]` of it was a
  // new one-character string (this scan runs over every inline formula of every post).
  let i = open + 1;
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i += 2;
      continue;
    }
    if (c === 0x24 /* $ */) break;
    if (c === 0x60 /* ` */) return -1;
    if (c === 0x0a /* \n */ && blankLineEnds && isBlankLineAhead(text, i)) return -1;
    i++;
  }
  if (i >= max) return -1;
  let content = open + 1;
  while (content < i && isWhiteSpace(text.charCodeAt(content))) content++;
  if (content === i) return -1;
  const after = text.charCodeAt(i + 1);
  if (after >= 0x30 && after <= 0x39) return -1;
  return i;
}

function isBlankLineAhead(text: string, newline: number): boolean {
  for (let j = newline + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** What `\s` of a JavaScript regular expression matches (WhiteSpace and LineTerminator). */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
