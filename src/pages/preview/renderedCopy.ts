// A copy of what the page already rendered (and sanitised), to show it elsewhere — an equation in a
// reference's popup, a note's quote: no new HTML enters the page. Ids are dropped so they stay unique.

export function renderedCopy<T extends Node>(node: T): T {
  const copy = node.cloneNode(true) as T;
  if (copy instanceof Element) {
    copy.removeAttribute('id');
    copy.querySelectorAll('[id]').forEach((el) => el.removeAttribute('id'));
  }
  return copy;
}
