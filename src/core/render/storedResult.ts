// A whole rendered post as the result store keeps it (the CLI's disk cache of posts): its key — everything
// a result depends on besides the library — and its stored form.
import { ENGINE_VERSIONS } from './katexCache';
import type { RenderOptions, RenderResult } from './types';

/** Where links to the blog's own posts point when the options name no other site. */
export const DEFAULT_ORIGIN = 'https://spaces.ac.cn';

/** Everything a result depends on besides the library: engines, options, text. */
export function resultKey(text: string, options: RenderOptions): string {
  const { macros = {}, html2text = 'auto', siteOrigin = DEFAULT_ORIGIN, remoteImages = false } = options;
  return `${ENGINE_VERSIONS}\u0000${JSON.stringify([macros, html2text, siteOrigin, remoteImages])}\u0000${text}`;
}

/**
 * A result as stored: its fields as one JSON line, then the HTML as it is. The HTML is most of the
 * bytes, and kept out of JSON it is neither escaped on the way out nor unescaped on the way in
 * (reading it back was half of a warm render).
 */
export function serialiseResult(result: RenderResult): string {
  return `${JSON.stringify({ ...result, html: undefined })}\n${result.html}`;
}

/** A stored result, checked for the fields every caller reads; anything else is a miss. */
export function parseResult(value: string): RenderResult | undefined {
  const newline = value.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const parsed = JSON.parse(value.slice(0, newline)) as Partial<RenderResult> | null;
    const valid =
      typeof parsed?.meta === 'object' &&
      Array.isArray(parsed.headings) &&
      Array.isArray(parsed.equations) &&
      Array.isArray(parsed.eqrefs) &&
      Array.isArray(parsed.errors) &&
      Array.isArray(parsed.postLinks) &&
      typeof parsed.stats?.mathNodes === 'number';
    return valid ? ({ ...parsed, html: value.slice(newline + 1) } as RenderResult) : undefined;
  } catch {
    return undefined;
  }
}
