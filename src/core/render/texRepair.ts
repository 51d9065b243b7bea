// Repairs applied to every formula before numbering and KaTeX: html2text damage and the places
// where the blog's MathJax is more lenient than KaTeX. Pure string → string, line structure kept.

import { unescapeHtml } from './html';
import { skipGroup } from './texScan';

/**
 * html2text leaves two spaces before each line break inside math and escapes a `-` or `+` it
 * takes for a list marker; MathJax (the blog's renderer) also takes `_\boldsymbol{B}` without
 * braces and `\uproot`, which KaTeX refuses. KaTeX sees the repaired text.
 */
export function cleanTex(tex: string): string {
  let out = tex.replace(/[ \t]+$/gm, '');
  if (out.includes('\\-') || out.includes('\\+')) out = out.replace(/(^|[^\\])\\([-+])/g, '$1$2');
  if (SCRIPT_COMMAND.test(out)) out = braceScriptCommands(out);
  // amsmath's root-index nudges (`\sqrt[\uproot{10}p]`): cosmetic, and unknown to KaTeX.
  if (out.includes('root{')) out = out.replace(/\\(?:uproot|leftroot)\s*\{\s*-?\d+\s*\}/g, '');
  // A post saved from the blog's HTML without decoding its entities: the blog's MathJax read the
  // decoded text (`a &lt; b` is `a < b`, `x &amp;= y` a column), and `&lt;` means nothing else in TeX.
  // (`&nbsp;` first, a TeX tie: `&amp;nbsp;` is decoded once, to `&nbsp;`.)
  if (out.includes('&')) out = unescapeHtml(out.replace(/&nbsp;/g, '~'));
  return out;
}

/** `_\cmd{x}` / `^\cmd{x}` for one-argument commands: the argument must be braced for KaTeX. */
const SCRIPT_COMMAND = /[_^]\s*\\(?:boldsymbol|bm|mathbf|mathrm|mathit|mathcal|mathbb|mathsf|mathtt|mathfrak|text|textrm|textbf|operatorname|hat|bar|tilde|vec|dot|ddot|overline|underline|widehat|widetilde)\s*\{/;

function braceScriptCommands(tex: string): string {
  const pattern = new RegExp(SCRIPT_COMMAND.source, 'g');
  let out = '';
  let last = 0;
  for (let match = pattern.exec(tex); match; match = pattern.exec(tex)) {
    const open = match.index + match[0].length - 1;
    const end = skipGroup(tex, open);
    if (end < 0) break;
    out += `${tex.slice(last, match.index + 1)}{${tex.slice(match.index + 1, end)}}`;
    last = end;
    pattern.lastIndex = end;
  }
  return out + tex.slice(last);
}
