// The whole of a newly shown post, rendered a slice at a time. After a post's first screens are on
// screen the host renders the rest; done in one go that is one synchronous task of 60–800 ms (seconds
// on a loaded machine) — markdown-it and KaTeX for every formula — and a click on the next post in
// the Series view, the reader's next step in a series, waits behind all of it (traced: the click's
// command ran only when the previous post's whole render ended). Rendered a window of source lines at
// a time, with the event loop given back in between, the click is served after one window, and the
// render of the post the reader left stops there.
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderOptions } from '../core/render/types';

/** Source lines per slice: a few of a long post's screens (tens of ms of KaTeX at most). */
export const SLICE_LINES = 150;

/** Gives the event loop back: I/O already waiting (a command, a message from the page) runs first. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fills `renderer`'s caches for all of `text`, SLICE_LINES lines a render, pausing before each; the
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
): Promise<boolean> {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > SLICE_LINES) {
    for (let from = 0; from < lines; from += SLICE_LINES) {
      await pause();
      if (stopped()) return false;
      renderer.render(text, { ...options, lines: { from, through: from + SLICE_LINES - 1 } });
    }
  }
  await pause();
  return !stopped();
}
