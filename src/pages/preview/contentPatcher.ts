// Replaces only the top-level blocks whose HTML changed, so a live edit keeps the DOM (and the reader's
// place) of everything else. Blocks are compared by the HTML they were created from — not their live
// DOM, which the page decorates (compute cards) — and that comparison is cheap next to layout.

const sourceHtml = new WeakMap<ChildNode, string>();

/** Marks a node the page added to the content itself (a result card): not a block of the post, never patched. */
export const PAGE_OWNED = 'data-page-owned';

const isPageOwned = (node: ChildNode): boolean => node instanceof Element && node.hasAttribute(PAGE_OWNED);

function htmlOf(node: ChildNode): string {
  return node instanceof Element ? node.outerHTML : `#text:${node.textContent ?? ''}`;
}

/** Returns the nodes that were inserted (new or changed blocks). */
export function patchContent(container: HTMLElement, html: string): ChildNode[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  const next = Array.from(template.content.childNodes);
  const current = Array.from(container.childNodes).filter((node) => !isPageOwned(node));
  const inserted: ChildNode[] = [];
  const common = Math.min(next.length, current.length);
  for (let i = 0; i < common; i++) {
    const wanted = htmlOf(next[i]);
    if (sourceHtml.get(current[i]) !== wanted) {
      sourceHtml.set(next[i], wanted);
      container.replaceChild(next[i], current[i]);
      inserted.push(next[i]);
    }
  }
  for (let i = common; i < current.length; i++) container.removeChild(current[i]);
  for (let i = common; i < next.length; i++) {
    sourceHtml.set(next[i], htmlOf(next[i]));
    container.appendChild(next[i]);
    inserted.push(next[i]);
  }
  return inserted;
}

/** A block the page replaced by a decorated version still stands for the HTML it came from. */
export function transferSource(from: ChildNode, to: ChildNode): void {
  const html = sourceHtml.get(from);
  if (html !== undefined) sourceHtml.set(to, html);
}
