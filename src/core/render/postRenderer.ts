// The render engine's entry point: one PostRenderer per open document (preview, export, CLI),
// holding caches so a render after a small edit re-parses one block and re-runs no KaTeX.
//
// Pipeline: front matter → html2text repair (with a column map) → blocks → markdown-it tokens
// (cached per block text) → numbering over all displays → KaTeX per formula (cached per TeX and
// macro state) → HTML per block with `data-line` for scroll sync.

import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { splitIntoBlocks, type SourceBlock } from './blocks';
import { detectDigestLayout, parseDigest, type DigestLayout } from './digest';
import { blankFrontMatter, readFrontMatter } from '../text/frontMatter';
import type { LineWindow } from './firstScreen';
import { KatexCache, type FormulaStore, type MathFallback } from './katexCache';
import { MacroState } from './macroState';
import { sharedMathJax } from './mathJax';
import { createMarkdownEngine, type RenderEnv, type TitleLookup } from './markdownEngine';
import { createOutput, MathMemo, numberEquations, renderMath, type MathSite } from './mathPass';
import { MATH_BLOCK, MATH_INLINE } from './mathRules';
import { looksLikeHtml2text, normaliseHtml2text, type SourceMap } from './normalize';
import type { PostLink, RenderedHeading, RenderMeta, RenderOptions, RenderResult } from './types';
import { assemble, digestEntryHtml, postMeta, type DocumentState } from './resultAssembly';
import { DEFAULT_ORIGIN, parseResult, resultKey, serialiseResult } from './storedResult';

interface BlockHtmlMemo {
  startLine: number;
  hasTitleLookup: boolean;
  titleLookups: TitleLookup[];
  siteOrigin: string;
  remoteImages: boolean;
  mathParts: string[];
  headings: RenderedHeading[];
  postLinks: PostLink[];
  html: string;
}

export interface PostRendererOptions {
  /**
   * What draws a formula KaTeX refuses: by default the process's shared MathJax (loaded on first
   * need); `false` for KaTeX alone.
   */
  fallback?: MathFallback | false;
  /** Rendered formulas kept across sessions (the disk cache); none by default. */
  store?: FormulaStore;
  /**
   * Whole rendered posts kept across sessions, for renders without a title lookup or a line window
   * (the CLI): an unchanged post is read back, not rendered.
   */
  resultStore?: FormulaStore;
}

export class PostRenderer {
  /** Built on the first render that parses (see createMarkdownEngine). */
  private mdEngine: MarkdownIt | undefined;
  private readonly tokensByBlock = new Map<string, Token[]>();
  private blocksUsed = new Set<string>();
  private readonly katex: KatexCache;
  private readonly resultStore: FormulaStore | undefined;
  private readonly mathMemo = new MathMemo();
  private readonly htmlMemo = new WeakMap<Token[], BlockHtmlMemo>();

  constructor(options: PostRendererOptions = {}) {
    const fallback = options.fallback === false ? undefined : (options.fallback ?? sharedMathJax());
    this.katex = new KatexCache({ fallback, store: options.store });
    this.resultStore = options.resultStore;
  }

  private get md(): MarkdownIt {
    this.mdEngine ??= createMarkdownEngine();
    return this.mdEngine;
  }

  /**
   * Formulas taken from memory, from the store (disk), and sent to an engine; MathJax runs among
   * them; counted since construction, for tests and the bench.
   */
  get cacheStats(): { hits: number; storeHits: number; misses: number; mathJaxRuns: number; size: number } {
    const { hits, storeHits, misses, mathJaxRuns, size } = this.katex;
    return { hits, storeHits, misses, mathJaxRuns, size };
  }

  /**
   * Resolves when MathJax has loaded. A render that left placeholders (`stats.pendingFallbacks`)
   * should be repeated then; everything else comes from the caches.
   */
  fallbackReady(): Promise<void> {
    return this.katex.fallbackReady();
  }

  /** Renders, waiting for MathJax first when a formula needs it: for the CLI and the export. */
  async renderComplete(text: string, options: RenderOptions = {}): Promise<RenderResult> {
    const first = this.render(text, options);
    if (first.stats.pendingFallbacks === 0) return first;
    await this.fallbackReady();
    const second = this.render(text, options);
    second.stats.ms += first.stats.ms;
    return second;
  }

  /**
   * The result the result store keeps for this text and these options, or undefined: renders
   * nothing (the CLI asks before it starts worker threads for the posts that changed).
   */
  stored(text: string, options: RenderOptions = {}): RenderResult | undefined {
    const started = now();
    const storeKey = this.resultKeyOf(text, options);
    return storeKey === undefined ? undefined : this.restore(storeKey, started);
  }

  render(text: string, options: RenderOptions = {}): RenderResult {
    const started = now();
    const storeKey = this.resultKeyOf(text, options);
    const restored = storeKey === undefined ? undefined : this.restore(storeKey, started);
    if (restored) return restored;
    const unix = text.replace(/\r\n?/g, '\n');
    const layout = detectDigestLayout(unix);
    const result = layout ? this.renderDigestText(unix, layout, options) : this.renderPostText(unix, options);
    this.katex.endRound();
    this.forgetUnusedBlocks();
    result.stats.ms = now() - started;
    // Only a finished render is kept: placeholders wait for MathJax.
    if (storeKey !== undefined && result.stats.pendingFallbacks === 0) this.resultStore?.set(storeKey, serialiseResult(result));
    return result;
  }

  /** Results are kept for renders without a title lookup or a line window. */
  private resultKeyOf(text: string, options: RenderOptions): string | undefined {
    return this.resultStore && !options.resolveTitle && !options.lines ? resultKey(text, options) : undefined;
  }

  private restore(storeKey: string, started: number): RenderResult | undefined {
    const stored = this.resultStore?.get(storeKey);
    const restored = stored === undefined ? undefined : parseResult(stored);
    if (restored) restored.stats.ms = now() - started;
    return restored;
  }

  private renderPostText(text: string, options: RenderOptions): RenderResult {
    const frontMatter = readFrontMatter(text);
    const body = blankFrontMatter(text, frontMatter.lineCount);
    const { text: normalised, map } = this.normalise(body, options);
    const state = this.newState(options);
    const blocks = splitIntoBlocks(normalised);
    const html = this.renderBlocks(blocks, state, map, options, options.lines);
    const meta = postMeta(frontMatter.fields, normalised);
    if (meta.title === undefined) meta.title = state.env.headings.find((heading) => heading.level === 1)?.text;
    return { ...assemble(html, meta, [state]), blockEnds: state.blockEnds };
  }

  private renderDigestText(text: string, layout: DigestLayout, options: RenderOptions): RenderResult {
    const { text: normalised, map } = this.normalise(text, options);
    const entries = parseDigest(normalised, layout);
    const states: DocumentState[] = [];
    const parts: string[] = [];
    for (const entry of entries) {
      const state = this.newState(options);
      const blocks = splitIntoBlocks(entry.body).map((block) => ({ ...block, startLine: block.startLine + entry.bodyStartLine }));
      const bodyHtml = this.renderBlocks(blocks, state, map, options);
      parts.push(digestEntryHtml(entry, bodyHtml, state.env));
      states.push(state);
    }
    const meta: RenderMeta = { layout, extra: {} };
    return assemble(`<section class="digest">\n${parts.join('')}</section>\n`, meta, states);
  }

  private normalise(text: string, options: RenderOptions): { text: string; map: SourceMap } {
    const mode = options.html2text ?? 'auto';
    const undo = mode === 'auto' ? looksLikeHtml2text(text) : mode;
    return normaliseHtml2text(text, undo);
  }

  private newState(options: RenderOptions): DocumentState {
    return {
      output: createOutput(),
      mathNodes: 0,
      partial: false,
      blockEnds: [],
      env: {
        mathHtml: new Map(),
        mathAttrs: new Map(),
        lineOffset: 0,
        resolveTitle: options.resolveTitle,
        titleLookups: [],
        siteOrigin: options.siteOrigin ?? DEFAULT_ORIGIN,
        postLinks: [],
        headings: [],
        headingIds: new Set(),
        linkDepth: 0,
        htmlLinks: 0,
        remoteImages: options.remoteImages ?? false,
      },
    };
  }

  /** `lines`: render only the blocks overlapping them (the first screens; digests never pass it). */
  private renderBlocks(blocks: SourceBlock[], state: DocumentState, map: SourceMap, options: RenderOptions, lines?: LineWindow): string {
    // Identical blocks (two `---` rules, a repeated formula) need tokens of their own: numbers and
    // rendered math are stored per token.
    const seen = new Map<string, number>();
    const parsed = blocks.map((block) => {
      const occurrence = seen.get(block.text) ?? 0;
      seen.set(block.text, occurrence + 1);
      return { block, tokens: this.tokensFor(block.text, occurrence), sites: [] as MathSite[] };
    });
    const sites: MathSite[] = [];
    for (const entry of parsed) {
      collectMath(entry.tokens, entry.block.startLine, entry.sites);
      for (const site of entry.sites) sites.push(site);
    }
    state.mathNodes = sites.length;
    const numbering = numberEquations(sites, this.mathMemo, state.output);
    const shown = lines ? parsed.filter((entry) => overlaps(entry.block, lines)) : parsed;
    state.partial = shown.length < parsed.length;
    // A partial render still runs the macro definitions above its window, so they hold in it.
    const firstShown = shown.length > 0 ? parsed.indexOf(shown[0]) : parsed.length;
    const definitionsAbove = state.partial
      ? parsed.slice(0, firstShown).flatMap((entry) => entry.sites).filter((site) => {
          const facts = this.mathMemo.factsOf(site.token);
          return facts.definitions.length > 0 || facts.definesMacros;
        })
      : [];
    renderMath(state.partial ? [...definitionsAbove, ...shown.flatMap((entry) => entry.sites)] : sites, numbering, {
      cache: this.katex,
      memo: this.mathMemo,
      macros: new MacroState(options.macros ?? {}),
      map,
      mathHtml: state.env.mathHtml,
      mathAttrs: state.env.mathAttrs,
    }, state.output);
    let html = '';
    for (const { block, tokens, sites: blockSites } of shown) {
      html += this.blockHtml(block, tokens, blockSites, state.env);
      state.blockEnds.push(html.length);
    }
    return html;
  }

  /**
   * A block renders to the same HTML as last time when it starts on the same line, its formulas
   * came out the same and the title lookup is the same; headings and post links are replayed.
   */
  private blockHtml(block: SourceBlock, tokens: Token[], sites: MathSite[], env: RenderEnv): string {
    const mathParts = sites.flatMap((site) => [env.mathHtml.get(site.token) ?? '', env.mathAttrs.get(site.token) ?? '']);
    const previous = this.htmlMemo.get(tokens);
    if (
      previous &&
      previous.startLine === block.startLine &&
      // Callers often pass a new closure each time: compare the answers, not the function.
      previous.hasTitleLookup === (env.resolveTitle !== undefined) &&
      previous.titleLookups.every((lookup) => env.resolveTitle?.(lookup.title)?.id === lookup.postId) &&
      previous.siteOrigin === env.siteOrigin &&
      previous.remoteImages === env.remoteImages &&
      sameStrings(previous.mathParts, mathParts) &&
      previous.headings.every((heading) => !env.headingIds.has(heading.id))
    ) {
      for (const heading of previous.headings) {
        env.headingIds.add(heading.id);
        env.headings.push(heading);
      }
      env.postLinks.push(...previous.postLinks);
      return previous.html;
    }
    const headingsBefore = env.headings.length;
    const linksBefore = env.postLinks.length;
    const lookupsBefore = env.titleLookups.length;
    env.lineOffset = block.startLine;
    markTopLevelLines(tokens, block.startLine);
    const html = this.md.renderer.render(tokens, this.md.options, env);
    this.htmlMemo.set(tokens, {
      startLine: block.startLine,
      hasTitleLookup: env.resolveTitle !== undefined,
      titleLookups: env.titleLookups.slice(lookupsBefore),
      siteOrigin: env.siteOrigin,
      remoteImages: env.remoteImages,
      mathParts,
      headings: env.headings.slice(headingsBefore),
      postLinks: env.postLinks.slice(linksBefore),
      html,
    });
    return html;
  }

  private tokensFor(text: string, occurrence: number): Token[] {
    const key = occurrence === 0 ? text : `${occurrence}\u0000${text}`;
    this.blocksUsed.add(key);
    let tokens = this.tokensByBlock.get(key);
    if (!tokens) {
      tokens = this.md.parse(text, {});
      this.tokensByBlock.set(key, tokens);
    }
    return tokens;
  }

  /** Blocks the last render did not use are dropped, so the cache follows the document. */
  private forgetUnusedBlocks(): void {
    if (this.tokensByBlock.size > this.blocksUsed.size * 2) {
      for (const key of this.tokensByBlock.keys()) if (!this.blocksUsed.has(key)) this.tokensByBlock.delete(key);
    }
    this.blocksUsed = new Set();
  }
}

/** Renders a document once; for repeated renders of one document keep a PostRenderer. */
export function renderPost(text: string, options: RenderOptions = {}): RenderResult {
  return new PostRenderer().render(text, options);
}

/** Renders a document once, MathJax fallbacks drawn (waits for MathJax when a formula needs it). */
export function renderPostComplete(text: string, options: RenderOptions = {}): Promise<RenderResult> {
  return new PostRenderer().renderComplete(text, options);
}

/** A digest .txt, whichever layout; a text that is no digest renders as a post. */
export function renderDigest(text: string, options: RenderOptions = {}): RenderResult {
  return new PostRenderer().render(text, options);
}

/** Whether a block shares a line with the window. */
function overlaps(block: SourceBlock, lines: LineWindow): boolean {
  let lastLine = block.startLine;
  for (let i = block.text.indexOf('\n'); i >= 0; i = block.text.indexOf('\n', i + 1)) lastLine++;
  return block.startLine <= lines.through && lastLine >= lines.from;
}

function collectMath(tokens: Token[], blockStartLine: number, sites: MathSite[]): void {
  for (const token of tokens) {
    if (token.type === MATH_BLOCK) sites.push({ token, blockStartLine });
    else if (token.children) {
      for (const child of token.children) if (child.type === MATH_INLINE) sites.push({ token: child, blockStartLine });
    }
  }
}

/** `data-line` (0-based, as VS Code's preview uses it) on every top-level block for scroll sync. */
function markTopLevelLines(tokens: Token[], startLine: number): void {
  for (const token of tokens) {
    if (token.level === 0 && token.nesting !== -1 && token.map && token.type !== MATH_BLOCK) {
      token.attrSet('data-line', String(token.map[0] + startLine));
    }
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function now(): number {
  return globalThis.performance ? globalThis.performance.now() : Date.now();
}
