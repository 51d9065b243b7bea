import { post, vscode } from './vscodeApi';

// Source-line anchors: every top-level block the renderer emits carries data-line (1-based).
function lineElements(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#content [data-line]'));
}

/** Height of the sticky series bar: the part of the viewport the post scrolls under. */
function coveredTop(): number {
  const bar = document.getElementById('series-bar');
  return bar && !bar.hidden ? bar.getBoundingClientRect().height : 0;
}

/** The source line at the top of the viewport, interpolated between the blocks around it. */
export function lineAtTop(): number {
  // At the top of the page the reader is at the post's start, whatever sits above its first block
  // (series bar, header, outline): say line 0, or a re-render would scroll the title under the bar.
  if (window.scrollY < 1) return 0;
  const covered = coveredTop();
  const elements = lineElements();
  let previous: { line: number; top: number } | undefined;
  for (const element of elements) {
    const top = element.getBoundingClientRect().top - covered;
    const line = Number(element.dataset.line);
    if (top > 0) {
      if (!previous) return line;
      const fraction = Math.min(1, Math.max(0, -previous.top / Math.max(1, top - previous.top)));
      return previous.line + fraction * (line - previous.line);
    }
    previous = { line, top };
  }
  return previous?.line ?? 1;
}

/** Where our own last programmatic scroll went, and until when its scroll events are ours. */
let programmaticY: number | undefined;
let programmaticUntil = 0;
/** Bumped by every scrollToLine, so a newer one stops the corrections of an older one. */
let scrollGeneration = 0;
/** The line our last scrollToLine put at the top, until the reader scrolls away from it. */
let aimedLine: number | undefined;

/**
 * The line at the top as the reader left it: the line we last scrolled to if the reader has not
 * scrolled since (measuring would read a layout that may still be settling), else the measured one.
 */
export function topLine(): number {
  return aimedLine ?? lineAtTop();
}

/** The page offset that puts `line` at the top, interpolated between the blocks around it. */
function offsetOfLine(line: number): number | undefined {
  const elements = lineElements();
  let before: HTMLElement | undefined;
  let after: HTMLElement | undefined;
  for (const element of elements) {
    const l = Number(element.dataset.line);
    // Of blocks that share a line (a listing entry's card, its title and its date), the first: the
    // card's top, so that the entry opens with its title in view, not scrolled past it to the date.
    if (l <= line) {
      if (before === undefined || Number(before.dataset.line) !== l) before = element;
    } else {
      after = element;
      break;
    }
  }
  // A line at or above the post's first block is its top: the page's top, title and header in view.
  if (!before || before === elements[0]) {
    if (elements.length > 0 && line <= Number(elements[0].dataset.line)) return 0;
    if (!before) return undefined;
  }
  const beforeLine = Number(before.dataset.line);
  const beforeTop = before.getBoundingClientRect().top + window.scrollY;
  let y = beforeTop;
  if (after) {
    const afterTop = after.getBoundingClientRect().top + window.scrollY;
    const span = Number(after.dataset.line) - beforeLine;
    y += ((line - beforeLine) / Math.max(1, span)) * (afterTop - beforeTop);
  }
  // Aim below the sticky series bar, not under it.
  return Math.min(Math.max(0, y - 4 - coveredTop()), document.documentElement.scrollHeight - window.innerHeight);
}

function jumpTo(top: number): void {
  programmaticY = top;
  programmaticUntil = performance.now() + 250;
  window.scrollTo({ top });
}

/**
 * Scrolls so that `line` is at the top, without echoing the scroll back to the editor. Blocks far
 * from the viewport are not laid out (content-visibility: auto): their heights are estimates until
 * they come near, so once the blocks around the target are laid out we aim again.
 */
export function scrollToLine(line: number): void {
  const top = offsetOfLine(line);
  if (top === undefined) return;
  const generation = ++scrollGeneration;
  aimedLine = line;
  jumpTo(top);
  // Chromium lays newly relevant blocks out a frame or two after the jump; watch a few frames.
  let frames = 6;
  const correct = (): void => {
    requestAnimationFrame(() => {
      if (generation !== scrollGeneration || frames-- === 0) return;
      const again = offsetOfLine(line);
      if (again !== undefined && Math.abs(again - window.scrollY) >= 2) jumpTo(again);
      correct();
    });
  };
  correct();
}

/** Another post is on the page: the line aimed at belonged to the one before. */
export function forgetAim(): void {
  scrollGeneration++;
  aimedLine = undefined;
}

/** Sends the preview's top line to the editor as the user scrolls; remembers it for a reload. */
export function installScrollSync(uri: () => string): void {
  let scheduled = false;
  window.addEventListener(
    'scroll',
    () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        const line = Math.round(lineAtTop());
        vscode.setState({ uri: uri(), line });
        const ours = performance.now() < programmaticUntil || (programmaticY !== undefined && Math.abs(window.scrollY - programmaticY) < 2);
        programmaticY = undefined;
        if (!ours) {
          aimedLine = undefined;
          // The bottom of the page in view after a scroll: the reader reached the end of the post.
          const atEnd = window.scrollY > 0 && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
          post({ type: 'revealLine', line, atEnd });
        }
      });
    },
    { passive: true },
  );
}
