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

/**
 * The blocks the page's shell put in the container (a new page's first screens, parsed with the
 * page): registered as if a patch had inserted them, so the render after them keeps what is unchanged.
 */
export function adoptContent(container: HTMLElement): ChildNode[] {
  const nodes = Array.from(container.childNodes).filter((node) => !isPageOwned(node));
  for (const node of nodes) sourceHtml.set(node, htmlOf(node));
  return nodes;
}

/** Returns the nodes that were inserted (new or changed blocks). */
export function patchContent(container: HTMLElement, html: string): ChildNode[] {
  const patch = new ContentPatch(container);
  const inserted = patch.add(html);
  patch.finish();
  return inserted;
}

/**
 * The same patch taken in parts (a long post's HTML arrives in several messages): each part's
 * top-level nodes are compared with the blocks at the same places, in order; blocks past the last
 * part's go when the patch is finished. Until then the page shows the new blocks so far and the old
 * ones after them.
 */
export class ContentPatch {
  private readonly current: ChildNode[];
  private index = 0;

  constructor(private readonly container: HTMLElement) {
    this.current = Array.from(container.childNodes).filter((node) => !isPageOwned(node));
  }

  /** Returns the nodes that were inserted (new or changed blocks). */
  add(html: string): ChildNode[] {
    const template = document.createElement('template');
    template.innerHTML = html;
    const inserted: ChildNode[] = [];
    for (const node of Array.from(template.content.childNodes)) {
      const wanted = htmlOf(node);
      const old = this.current[this.index++];
      if (old && sourceHtml.get(old) === wanted) continue;
      sourceHtml.set(node, wanted);
      // A block the page removed meanwhile (a newer patch) is appended instead of replaced.
      if (old && old.parentNode === this.container) this.container.replaceChild(node, old);
      else this.container.appendChild(node);
      inserted.push(node);
    }
    return inserted;
  }

  /** The blocks on the page are this patch's HTML so far (the shell's first screens, adopted). */
  keepCurrent(): void {
    this.index = this.current.length;
  }

  finish(): void {
    for (let i = this.index; i < this.current.length; i++) if (this.current[i].parentNode === this.container) this.container.removeChild(this.current[i]);
  }
}

/** A block the page replaced by a decorated version still stands for the HTML it came from. */
export function transferSource(from: ChildNode, to: ChildNode): void {
  const html = sourceHtml.get(from);
  if (html !== undefined) sourceHtml.set(to, html);
}
