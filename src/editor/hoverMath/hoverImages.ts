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

/**
 * A display's data URL is ≈ 15 KB (the 933 displays of the eight corpus posts make ≈ 14 MB), so the
 * cache is bounded by size: a few long posts stay warm, a day of browsing does not pile up.
 */
const DEFAULT_MAX_BYTES = 24 * 1024 * 1024;
/** px per ex: MathJax measures in ex; 9 px makes formulas a little larger than 14 px editor text, as in print. */
const PX_PER_EX = 9;

export class HoverImageCache {
  private readonly entries = new Map<string, HoverImage>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly renderer: MathJaxSvgRenderer,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  /** The image if it was made before; never renders. */
  peek(request: FormulaRequest): HoverImage | undefined {
    return this.lookup(keyOf(request));
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
    const cached = this.lookup(key);
    if (cached) return cached;
    this.misses++;
    const image = this.renderWithFallback(request);
    this.entries.set(key, image);
    this.bytes += sizeOf(key, image);
    // Least recently used first: `lookup` moves every hit to the end.
    for (const [oldKey, oldImage] of this.entries) {
      if (this.bytes <= this.maxBytes || oldKey === key) break;
      this.entries.delete(oldKey);
      this.bytes -= sizeOf(oldKey, oldImage);
    }
    return image;
  }

  private lookup(key: string): HoverImage | undefined {
    const image = this.entries.get(key);
    if (!image) return undefined;
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, image);
    return image;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes of keys and data URLs held (V8 stores these ASCII strings one byte a character). */
  get heldBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
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

function sizeOf(key: string, image: HoverImage): number {
  return key.length + (image.markdown?.length ?? 0) + (image.error?.length ?? 0);
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
