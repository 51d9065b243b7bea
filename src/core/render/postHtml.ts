// The HTML a post carries in its Markdown (scraped posts hold `<br>` in table cells and lines such as
// `<div class="theorem-box">` around sections): shown as the blog shows it where that is safe, never
// run. Four kinds of tag, each by name:
//   - inline formatting (`<br>`, `<b>`, `<sup>` …) is kept, bare: never with an attribute;
//   - a link (`<a href>`) and an image (`<img src>`) become what the Markdown `[text](href)` and
//     `![alt](src)` would: the address checked by the engine's own rules, of the other attributes
//     only a title (and an image's alt and plain width and height), a remote image a link unless
//     asked for (the engine renders them: see MediaRenderer);
//   - containers (`<div>`, `<span>`, `<details>`, an `<a>` without href …) are dropped, their content
//     stays: the preview's top-level blocks are its unit of rendering, scroll sync and annotation, so a
//     wrapper opened in one block and closed in another cannot be kept, and a bare wrapper shows
//     nothing anyway;
//   - anything else (`<script>`, `<iframe>`, `<a href="javascript:…">`, `<img src=x onerror=…>`) is
//     shown as text, as every tag was before: the reader sees that something was there and nothing
//     of it runs.
// A kept tag that opens without closing in its paragraph (or closes without opening) is dropped, and
// such a link shown as text: the page's blocks are joined into one document, where an open `<b>` or
// `<a>` would run on into the paragraphs after it.
// Comments, declarations and processing instructions are dropped (a browser shows none of them).
// By hand rather than a sanitiser (sanitize-html, DOMPurify) because the unit is one tag, not a
// document: markdown-it hands a tag at a time, and a sanitiser would close each `<div>` at once.

import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
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
/** One attribute of a tag, as HTML (and markdown-it's tag pattern) reads it: name, then a value quoted or not. */
const ATTRIBUTE = /\s([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** A post's `<a href>`, `</a>` or `<img src>`, its attribute values as written (entities not yet decoded). */
export type MediaTag =
  | { kind: 'link'; href: string; title?: string }
  | { kind: 'linkEnd' }
  | { kind: 'image'; src: string; alt: string; title?: string; width?: string; height?: string };

/** Renders a MediaTag as the engine renders Markdown's links and images; undefined where the address is refused. */
export type MediaRenderer = (tag: MediaTag) => string | undefined;

/** A tag's name and whether it closes, lower-cased; undefined for a comment or anything else. */
function tagName(tag: string): { name: string; closing: boolean } | undefined {
  const match = TAG_NAME.exec(tag);
  return match ? { name: match[2].toLowerCase(), closing: match[1] === '/' } : undefined;
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  // The attributes start after the name; a later duplicate is ignored, as by a browser.
  for (const match of tag.slice(TAG_NAME.exec(tag)?.[0].length ?? 0).matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (!found.has(name)) found.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

/** A size attribute of an image, only as a plain number of pixels or a percentage. */
function size(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{1,5}%?$/.test(value.trim()) ? value.trim() : undefined;
}

/** What a link or image tag asks the engine for; undefined for an `<a>` without href (a wrapper). */
function mediaTag(name: string, closing: boolean, tag: string): MediaTag | undefined {
  if (closing) return name === 'a' ? { kind: 'linkEnd' } : undefined;
  const attrs = attributes(tag);
  const title = attrs.get('title');
  if (name === 'a') {
    const href = attrs.get('href');
    return href === undefined ? undefined : { kind: 'link', href, ...(title !== undefined ? { title } : {}) };
  }
  const src = attrs.get('src');
  if (src === undefined) return undefined;
  const [width, height] = [size(attrs.get('width')), size(attrs.get('height'))];
  return { kind: 'image', src, alt: attrs.get('alt') ?? '', ...(title !== undefined ? { title } : {}), ...(width ? { width } : {}), ...(height ? { height } : {}) };
}

/**
 * One tag as markdown-it found it (an html_inline token's content, or one tag of a tags-only line),
 * made safe. `media` renders links and images (without it they are text); `unpaired` marks a kept
 * tag that neither opens nor closes anything in its paragraph (see pairHtmlTags).
 */
export function safeHtmlTag(tag: string, media?: MediaRenderer, unpaired = false): string {
  if (tag.startsWith('<!') || tag.startsWith('<?')) return '';
  const parsed = tagName(tag);
  if (!parsed) return escapeHtml(tag);
  const { name, closing } = parsed;
  if (KEPT.has(name)) return VOID.has(name) ? (closing ? '' : `<${name}>`) : unpaired ? '' : `<${closing ? '/' : ''}${name}>`;
  if (name === 'a' || name === 'img') {
    const wanted = mediaTag(name, closing, tag);
    if (!wanted) return name === 'a' ? '' : escapeHtml(tag);
    if (unpaired) return closing ? '' : escapeHtml(tag);
    return media?.(wanted) ?? escapeHtml(tag);
  }
  if (DROPPED.has(name)) return '';
  return escapeHtml(tag);
}

/** The text of a tags-only line, each tag made safe (see safeHtmlTag). */
export function safeHtmlTags(text: string, media?: MediaRenderer): string {
  const tags = [...text.matchAll(htmlPatterns().anyTag)].map((match) => match[0]);
  const unpaired = unpairedTags(tags);
  let index = 0;
  return text.replace(htmlPatterns().anyTag, (tag) => safeHtmlTag(tag, media, unpaired.has(index++))).trim();
}

/**
 * The indices of the tags that a browser would leave open or find nothing to close: kept tags that
 * open and close (`<b>`, `<a href>`) matched by name, innermost first, as a browser nests them.
 */
function unpairedTags(tags: readonly string[]): Set<number> {
  const unpaired = new Set<number>();
  const open: { name: string; index: number }[] = [];
  tags.forEach((tag, index) => {
    const parsed = tagName(tag);
    if (!parsed || VOID.has(parsed.name) || !(KEPT.has(parsed.name) || (parsed.name === 'a' && mediaTag('a', parsed.closing, tag)))) return;
    if (!parsed.closing) {
      open.push({ name: parsed.name, index });
      return;
    }
    const at = open.map((entry) => entry.name).lastIndexOf(parsed.name);
    if (at < 0) {
      unpaired.add(index);
      return;
    }
    // Tags opened inside the one closed here and never closed themselves stay unpaired.
    const [, ...inner] = open.splice(at);
    for (const entry of inner) unpaired.add(entry.index);
  });
  for (const entry of open) unpaired.add(entry.index);
  return unpaired;
}

/**
 * Core rule, after inline parsing: marks each paragraph's (each inline token's) html_inline tags
 * that open without closing or close without opening (`meta.unpaired`), for safeHtmlTag.
 */
export function pairHtmlTags(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const tags = block.children.filter((child) => child.type === 'html_inline');
    if (tags.length === 0) continue;
    const unpaired = unpairedTags(tags.map((tag) => tag.content));
    tags.forEach((tag, index) => {
      if (unpaired.has(index)) tag.meta = { ...(tag.meta as object | null), unpaired: true };
    });
  }
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
