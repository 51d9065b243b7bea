// MathJax (TeX → SVG through the lite DOM adaptor) for hovers: VS Code's MarkdownString has no math,
// so a formula travels as an SVG image (facts.md §3). MathJax takes ≈150 ms to load, so it is
// imported on first use, never at activation. No `vscode` here: the bench and unit tests run it in Node.

import type { LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type { LiteDocument } from 'mathjax-full/js/adaptors/lite/Document.js';
import type { LiteElement, LiteNode } from 'mathjax-full/js/adaptors/lite/Element.js';
import type { LiteText } from 'mathjax-full/js/adaptors/lite/Text.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';
import type { MacroTable } from '../../core/editor/macroDefinitions';
import { macroTableKey } from '../../core/editor/macroDefinitions';

export type SvgOutcome = { svg: string } | { error: string };

type LiteMathDocument = MathDocument<LiteNode, LiteText, LiteDocument>;

interface LoadedMathJax {
  adaptor: LiteAdaptor;
  documentFor(macros: MacroTable): LiteMathDocument;
}

/**
 * Packages left out: loaders that fetch files (`autoload`, `require`), the ones that turn errors
 * into output (`noerrors`, `noundefined`: we want the message), and `html` (raw HTML attributes,
 * the counterpart of KaTeX's trust:false), `colorv2` (clashes with `color`), `bussproofs` (unused).
 */
const LEFT_OUT = new Set(['autoload', 'require', 'noerrors', 'noundefined', 'html', 'colorv2', 'bussproofs']);
/** A TeX input jax is built per macro set; posts rarely define macros, so a few are enough. */
const DOCUMENTS_KEPT = 8;
/** Nothing real comes near this; a pasted blob should not stall the extension host. */
const MAX_TEX_LENGTH = 20_000;
/** Shapes the posts use most: bold matrices, fractions and sums, aligned rows, cases, \text. */
const WARM_UP = [
  '\\boldsymbol{A}^{\\dagger} = \\mathop{\\text{argmin}}_{\\boldsymbol{B}} \\Vert \\boldsymbol{A}\\boldsymbol{B} - \\boldsymbol{I}_n\\Vert_F^2',
  '\\begin{equation*}\\frac{\\partial \\mathcal{L}}{\\partial B_{i,j}} = \\sum_{k,l}\\frac{\\partial \\mathcal{L}}{\\partial E_{k,l}}\\end{equation*}',
  '\\begin{align*}x\'(t) =&\\, A x(t) + B u(t) \\\\ y(t) =&\\, C x(t)\\end{align*}',
  '\\begin{equation*}f(x) = \\left\\{\\begin{aligned}&1, & x > 0 \\\\ &0, & \\text{其他}\\end{aligned}\\right.\\end{equation*}',
  '\\begin{pmatrix}\\cos m\\theta & -\\sin m\\theta \\\\ \\sin m\\theta & \\cos m\\theta\\end{pmatrix}\\begin{pmatrix}q_0 \\\\ q_1\\end{pmatrix}',
  '\\int_0^t e^{(t-s)A} B u(s) ds \\approx \\sum_{n=0}^{N-1} c_n(t) p_n(s) + \\mathbb{E}[\\log p(x)]',
];

export class MathJaxSvgRenderer {
  private loading: Promise<LoadedMathJax> | undefined;
  private loaded: LoadedMathJax | undefined;

  /** Whether MathJax is in memory, so `renderNow` can run without waiting. */
  get isReady(): boolean {
    return this.loaded !== undefined;
  }

  /** Loads MathJax once; later calls get the same promise. */
  ready(): Promise<void> {
    this.loading ??= loadMathJax().then((loaded) => {
      this.loaded = loaded;
      void this.warmUp();
      return loaded;
    });
    return this.loading.then(() => undefined);
  }

  async render(tex: string, display: boolean, macros: MacroTable): Promise<SvgOutcome> {
    await this.ready();
    return this.renderNow(tex, display, macros);
  }

  /**
   * MathJax's first conversions run through cold code paths (V8 has not optimised them yet) and
   * take several times longer; doing a few typical ones at load time keeps that off the first hovers.
   */
  private async warmUp(): Promise<void> {
    for (const tex of WARM_UP) {
      await nextTurn();
      this.renderNow(tex, true, {});
    }
  }

  /** Renders synchronously; MathJax must be loaded (`isReady`). */
  renderNow(tex: string, display: boolean, macros: MacroTable): SvgOutcome {
    const mathJax = this.loaded;
    if (!mathJax) return { error: 'MathJax is still loading' };
    if (tex.length > MAX_TEX_LENGTH) return { error: `formula longer than ${MAX_TEX_LENGTH} characters` };
    try {
      const container = mathJax.documentFor(macros).convert(tex, { display, em: 16, ex: 8, containerWidth: 1280 }) as LiteElement;
      const svg = mathJax.adaptor.firstChild(container) as LiteElement | null;
      return svg ? { svg: mathJax.adaptor.outerHTML(svg) } : { error: 'MathJax produced no SVG' };
    } catch (error: unknown) {
      if (error instanceof RangeError) return { error: 'formula too deeply nested' };
      return { error: messageOf(error) };
    }
  }
}

/** Lets the extension host handle its queue between two heavy steps. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Imports one module per turn of the event loop: together they take ≈ 100 ms to evaluate (the SVG
 * font tables alone ≈ 40 ms), which would otherwise be one long stall of the extension host.
 */
async function loadMathJax(): Promise<LoadedMathJax> {
  const { mathjax } = await import('mathjax-full/js/mathjax.js');
  await nextTurn();
  const { TeX } = await import('mathjax-full/js/input/tex.js');
  await nextTurn();
  const { AllPackages } = await import('mathjax-full/js/input/tex/AllPackages.js');
  await nextTurn();
  const { SVG } = await import('mathjax-full/js/output/svg.js');
  await nextTurn();
  const { liteAdaptor } = await import('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = await import('mathjax-full/js/handlers/html.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const packages = AllPackages.filter((name) => !LEFT_OUT.has(name));
  const documents = new Map<string, LiteMathDocument>();
  const documentFor = (macros: MacroTable): LiteMathDocument => {
    const key = macroTableKey(macros);
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
        Object.entries(macros).map(([name, macro]) => [name, macro.arguments > 0 ? [macro.body, macro.arguments] : macro.body]),
      ),
      // Throw instead of drawing a red merror box: the hover shows the message as text.
      formatError: (_jax: unknown, error: Error) => {
        throw error;
      },
    });
    document = mathjax.document('', { InputJax: input, OutputJax: new SVG({ fontCache: 'local' }) }) as LiteMathDocument;
    documents.set(key, document);
    if (documents.size > DOCUMENTS_KEPT) {
      const oldest = documents.keys().next().value;
      if (oldest !== undefined) documents.delete(oldest);
    }
    return document;
  };
  return { adaptor, documentFor };
}

/** MathJax's TexError is not an Error subclass, but it carries a message. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
