// The one markdown-it instance: a post's HTML one tag at a time through postHtml, linkified, our math
// rules, and renderer rules that read per-render state from `env` (math already rendered, the
// library's title lookup), so parsed tokens can be cached and rendered again with different numbers
// or a different library.

import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type Renderer from 'markdown-it/lib/renderer.mjs';
import { MATH_BLOCK, MATH_INLINE, mathPlugin } from './mathRules';
import { emphasisSpace } from './emphasisSpace';
import { glueOf, textGlue } from './punctuationGlue';
import { escapeHtml } from './html';
import { isRelativePath, LOCAL_IMAGE_ATTRIBUTE } from './localImages';
import { htmlTagLines, pairHtmlTags, safeHtmlTag, safeHtmlTags, type MediaRenderer } from './postHtml';
import type { PostLink, RenderedHeading, ResolvedPost } from './types';

export interface TitleLookup {
  title: string;
  postId: string | undefined;
}

export interface RenderEnv {
  /** HTML for every math token of the block being rendered. */
  mathHtml: Map<Token, string>;
  /** Extra attributes for display math wrappers (ids, equation numbers). */
  mathAttrs: Map<Token, string>;
  /** Added to block-relative token lines to get the document's 0-based line. */
  lineOffset: number;
  resolveTitle?: (title: string) => ResolvedPost | undefined;
  /** Every title looked up while rendering, with the answer: a block's HTML stays valid while these hold. */
  titleLookups: TitleLookup[];
  siteOrigin: string;
  postLinks: PostLink[];
  headings: RenderedHeading[];
  headingIds: Set<string>;
  linkDepth: number;
  /** Links opened by a post's own `<a href>` and not yet closed (a refused one opens none). */
  htmlLinks: number;
  /** Show images from the web as images; otherwise (the default) they become links to the image. */
  remoteImages: boolean;
}

/** The bundler's (and Node's) require; declared here because src/core is also type-checked without Node's types. */
declare const require: (id: string) => unknown;

/** Web, mail, in-page and root-relative (made absolute against the blog when rendered). */
const SAFE_LINK = /^(?:https?:|mailto:|#|\/(?!\/))/i;
/**
 * An image carried inside the post (markdown-it's own list of safe data: images). As a link's address
 * it renders too, and a click on it is refused like every data: address (linkPolicy.ts).
 */
const DATA_IMAGE = /^data:image\/(?:gif|png|jpeg|webp);/i;
const BOOK_TITLE = /《([^《》\n]{1,120})》/g;

/**
 * markdown-it (with linkify-it, entities, punycode) is loaded on the first render that parses: a
 * render served whole from the disk cache needs none of it.
 */
export function createMarkdownEngine(): MarkdownIt {
  // A synchronous load on purpose: `import()` would make every render asynchronous.
  const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
  // HTML on: tags reach the renderer one at a time (postHtml), which keeps, drops or shows each as text.
  const md = new MarkdownItClass({ html: true, linkify: true, typographer: false });
  md.block.ruler.before('html_block', 'html_tag_lines', htmlTagLines, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.disable('html_block');
  md.core.ruler.push('html_pairs', pairHtmlTags);
  md.use(mathPlugin);
  // CommonMark's flanking rules leave `**只依赖$m$**的函数` and `**定理（一）**对于` as asterisks (a
  // closer after punctuation must be followed by punctuation or a space, and Chinese has no spaces);
  // the CJK-friendly amendment reads them as the blog showed them: bold.
  md.use((require('markdown-it-cjk-friendly') as { default: (md: MarkdownIt) => void }).default);
  // Only web, mail, in-page and relative links and data: images survive; `javascript:`, other `data:`
  // and `file:` render as text.
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim()) || isRelativePath(url.trim()) || DATA_IMAGE.test(url.trim());
  installRules(md);
  return md;
}

/** Root-relative links (`/archives/9554`) point at the blog; anything else passes unchanged. */
export function absoluteHref(href: string, siteOrigin: string): string {
  return href.startsWith('/') && !href.startsWith('//') ? siteOrigin.replace(/\/$/, '') + href : href;
}

function installRules(md: MarkdownIt): void {
  const renderer = md.renderer;
  renderer.rules[MATH_BLOCK] = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    const line = (token.map?.[0] ?? 0) + env.lineOffset;
    return `<div class="math-display" data-line="${line}"${env.mathAttrs.get(token) ?? ''}>${env.mathHtml.get(token) ?? ''}</div>\n`;
  };
  renderer.rules[MATH_INLINE] = (tokens, idx, _options, env: RenderEnv) => {
    const token = tokens[idx];
    const html = env.mathHtml.get(token) ?? '';
    const display = (token.meta as { display?: boolean } | null)?.display === true;
    if (display) return `<span class="math-display math-display-inline"${env.mathAttrs.get(token) ?? ''}>${html}</span>`;
    // Kept on one line with the punctuation beside it (punctuationGlue.ts); the text rule gives it that.
    const glue = glueOf(tokens, idx);
    if (!glue.before && glue.after === '') return html;
    return `${glue.before ? '' : '<span class="kx-glue">'}${html}${escapeHtml(glue.after)}</span>`;
  };
  renderer.rules.text = (tokens, idx, _options, env: RenderEnv) => {
    // Left out: what the formula before took (punctuationGlue.ts) and html2text's space after bold
    // text (emphasisSpace.ts); a last opening bracket starts the glue of the formula after.
    const { head, openTail } = textGlue(tokens, idx);
    const skipped = head + emphasisSpace(tokens, idx);
    const content = skipped > 0 ? tokens[idx].content.slice(skipped) : tokens[idx].content;
    if (!openTail) return linkBookTitles(content, env);
    return `${linkBookTitles(content.slice(0, -1), env)}<span class="kx-glue">${escapeHtml(content.slice(-1))}`;
  };
  renderer.rules.html_inline = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    return safeHtmlTag(token.content, postMedia(md, options, env, self), (token.meta as { unpaired?: boolean } | null)?.unpaired === true);
  };
  renderer.rules.html_block = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const html = safeHtmlTags(token.content, postMedia(md, options, env, self));
    // A line of wrappers (`<div class="theorem-box">`) leaves nothing; what is kept is a block of its own.
    return html ? `<div class="post-html" data-line="${(token.map?.[0] ?? 0) + env.lineOffset}">${html}</div>\n` : '';
  };
  const defaultImage = renderer.rules.image;
  renderer.rules.image = (tokens, idx, options, env: RenderEnv, self) => {
    // A remote image is a request to a third party as the page opens (a tracking pixel, a leak of what
    // one reads): unless asked for, it becomes a link the reader can follow.
    const token = tokens[idx];
    const src = absoluteHref(token.attrGet('src') ?? '', env.siteOrigin);
    if (isRelativePath(src)) return localImage(token, src, self, options, env);
    if (env.remoteImages || !/^https?:/i.test(src)) return defaultImage ? defaultImage(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const label = alt.trim() === '' ? src : alt;
    // Inside a link (`[![图](src)](href)`) the link is what a click follows: a link in a link is no HTML.
    if (env.linkDepth > 0) return `<span class="remote-image" title="${escapeHtml(src)}">[${escapeHtml(label)}]</span>`;
    return `<a class="remote-image" href="${escapeHtml(src)}" title="${escapeHtml(src)}">[${escapeHtml(label)}]</a>`;
  };
  renderer.rules.link_open = (tokens, idx, options, env: RenderEnv, self) => {
    // Tokens are cached across renders: change a copy, never the token itself.
    const token = copyToken(tokens[idx]);
    const href = token.attrGet('href');
    if (href !== null) token.attrSet('href', absoluteHref(href, env.siteOrigin));
    const title = /^《([^《》]+)》$/.exec(tokens[idx + 1]?.content ?? '');
    const post = title && tokens[idx + 1]?.type === 'text' ? lookUpTitle(env, title[1]) : undefined;
    if (title && post) {
      env.postLinks.push({ title: title[1], postId: post.id });
      token.attrJoin('class', 'post-link');
      token.attrSet('data-post-id', post.id);
    }
    env.linkDepth++;
    return self.renderToken([token], 0, options);
  };
  renderer.rules.link_close = (tokens, idx, options, env: RenderEnv, self) => {
    env.linkDepth--;
    return self.renderToken(tokens, idx, options);
  };
  renderer.rules.heading_open = (tokens, idx, options, env: RenderEnv, self) => {
    const token = tokens[idx];
    const text = headingText(tokens[idx + 1]);
    const id = uniqueId(slug(text), env.headingIds);
    token.attrSet('id', id);
    const line = (token.map?.[0] ?? 0) + env.lineOffset;
    env.headings.push({ level: Number(token.tag.slice(1)), text, id, line: line + 1 });
    return self.renderToken(tokens, idx, options);
  };
}

/**
 * A post's own `<a href>`, `</a>` and `<img src>` (postHtml) rendered by the rules that render
 * Markdown's `[text](href)` and `![alt](src)`: the same address checks, the blog's root-relative
 * addresses, a remote image a link unless asked for. Entities in the attributes are decoded first.
 */
function postMedia(md: MarkdownIt, options: MarkdownIt['options'], env: RenderEnv, self: Renderer): MediaRenderer {
  const decoded = (value: string) => md.utils.unescapeAll(value).trim();
  const address = (raw: string) => {
    const url = md.normalizeLink(decoded(raw));
    return md.validateLink(url) ? url : undefined;
  };
  const TokenClass = md.core.State.prototype.Token;
  const make = (type: string, tag: string, nesting: 1 | 0 | -1, attrs: [string, string][]) => {
    const token = new TokenClass(type, tag, nesting);
    token.attrs = attrs.length > 0 ? attrs : null;
    return token;
  };
  const html = (token: Token) => self.rules[token.type]?.([token], 0, options, env, self) ?? self.renderToken([token], 0, options);
  const title = (value: string | undefined): [string, string][] => (value ? [['title', decoded(value)]] : []);
  return (wanted) => {
    switch (wanted.kind) {
      case 'linkEnd':
        if (env.htmlLinks === 0) return '';
        env.htmlLinks--;
        return html(make('link_close', 'a', -1, []));
      case 'link': {
        const href = address(wanted.href);
        if (href === undefined) return undefined;
        env.htmlLinks++;
        return html(make('link_open', 'a', 1, [['href', href], ...title(wanted.title)]));
      }
      case 'image': {
        const src = address(wanted.src);
        if (src === undefined) return undefined;
        const sizes = (['width', 'height'] as const).flatMap((name): [string, string][] => (wanted[name] ? [[name, wanted[name]]] : []));
        const image = make('image', 'img', 0, [['src', src], ['alt', ''], ...title(wanted.title), ...sizes]);
        const alt = make('text', '', 0, []);
        alt.content = decoded(wanted.alt);
        image.content = alt.content;
        image.children = [alt];
        return html(image);
      }
    }
  };
}

/** 《title》 in running text becomes a link when the library knows the post. */
function linkBookTitles(text: string, env: RenderEnv): string {
  if (env.linkDepth > 0 || !env.resolveTitle || !text.includes('《')) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(BOOK_TITLE)) {
    const post = lookUpTitle(env, match[1]);
    if (!post) continue;
    env.postLinks.push({ title: match[1], postId: post.id });
    const at = match.index ?? 0;
    out += escapeHtml(text.slice(last, at));
    out += `<a class="post-link" data-post-id="${escapeHtml(post.id)}">${escapeHtml(match[0])}</a>`;
    last = at + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * An image beside the post (`![图](figs/a.png)`): where it is depends on where the page is shown, so
 * the rendered (and cached) HTML names it by `data-kx-src` only; localImages.ts gives it its `src`.
 */
function localImage(token: Token, src: string, self: Renderer, options: MarkdownIt['options'], env: RenderEnv): string {
  const image = copyToken(token);
  image.attrs = (image.attrs ?? []).filter(([name]) => name !== 'src');
  image.attrSet(LOCAL_IMAGE_ATTRIBUTE, src);
  image.attrJoin('class', 'local-image');
  image.attrSet('alt', self.renderInlineAsText(token.children ?? [], options, env));
  return self.renderToken([image], 0, options);
}

function copyToken(token: Token): Token {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as Token, token);
  copy.attrs = token.attrs ? token.attrs.map(([name, value]): [string, string] => [name, value]) : null;
  return copy;
}

function lookUpTitle(env: RenderEnv, title: string): ResolvedPost | undefined {
  const post = env.resolveTitle?.(title);
  env.titleLookups.push({ title, postId: post?.id });
  return post;
}

function headingText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? '';
  return inline.children
    .filter((child) => child.type === 'text' || child.type === 'code_inline' || child.type === MATH_INLINE)
    .map((child) => (child.type === MATH_INLINE ? String((child.meta as { tex?: string }).tex ?? '') : child.content))
    .join('')
    .trim();
}

/** A heading's id before it is made unique: `h-` and its words (links to a heading by its words find it: headingAnchor.ts). */
export function slug(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
  return `h-${cleaned || 'section'}`;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
