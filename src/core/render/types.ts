// The contract of the render engine: what callers (preview, export, hovers, CLI) pass in and get back.
// Every line/column here is 1-based and counted in the caller's original text, never in our
// normalised copy, so an editor can jump straight to it.

import type { LineWindow } from './firstScreen';

/** A post found by its 《title》; the library decides what matches. */
export interface ResolvedPost {
  id: string;
}

export interface RenderOptions {
  /** Macros every post starts with, e.g. {"\\R": "\\mathbb{R}"}. Never mutated. */
  macros?: Readonly<Record<string, string>>;
  /**
   * Looks a 《title》 up in the library; undefined when no post matches. A re-render asks again
   * for the titles of unchanged blocks, so a library update shows without any invalidation call.
   */
  resolveTitle?: (title: string) => ResolvedPost | undefined;
  /**
   * Undo html2text's Markdown escaping inside math (`\\\` → `\\`, `\left\\{` → `\left\{`).
   * 'auto' (default) turns it on when the text shows html2text's fingerprints.
   */
  html2text?: boolean | 'auto';
  /** Where root-relative links such as `/archives/9554` point; default the blog itself. */
  siteOrigin?: string;
  /** Load images from the web (`<img src="https:…">`); by default they render as links instead. */
  remoteImages?: boolean;
  /**
   * Render only the blocks that overlap these lines: the first screens of a long post, put on screen
   * before the rest is ready. Numbering still runs over the whole post, so the numbers and \eqref
   * targets shown are final, and macros defined above the window hold in it. Digests render whole.
   */
  lines?: LineWindow;
}

export interface RenderMeta {
  title?: string;
  date?: string;
  slug?: string;
  status?: string;
  tags?: string[];
  /** Source address of the post (`**原文链接**`) when the body names it. */
  url?: string;
  /** Which input layout was recognised. */
  layout: 'post' | 'digest-dated' | 'digest-undated';
  /** Any other front-matter key, kept as written. */
  extra: Record<string, string>;
}

export interface RenderedHeading {
  level: number;
  text: string;
  id: string;
  line: number;
}

export interface RenderedEquation {
  /** What the reader sees between the parentheses: "3" or a \tag's text. */
  number: string;
  label?: string;
  line: number;
  /** The TeX of the whole display the equation belongs to, as written (after html2text repair). */
  tex: string;
}

export interface RenderedEqref {
  label: string;
  line: number;
  resolved: boolean;
}

export interface RenderError {
  line: number;
  column: number;
  /** KaTeX's message; with MathJax's too when MathJax refused the formula as well. */
  message: string;
  /** The formula as the renderer saw it (after the dialect pass, with numbers and references). */
  tex?: string;
  /** The engine that refused it last: 'mathjax' once the fallback was tried, else 'katex'. */
  engine?: 'katex' | 'mathjax';
}

export interface PostLink {
  title: string;
  postId: string;
}

export interface RenderStats {
  mathNodes: number;
  numbered: number;
  eqrefs: number;
  unresolvedEqrefs: number;
  /** Formulas KaTeX refused and MathJax drew. */
  fallbacks: number;
  /**
   * Formulas shown as placeholders because MathJax was still loading: render again after
   * `PostRenderer.fallbackReady()` (cheap: everything else comes from the caches).
   */
  pendingFallbacks: number;
  ms: number;
}

export interface RenderResult {
  /**
   * Body HTML. Top-level blocks carry `data-line` (0-based, as VS Code's preview counts) for scroll
   * sync; displays are `<div class="math-display" id="eq-<label>" data-eq-numbers="…">`; references
   * are `<a class="eqref" href="#eq-<label>" data-label data-target data-eq-number>`.
   */
  html: string;
  meta: RenderMeta;
  headings: RenderedHeading[];
  equations: RenderedEquation[];
  eqrefs: RenderedEqref[];
  errors: RenderError[];
  postLinks: PostLink[];
  stats: RenderStats;
  /**
   * True when `lines` left blocks out: `html`, `headings`, `eqrefs`, `errors` and `postLinks`
   * then cover the rendered blocks only (`equations` always covers the whole post).
   */
  partial: boolean;
  /**
   * Posts (not digests): where each top-level block's HTML ends in `html`. Cut there, the HTML falls
   * into whole elements, so a page can take a long post in parts.
   */
  blockEnds?: number[];
}
