// Formula → hover image, cached per (TeX, display, macros, colour) so a second hover on the same
// formula is a map lookup. Also the fallback the hover promises: when the user's
// `kexueReader.math.macros` break a formula, it is rendered again without them and the hover says so.

import { macroTableKey, type MacroTable } from '../../core/editor/macroDefinitions';
import type { MathJaxSvgRenderer, SvgOutcome } from './mathJaxSvg';

export interface HoverImage {
  /** `![eq](data:image/svg+xml;base64,…)`, or undefined when TeX failed. */
  markdown?: string;
  /** MathJax's message when the formula could not be rendered. */
  error?: string;
  /** Set when the image was made without the user's macros because they broke it. */
  userMacrosDropped?: string;
}

export interface FormulaRequest {
  tex: string;
  display: boolean;
  /** Macros from the settings; dropped on failure. */
  userMacros: MacroTable;
  /** Macros the post itself defines before the formula; always kept. */
  documentMacros: MacroTable;
  /** CSS colour for the glyphs, chosen from the theme. */
  colour: string;
}

const MAX_ENTRIES = 3000;
/** px per ex: MathJax measures in ex; a hover line is ≈ 16 px high. */
const PX_PER_EX = 8;

export class HoverImageCache {
  private readonly entries = new Map<string, HoverImage>();
  hits = 0;
  misses = 0;

  constructor(private readonly renderer: MathJaxSvgRenderer) {}

  /** The image if it was made before; never renders. */
  peek(request: FormulaRequest): HoverImage | undefined {
    const image = this.entries.get(keyOf(request));
    if (image) this.hits++;
    return image;
  }

  async image(request: FormulaRequest): Promise<HoverImage> {
    const cached = this.peek(request);
    if (cached) return cached;
    await this.renderer.ready();
    return this.imageNow(request);
  }

  /** Renders synchronously when MathJax is loaded; for the idle pre-render and the bench. */
  imageNow(request: FormulaRequest): HoverImage {
    const key = keyOf(request);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const image = this.renderWithFallback(request);
    this.entries.set(key, image);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return image;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private renderWithFallback(request: FormulaRequest): HoverImage {
    const hasUserMacros = Object.keys(request.userMacros).length > 0;
    const macros = hasUserMacros ? { ...request.userMacros, ...request.documentMacros } : request.documentMacros;
    const first = this.renderer.renderNow(request.tex, request.display, macros);
    if ('svg' in first) return { markdown: imageMarkdown(first.svg, request.colour) };
    if (!hasUserMacros) return { error: first.error };
    const retry: SvgOutcome = this.renderer.renderNow(request.tex, request.display, request.documentMacros);
    if ('svg' in retry) return { markdown: imageMarkdown(retry.svg, request.colour), userMacrosDropped: first.error };
    return { error: retry.error };
  }
}

function keyOf(request: FormulaRequest): string {
  const macros = `${macroTableKey(request.userMacros)}\u0002${macroTableKey(request.documentMacros)}`;
  return `${request.display ? 'D' : 'I'}\u0000${request.colour}\u0000${macros}\u0000${request.tex}`;
}

/**
 * The hover sanitiser drops inline <svg> and `style`, but keeps an image: so the SVG becomes a
 * data URL. MathJax paints with `currentColor`, which inside an image is black; we write the
 * theme's colour in, and give the size in px so it does not depend on the image's default font.
 */
export function imageMarkdown(svg: string, colour: string): string {
  const coloured = svg
    .replace(/currentColor/g, colour)
    .replace(/^<svg /, `<svg color="${colour}" `)
    .replace(/ style="[^"]*"/, '')
    .replace(/ (width|height)="([\d.]+)ex"/g, (_whole, attribute: string, value: string) => ` ${attribute}="${(Number(value) * PX_PER_EX).toFixed(1)}px"`);
  return `![eq](data:image/svg+xml;base64,${Buffer.from(coloured, 'utf8').toString('base64')})`;
}
