// A long post goes on screen in two steps: first the blocks from its top to a few screens past where
// the reader lands, then the whole page. The first step skips KaTeX for the rest of the post and
// hands the webview a fraction of the HTML to parse and lay out (npm run bench → paint).

/** Source lines past the landing line that the first step renders: several screens of a post. */
export const FIRST_SCREEN_LINES = 60;
/** With less text than this after the first screens, the post goes on screen whole in one step. */
export const FIRST_SCREEN_MIN_REST = 20_000;

/**
 * The line to render through (RenderOptions.throughLine) for the first step of showing `text` at
 * `landingLine` (0-based), or undefined when one step is enough.
 */
export function firstScreenThrough(text: string, landingLine = 0): number | undefined {
  const through = Math.max(0, Math.floor(landingLine)) + FIRST_SCREEN_LINES;
  let offset = 0;
  for (let line = 0; line <= through; line++) {
    offset = text.indexOf('\n', offset) + 1;
    if (offset === 0) return undefined;
  }
  return text.length - offset >= FIRST_SCREEN_MIN_REST ? through : undefined;
}
