// MathJax SVG for hovers: VS Code's MarkdownString has no math, so a formula travels as an SVG image
// (facts.md §3). The MathJax is the render engine's own (core/render/mathJax, one per process, loaded
// on first use), and the formula goes through the same dialect pass as in the preview, so a hover
// and the preview agree on what a formula means and on which formulas are errors.

import type { MacroTable } from '../../core/editor/macroDefinitions';
import { macroTableKey } from '../../core/editor/macroDefinitions';
import { sharedMathJax, type MathJaxRenderer, type SvgOutcome } from '../../core/render/mathJax';
import { readDialect } from '../../core/render/texDialect';

export type { SvgOutcome } from '../../core/render/mathJax';

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
  private warmed = false;

  constructor(private readonly mathJax: MathJaxRenderer = sharedMathJax()) {}

  /** Whether MathJax is in memory, so `renderNow` can run without waiting. */
  get isReady(): boolean {
    return this.mathJax.isReady;
  }

  /** Loads MathJax once; later calls get the same promise. */
  async ready(): Promise<void> {
    await this.mathJax.ready();
    if (!this.warmed) {
      this.warmed = true;
      void this.warmUp();
    }
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
      await new Promise((resolve) => setImmediate(resolve));
      this.renderNow(tex, true, {});
    }
  }

  /** Renders synchronously; MathJax must be loaded (`isReady`). */
  renderNow(tex: string, display: boolean, macros: MacroTable): SvgOutcome {
    // Definitions inside the formula itself hold in it, as in the preview.
    const dialect = readDialect(tex, display);
    let table = macros;
    if (dialect.definitions.length > 0) {
      const own: MacroTable = { ...macros };
      for (const definition of dialect.definitions) {
        if (definition.onlyIfNew && definition.name in own) continue;
        own[definition.name] = definition;
      }
      table = own;
    }
    // No symbol marks (data-kx-*, the preview's symbol hover reads them): they mean nothing in a hover's
    // image, and made each SVG big enough to push the hover cache past its size (a warm hover missed).
    // Glyphs shared within the SVG (it is shown alone, as an image): a third fewer bytes to write out,
    // encode and keep.
    return this.mathJax.renderNow(dialect.tex, display, table, macroTableKey(table), { symbolMarks: false, fontCache: 'local' });
  }
}
