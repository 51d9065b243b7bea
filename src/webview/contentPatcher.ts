// Replaces only the top-level blocks whose HTML changed, so a live edit keeps the DOM (and the reader's
// place) of everything else. Blocks are compared by their outer HTML, which is cheap next to layout.

export function patchContent(container: HTMLElement, html: string): number {
  const template = document.createElement('template');
  template.innerHTML = html;
  const next = Array.from(template.content.childNodes);
  const current = Array.from(container.childNodes);
  let changed = 0;
  const common = Math.min(next.length, current.length);
  for (let i = 0; i < common; i++) {
    if (!sameNode(current[i], next[i])) {
      container.replaceChild(next[i], current[i]);
      changed++;
    }
  }
  for (let i = common; i < current.length; i++) {
    container.removeChild(current[i]);
    changed++;
  }
  for (let i = common; i < next.length; i++) {
    container.appendChild(next[i]);
    changed++;
  }
  return changed;
}

function sameNode(a: ChildNode, b: ChildNode): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a instanceof Element && b instanceof Element) return a.outerHTML === b.outerHTML;
  return a.textContent === b.textContent;
}
