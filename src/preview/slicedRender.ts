// The whole of a newly shown post, rendered a slice at a time. After a post's first screens are on
// screen the host renders the rest; done in one go that is one synchronous task of 60–800 ms (seconds
// on a loaded machine) — markdown-it and KaTeX for every formula — and a click on the next post in
// the Series view, the reader's next step in a series, waits behind all of it (traced: the click's
// command ran only when the previous post's whole render ended). Rendered a window of source lines at
// a time (sized to take about SLICE_MS), with the event loop given back in between, the click is
// served after one window, and the render of the post the reader left stops there. The first screens
// of the next part, warmed ahead of a click on it (firstScreenWarmer.ts), go the same way.
import type { LineWindow } from '../core/render/firstScreen';
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderOptions } from '../core/render/types';

/**
 * How long one slice should take. Lines per slice follow from the slice before (a post's formulas are
 * not spread evenly, and a loaded machine stretches every slice): a click waits about this long.
 * Traced with 40 ms (2026-12-04, load 3 on 2 cores): the slices ran 45–150 ms and a click on the next
 * part waited 150–250 ms for them and the warm-up; each slice also costs a pass over the whole post
 * (≈ 5 ms on the longest), which is why it is not smaller still.
 */
export const SLICE_MS = 15;
/** Lines per slice at first and at least: a stretch of new formulas can take 50–90 ms for 40 lines. */
export const MIN_SLICE_LINES = 10;
export const MAX_SLICE_LINES = 800;
/** A post of at most this many lines is left to the whole render (one slice would be most of it). */
export const WHOLE_AT_MOST_LINES = 40;

/** Source lines a fresh renderer's caches take in per pause, before its first screens (parseInSlices). */
export const PARSE_LINES = 100;

/**
 * How long a post just shown stays before its whole render starts. The trace of 2026-12-04 (load 8 on
 * 2 cores): a reader's next click came 50–300 ms after a post was painted, and waited 100–165 ms for
 * the host — slices of the whole render of the post it was leaving (15 ms of CPU each, 40–75 ms on
 * that machine). The first screens already show several screens of the post; the rest a moment later.
 */
export const SETTLE_MS = 300;

/** Resolves after SETTLE_MS with whether the post is still the one to render (`stopped()` false). */
export function settled(stopped: () => boolean, ms = SETTLE_MS): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(!stopped()), ms));
}

/** Gives the event loop back: I/O already waiting (a command, a message from the page) runs first. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Fills `renderer`'s caches for all of `text`, a window of lines a render, pausing before each; the
 * whole render that follows takes every formula from the caches. Stops, returning false, as soon as
 * `stopped()` says so (the panel shows another post, or was closed). A post of WHOLE_AT_MOST_LINES
 * or less is left to the whole render.
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
  if (lines > WHOLE_AT_MOST_LINES && !(await fillInSlices(renderer, text, options, { from: 0, through: lines - 1 }, stopped, pause, clock))) return false;
  await pause();
  return !stopped();
}

/**
 * Fills `renderer`'s caches for the lines of `span`, a slice at a time with a pause before each;
 * false as soon as `stopped()` says so.
 */
export async function fillInSlices(
  renderer: Pick<PostRenderer, 'render'>,
  text: string,
  options: RenderOptions,
  span: LineWindow,
  stopped: () => boolean,
  pause: () => Promise<void> = nextTask,
  clock: () => number = () => performance.now(),
): Promise<boolean> {
  let size = MIN_SLICE_LINES;
  for (let from = span.from; from <= span.through; ) {
    await pause();
    if (stopped()) return false;
    const through = Math.min(span.through, from + size - 1);
    const started = clock();
    renderer.render(text, { ...options, lines: { from, through } });
    const took = Math.max(1, clock() - started);
    from = through + 1;
    // At most twice the lines of the slice before: the next lines may hold far more formulas.
    size = Math.min(MAX_SLICE_LINES, size * 2, Math.max(MIN_SLICE_LINES, Math.round((size * SLICE_MS) / took)));
  }
  return true;
}

/**
 * Fills a fresh renderer's caches of parsed blocks a stretch of lines at a time. Its first render of
 * a post, however few lines it draws, parses every block of it (markdown-it, and each formula looked
 * at for numbers and definitions): 60–100 ms CPU for one of the SSM parts, in one task. Here growing
 * beginnings of the text, cut at blank lines about PARSE_LINES apart, are rendered with a window just
 * past their end — no formula drawn but the macro definitions above it — so each render parses only
 * the blocks its stretch adds; blocks are cached by their text, so the render of the whole text
 * after this parses nothing again (a block cut short at a blank line in it is parsed once more).
 */
export async function parseInSlices(
  renderer: Pick<PostRenderer, 'render'>,
  text: string,
  options: RenderOptions,
  stopped: () => boolean,
  pause: () => Promise<void> = nextTask,
): Promise<boolean> {
  let line = 0;
  let lastCut = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    line++;
    // A blank line (the one starting after `at`) far enough from the last cut: cut before it.
    if (line - lastCut < PARSE_LINES || (text[at + 1] !== '\n' && text.slice(at + 1, at + 3) !== '\r\n')) continue;
    await pause();
    if (stopped()) return false;
    renderer.render(text.slice(0, at + 1), { ...options, lines: { from: line, through: line } });
    lastCut = line;
  }
  return true;
}
