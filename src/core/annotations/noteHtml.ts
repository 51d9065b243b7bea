// A reader's note as the preview shows it: the note's text escaped, and its `$…$` / `$$…$$` / `\(…\)` /
// `\[…\]` math drawn by KaTeX with the post's own settings (renderSafely: trust:false, bounded maxExpand
// and maxSize, length and nesting guards). Nothing else of the note becomes markup — the page runs no
// script and shows no HTML from a note. Rendered on the host; the page only inserts the result.
import { escapeHtml } from '../render/html';
import { renderSafely } from '../render/katexCache';

/** Math in a note: display delimiters first, so `$$` is not read as two empty `$`. */
const MATH = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$((?:\\\$|[^$\n])+?)\$/g;

function textHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** The note's HTML: paragraphs (a blank line apart) of escaped text and KaTeX's output. */
export function noteHtml(markdown: string, macros: Readonly<Record<string, string>> = {}): string {
  const paragraphs = markdown.replace(/\r\n?/g, '\n').trim().split(/\n[ \t]*\n/);
  return paragraphs
    .filter((p) => p.trim() !== '')
    .map((paragraph) => {
      let html = '';
      let last = 0;
      for (const match of paragraph.matchAll(MATH)) {
        const at = match.index ?? 0;
        html += textHtml(paragraph.slice(last, at));
        const display = match[1] !== undefined || match[2] !== undefined;
        const tex = (match[1] ?? match[2] ?? match[3] ?? match[4]).trim();
        // A copy of the macros for each formula: a \def in one note must not leak into the next.
        html += renderSafely(tex, display, { ...macros }).html;
        last = at + match[0].length;
      }
      return `<p>${html}${textHtml(paragraph.slice(last))}</p>`;
    })
    .join('');
}
