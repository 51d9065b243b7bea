import { post, vscode } from './vscodeApi';

// Source-line anchors: every top-level block the renderer emits carries data-line (1-based).
function lineElements(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#content [data-line]'));
}

/** The source line at the top of the viewport, interpolated between the blocks around it. */
export function lineAtTop(): number {
  const elements = lineElements();
  let previous: { line: number; top: number } | undefined;
  for (const element of elements) {
    const top = element.getBoundingClientRect().top;
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

/** Where our own last programmatic scroll went: a scroll event that lands there is not the reader's. */
let programmaticY: number | undefined;

/** Scrolls so that `line` is at the top, without echoing the scroll back to the editor. */
export function scrollToLine(line: number): void {
  const elements = lineElements();
  let before: HTMLElement | undefined;
  let after: HTMLElement | undefined;
  for (const element of elements) {
    const l = Number(element.dataset.line);
    if (l <= line) before = element;
    else {
      after = element;
      break;
    }
  }
  if (!before) return;
  const beforeLine = Number(before.dataset.line);
  const beforeTop = before.getBoundingClientRect().top + window.scrollY;
  let y = beforeTop;
  if (after) {
    const afterTop = after.getBoundingClientRect().top + window.scrollY;
    const span = Number(after.dataset.line) - beforeLine;
    y += ((line - beforeLine) / Math.max(1, span)) * (afterTop - beforeTop);
  }
  const top = Math.max(0, y - 4);
  programmaticY = Math.min(top, document.documentElement.scrollHeight - window.innerHeight);
  window.scrollTo({ top });
}

/** Sends the preview's top line to the editor as the user scrolls; remembers it for a reload. */
export function installScrollSync(uri: string): void {
  let scheduled = false;
  window.addEventListener(
    'scroll',
    () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        const line = Math.round(lineAtTop());
        vscode.setState({ uri, line });
        const ours = programmaticY !== undefined && Math.abs(window.scrollY - programmaticY) < 2;
        programmaticY = undefined;
        if (!ours) post({ type: 'revealLine', line });
      });
    },
    { passive: true },
  );
}
