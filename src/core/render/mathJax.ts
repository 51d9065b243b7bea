// MathJax 3 (TeX → SVG through the lite DOM adaptor, no browser needed): the blog's own renderer,
// used where KaTeX refuses a formula (the render engine's fallback) and for editor hovers (an SVG
// image). It takes ≈150 ms to load, so it is imported on first need, one module per turn of the
// event loop, never at activation or for a post KaTeX draws alone.

import type { LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { LiteDocument } from 'mathjax-full/js/adaptors/lite/Document.js';
import type { LiteElement, LiteNode } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { LiteText } from 'mathjax-full/js/adaptors/lite/Text.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';
import { markMathJaxSymbols, type MmlLike } from '../notation/mathJaxSymbols';
import type { importMathJax, MathJaxModules } from './mathJaxModules';

/** Macros by name without backslash; the dialect's definitions and the editor's table both fit. */
export type MacroTable = Readonly<Record<string, { body: string; arguments: number; optionalDefault?: string }>>;

export type SvgOutcome = { svg: string } | { error: string };

/** A formula's MathJax parse tree (no output drawn), or why MathJax refused it. */
export type TreeOutcome = { tree: MmlLike } | { error: string };

export interface RenderOptions {
  /**
   * Mark each symbol's node with its TeX (data-kx-symbol, data-kx-n) for the preview's symbol hover;
   * default true. An editor hover's image has no use for them (and they make it a third larger).
   */
  symbolMarks?: boolean;
  /**
   * `none` (default): every glyph a path of its own, so SVGs set side by side in one page share (and
   * clash on) no id. `local`: each glyph's path once per SVG, used where it recurs — a third smaller
   * and quicker to write out, for an SVG shown alone (an editor hover's image).
   */
  fontCache?: 'none' | 'local';
}

type LiteMathDocument = MathDocument<LiteNode, LiteText, LiteDocument>;

interface LoadedMathJax {
  adaptor: LiteAdaptor;
  documentFor(macros: MacroTable, key: string, fontCache?: 'none' | 'local'): LiteMathDocument;
  /** Whether the next conversions mark symbols (read by the TeX input's filter, conversions being synchronous). */
  marks: { on: boolean };
  /** MathJax's STATE.CONVERT: `convert` stops at the parse tree. */
  treeState: number;
}

/**
 * Packages left out: loaders that fetch files (`autoload`, `require` — the dialect pass drops
 * `\require`), the ones that turn errors into output (`noerrors`, `noundefined`: we want the
 * message), `html` (the dialect pass reduces `\style`/`\class`/`\cssId` to their content; MathJax
 * must never put a post's CSS or ids on our page), `colorv2` (clashes with `color`), `bussproofs`.
 */
const LEFT_OUT = new Set(['autoload', 'require', 'noerrors', 'noundefined', 'html', 'colorv2', 'bussproofs']);
/** A TeX input jax is built per macro set; posts rarely define macros, so a few are enough. */
const DOCUMENTS_KEPT = 8;
/** Nothing real comes near this; a pasted blob should not stall the extension host. */
export const MATHJAX_MAX_TEX_LENGTH = 20_000;

/** mathjax-full's version (package.json), part of every cache key holding MathJax output. */
export const MATHJAX_VERSION = '3.2.2';

export class MathJaxRenderer {
  private loading: Promise<void> | undefined;
  private loaded: LoadedMathJax | undefined;
  /** Why MathJax could not be loaded (a broken install): every formula then says so, none waits. */
  private loadError: string | undefined;

  /** Whether `renderNow` can answer without waiting: MathJax is in memory, or known not to load. */
  get isReady(): boolean {
    return this.loaded !== undefined || this.loadError !== undefined;
  }

  /** Loads MathJax once; later calls get the same promise. Never rejects. */
  ready(): Promise<void> {
    this.loading ??= loadMathJax().then(
      (loaded) => {
        this.loaded = loaded;
      },
      (error: unknown) => {
        this.loadError = `MathJax could not be loaded: ${messageOf(error)}`;
      },
    );
    return this.loading;
  }

  async render(tex: string, display: boolean, macros: MacroTable, macrosKey: string): Promise<SvgOutcome> {
    await this.ready();
    return this.renderNow(tex, display, macros, macrosKey);
  }

  /** Renders synchronously; MathJax must be loaded (`isReady`). `macrosKey` names `macros`. */
  renderNow(tex: string, display: boolean, macros: MacroTable, macrosKey: string, options: RenderOptions = {}): SvgOutcome {
    const mathJax = this.loaded;
    if (!mathJax) return { error: this.loadError ?? 'MathJax is still loading' };
    if (tex.length > MATHJAX_MAX_TEX_LENGTH) return { error: `formula longer than ${MATHJAX_MAX_TEX_LENGTH} characters` };
    mathJax.marks.on = options.symbolMarks ?? true;
    try {
      const container = mathJax.documentFor(macros, macrosKey, options.fontCache).convert(tex, { display, em: 16, ex: 8, containerWidth: 1280 }) as LiteElement;
      const svg = mathJax.adaptor.firstChild(container) as LiteElement | null;
      return svg ? { svg: mathJax.adaptor.outerHTML(svg) } : { error: 'MathJax produced no SVG' };
    } catch (error: unknown) {
      if (error instanceof RangeError) return { error: 'formula too deeply nested' };
      return { error: messageOf(error) };
    } finally {
      mathJax.marks.on = true;
    }
  }

  /**
   * The formula's parse tree, nothing drawn (the notation of a formula KaTeX refuses is read from it);
   * MathJax must be loaded (`isReady`). Its symbols' nodes carry the marks, as in a render.
   */
  parseNow(tex: string, display: boolean, macros: MacroTable, macrosKey: string): TreeOutcome {
    const mathJax = this.loaded;
    if (!mathJax) return { error: this.loadError ?? 'MathJax is still loading' };
    if (tex.length > MATHJAX_MAX_TEX_LENGTH) return { error: `formula longer than ${MATHJAX_MAX_TEX_LENGTH} characters` };
    try {
      return { tree: mathJax.documentFor(macros, macrosKey).convert(tex, { display, end: mathJax.treeState }) as MmlLike };
    } catch (error: unknown) {
      if (error instanceof RangeError) return { error: 'formula too deeply nested' };
      return { error: messageOf(error) };
    }
  }
}

/** Set by esbuild.mjs for the Node bundles in dist/: the file MathJax was bundled into, beside them. */
declare const KEXUE_MATHJAX_BUNDLE: string | undefined;
/** The bundler's (and Node's) require and folder; declared here because src/core is also type-checked without Node's types. */
declare const require: (id: string) => unknown;
declare const __dirname: string;

/**
 * MathJax's modules: from their own bundle beside ours in dist/ (so that no other bundle carries
 * them), or, unbundled (the tests), imported here.
 */
function mathJaxModules(): Promise<MathJaxModules> {
  // An if/else on the constant, not a ternary or early return: esbuild then drops the other branch,
  // and with it MathJax from the bundle.
  if (typeof KEXUE_MATHJAX_BUNDLE === 'string') {
    return (require(`${__dirname}/${KEXUE_MATHJAX_BUNDLE}`) as { importMathJax: typeof importMathJax }).importMathJax();
  } else {
    return import('./mathJaxModules').then((modules) => modules.importMathJax());
  }
}

async function loadMathJax(): Promise<LoadedMathJax> {
  const { mathjax, TeX, AllPackages, SVG, liteAdaptor, RegisterHTMLHandler, STATE } = await mathJaxModules();
  const adaptor = liteAdaptor();
  const marks = { on: true };
  RegisterHTMLHandler(adaptor);
  const packages = AllPackages.filter((name) => !LEFT_OUT.has(name));
  const documents = new Map<string, LiteMathDocument>();
  const documentFor = (macros: MacroTable, macrosKey: string, fontCache: 'none' | 'local' = 'none'): LiteMathDocument => {
    const key = `${fontCache}\u0000${macrosKey}`;
    let document = documents.get(key);
    if (document) {
      // Most recently used last, so the oldest is first to go.
      documents.delete(key);
      documents.set(key, document);
      return document;
    }
    const input = new TeX({
      packages,
      macros: Object.fromEntries(
        Object.entries(macros).map(([name, macro]) => [
          name,
          macro.optionalDefault !== undefined
            ? [macro.body, macro.arguments, macro.optionalDefault]
            : macro.arguments > 0
              ? [macro.body, macro.arguments]
              : macro.body,
        ]),
      ),
      // Throw instead of drawing a red merror box: callers show the message.
      formatError: (_jax: unknown, error: Error) => {
        throw error;
      },
    });
    // Each symbol's node carries its TeX (data-kx-symbol) into the SVG: the preview's symbol hover reads
    // it there, since KaTeX's parse tree has nothing for a formula KaTeX refused.
    input.postFilters.add(({ data }: { data: { root: MmlLike } }) => {
      if (marks.on) markMathJaxSymbols(data.root);
    });
    // By default no font cache: every glyph is a path of its own, so no two formulas on a page share
    // (or clash on) an id, and an SVG can be cut out and shown alone (RenderOptions.fontCache).
    document = mathjax.document('', { InputJax: input, OutputJax: new SVG({ fontCache }) }) as LiteMathDocument;
    documents.set(key, document);
    if (documents.size > DOCUMENTS_KEPT) {
      const oldest = documents.keys().next().value;
      if (oldest !== undefined) documents.delete(oldest);
    }
    return document;
  };
  return { adaptor, documentFor, marks, treeState: STATE.CONVERT };
}

/** MathJax's TexError is not an Error subclass, but it carries a message. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

let shared: MathJaxRenderer | undefined;

/**
 * The one MathJax of the process, shared by every PostRenderer (one per open document) so it is
 * loaded once. Creating it loads nothing: MathJax is imported on the first formula KaTeX refuses.
 */
export function sharedMathJax(): MathJaxRenderer {
  shared ??= new MathJaxRenderer();
  return shared;
}
