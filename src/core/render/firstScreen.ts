// A long post goes on screen in two steps: first the blocks around where the reader lands (from a
// little above it to a few screens below), then the whole page. The first step skips KaTeX and HTML
// for the rest of the post and hands the webview a fraction of the page to parse and lay out
// (npm run bench → paint).

/** Source lines below the landing line that the first step renders: several screens of a post. */
export const FIRST_SCREEN_LINES = 60;
/** Source lines above the landing line it renders too, so the reader can glance back. */
export const LINES_ABOVE_LANDING = 20;
/** When the first step would leave out less text than this, the post goes on screen whole at once. */
export const FIRST_SCREEN_MIN_REST = 20_000;

/** 0-based source lines, both ends included: the blocks that overlap them are rendered. */
export interface LineWindow {
  from: number;
  through: number;
}

/**
 * The lines to render first (RenderOptions.lines) when showing `text` at `landingLine` (0-based), or
 * undefined when one step is enough.
 */
export function firstScreen(text: string, landingLine = 0): LineWindow | undefined {
  const landing = Math.max(0, Math.floor(landingLine));
  const window = { from: Math.max(0, landing - LINES_ABOVE_LANDING), through: landing + FIRST_SCREEN_LINES };
  const start = offsetOfLine(text, window.from);
  const end = offsetOfLine(text, window.through + 1);
  if (start === undefined) return undefined;
  const leftOut = start + (end === undefined ? 0 : text.length - end);
  return leftOut >= FIRST_SCREEN_MIN_REST ? window : undefined;
}

/** Where 0-based line `line` starts, or undefined past the end. */
function offsetOfLine(text: string, line: number): number | undefined {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    offset = text.indexOf('\n', offset) + 1;
    if (offset === 0) return undefined;
  }
  return offset;
}
