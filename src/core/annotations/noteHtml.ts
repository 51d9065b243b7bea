// A reader's note as the preview shows it: the note's text escaped, and its `$…$` / `$$…$$` / `\(…\)` /
// `\[…\]` math drawn by KaTeX with the post's own settings (renderSafely: trust:false, bounded maxExpand
// and maxSize, length and nesting guards). Nothing else of the note becomes markup — the page runs no
// script and shows no HTML from a note. Rendered on the host; the page only inserts the result.
import { escapeHtml } from '../render/html';
import { renderSafely } from '../render/katexCache';
import type { QuotePart } from './previewText';

/** Math in a note: display delimiters first, so `$$` is not read as two empty `$`. */
const MATH = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$((?:\\\$|[^$\n])+?)\$/g;

function textHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** A note's words and formulas, found as the preview finds them (the Notes view's tooltip draws the same). */
export function noteParts(text: string): QuotePart[] {
  const parts: QuotePart[] = [];
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    const display = match[1] !== undefined || match[2] !== undefined;
    parts.push({ kind: 'math', tex: (match[1] ?? match[2] ?? match[3] ?? match[4]).trim(), display, numbers: [] });
    last = at + match[0].length;
  }
  if (text.length > last) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The note's HTML: paragraphs (a blank line apart) of escaped text and KaTeX's output. */
export function noteHtml(markdown: string, macros: Readonly<Record<string, string>> = {}): string {
  const paragraphs = markdown.replace(/\r\n?/g, '\n').trim().split(/\n[ \t]*\n/);
  return paragraphs
    .filter((p) => p.trim() !== '')
    .map((paragraph) => {
      const html = noteParts(paragraph)
        // A copy of the macros for each formula: a \def in one note must not leak into the next.
        .map((part) => (part.kind === 'text' ? textHtml(part.text) : renderSafely(part.tex, part.display, { ...macros }).html))
        .join('');
      return `<p>${html}</p>`;
    })
    .join('');
}
