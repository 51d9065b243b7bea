// The whole of a newly shown post, rendered a slice at a time. After a post's first screens are on
// screen the host renders the rest; done in one go that is one synchronous task of 60–800 ms (seconds
// on a loaded machine) — markdown-it and KaTeX for every formula — and a click on the next post in
// the Series view, the reader's next step in a series, waits behind all of it (traced: the click's
// command ran only when the previous post's whole render ended). Rendered a window of source lines at
// a time (sized to take about SLICE_MS), with the event loop given back in between, the click is
// served after one window, and the render of the post the reader left stops there.
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderOptions } from '../core/render/types';

/**
 * How long one slice should take. Lines per slice follow from the slice before (a post's formulas are
 * not spread evenly, and a loaded machine stretches every slice): a click waits about this long.
 */
export const SLICE_MS = 40;
/** Lines per slice at first and at least: each partial render also costs a pass over the whole post (≈ 5 ms on the longest). */
export const MIN_SLICE_LINES = 40;
export const MAX_SLICE_LINES = 800;

/** Gives the event loop back: I/O already waiting (a command, a message from the page) runs first. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fills `renderer`'s caches for all of `text`, a window of lines a render, pausing before each; the
 * whole render that follows takes every formula from the caches. Stops, returning false, as soon as
 * `stopped()` says so (the panel shows another post, or was closed). A post of one slice or less
 * is left to the whole render.
 */
export async function renderInSlices(
  renderer: Pick<PostRenderer, 'render'>,
  text: string,
  options: RenderOptions,
  stopped: () => boolean,
  pause: () => Promise<void> = nextTask,
  clock: () => number = () => performance.now(),
): Promise<boolean> {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > MIN_SLICE_LINES) {
    let size = MIN_SLICE_LINES;
    for (let from = 0; from < lines; ) {
      await pause();
      if (stopped()) return false;
      const through = from + size - 1;
      const started = clock();
      renderer.render(text, { ...options, lines: { from, through } });
      const took = Math.max(1, clock() - started);
      from = through + 1;
      // At most twice the lines of the slice before: the next lines may hold far more formulas.
      size = Math.min(MAX_SLICE_LINES, size * 2, Math.max(MIN_SLICE_LINES, Math.round((size * SLICE_MS) / took)));
    }
  }
  await pause();
  return !stopped();
}
