// The HTML a post carries in its Markdown (scraped posts hold `<br>` in table cells and lines such as
// `<div class="theorem-box">` around sections): shown as the blog shows it where that is safe, never
// run. Three kinds of tag, each by name and never with an attribute:
//   - inline formatting (`<br>`, `<b>`, `<sup>` …) is kept, bare;
//   - containers (`<div>`, `<span>`, `<details>` …) are dropped, their content stays: the preview's
//     top-level blocks are its unit of rendering, scroll sync and annotation, so a wrapper opened in
//     one block and closed in another cannot be kept, and a bare wrapper shows nothing anyway;
//   - anything else (`<script>`, `<img onerror=…>`, `<iframe>`, `<a href>`) is shown as text, as
//     every tag was before: the reader sees that something was there and nothing of it runs.
// Comments, declarations and processing instructions are dropped (a browser shows none of them).
// By hand rather than a sanitiser (sanitize-html, DOMPurify) because the unit is one tag, not a
// document: markdown-it hands a tag at a time, and a sanitiser would close each `<div>` at once.

import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { escapeHtml } from './html';

/** The bundler's (and Node's) require; declared here because src/core is also type-checked without Node's types. */
declare const require: (id: string) => unknown;

const KEPT = new Set(['br', 'wbr', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'strike', 'ins', 'mark', 'sup', 'sub', 'small', 'kbd', 'code', 'var', 'samp', 'q', 'abbr', 'cite']);
const VOID = new Set(['br', 'wbr']);
const DROPPED = new Set([
  'div', 'span', 'p', 'center', 'font', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav',
  'figure', 'figcaption', 'details', 'summary', 'big', 'tt', 'blockquote', 'nobr',
]);

interface Patterns {
  /** Every tag, comment or declaration, anywhere in a string (markdown-it's own pattern, unanchored). */
  readonly anyTag: RegExp;
  /** The tag names that end a paragraph (CommonMark's HTML block names). */
  readonly blockNames: ReadonlySet<string>;
}

let patterns: Patterns | undefined;

/** markdown-it's HTML patterns, loaded with markdown-it itself (a render from the disk cache loads neither). */
function htmlPatterns(): Patterns {
  if (!patterns) {
    const { HTML_TAG_RE } = require('markdown-it/lib/common/html_re.mjs') as { HTML_TAG_RE: RegExp };
    const names = (require('markdown-it/lib/common/html_blocks.mjs') as { default: string[] }).default;
    patterns = { anyTag: new RegExp(HTML_TAG_RE.source.replace(/^\^/, ''), 'g'), blockNames: new Set(names) };
  }
  return patterns;
}

const TAG_NAME = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/;

/** One tag as markdown-it found it (an html_inline token's content, or one tag of a tags-only line), made safe. */
export function safeHtmlTag(tag: string): string {
  if (tag.startsWith('<!') || tag.startsWith('<?')) return '';
  const match = TAG_NAME.exec(tag);
  if (!match) return escapeHtml(tag);
  const [, closing, rawName] = match;
  const name = rawName.toLowerCase();
  if (KEPT.has(name)) return VOID.has(name) ? (closing ? '' : `<${name}>`) : `<${closing}${name}>`;
  if (DROPPED.has(name)) return '';
  return escapeHtml(tag);
}

/** The text of a tags-only line, each tag made safe (see safeHtmlTag). */
export function safeHtmlTags(text: string): string {
  return text.replace(htmlPatterns().anyTag, (tag) => safeHtmlTag(tag)).trim();
}

/** Whether a text holds nothing but tags and comments (and at least one): a line here, a paragraph in search. */
export function tagsOnly(text: string): boolean {
  const rest = text.replace(htmlPatterns().anyTag, '');
  return rest.trim() === '' && rest.length < text.length;
}

/**
 * Block rule in place of markdown-it's html_block: a run of lines that hold only tags (`<div
 * class="theorem-box">`, `</div>`, `<br>`) or one comment (which may span lines) becomes an
 * html_block token. A line with text beside its tags stays Markdown, its tags inline (html_inline),
 * so `<div>$x$</div>` still renders its math; markdown-it's rule would make the whole run raw HTML.
 */
export function htmlTagLines(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const lineAt = (line: number) => state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  const first = lineAt(startLine);
  if (!first.startsWith('<')) return false;
  const comment = first.startsWith('<!--') && !first.includes('-->');
  if (!comment && !tagsOnly(first)) return false;
  // Inside a paragraph, as in CommonMark: a comment or a block-level tag ends it; `<br>` and the like
  // stay in it (the paragraph's inline tags).
  if (silent) return comment || htmlPatterns().blockNames.has(TAG_NAME.exec(first)?.[2].toLowerCase() ?? '');
  let next = startLine + 1;
  if (comment) {
    // A comment over several lines, blank ones included, up to the line that closes it.
    while (next < endLine && !lineAt(next).includes('-->')) next++;
    if (next >= endLine) return false;
    const after = lineAt(next).slice(lineAt(next).indexOf('-->') + 3);
    if (after.trim() !== '' && !tagsOnly(after)) return false;
    next++;
  } else {
    while (next < endLine && !state.isEmpty(next) && state.sCount[next] >= state.blkIndent && tagsOnly(lineAt(next))) next++;
  }
  state.line = next;
  const token = state.push('html_block', '', 0);
  token.map = [startLine, next];
  token.content = state.getLines(startLine, next, state.blkIndent, true);
  return true;
}
