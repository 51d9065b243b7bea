// The page's side of core/annotations/previewText.ts: the rendered post's text in the same loose form
// (each formula element one unit, whitespace and Markdown marker characters left out), a selection as
// the host needs it, and drawing a highlight over a span of units — text wrapped in <span>s, a formula
// marked as one box (never one highlight per glyph).
import { FORMULA, isDropped } from '../../core/annotations/previewText';
import type { PageSelection } from '../../core/protocol/preview';
import { PAGE_OWNED } from './contentPatcher';

/** Everything the page draws as one formula: KaTeX, a display, MathJax's fallback, an error, an \eqref group. */
export const FORMULA_SELECTOR = '.math-display, .katex, .math-mathjax, .math-pending, .katex-error, .eqref-group';
export const HIGHLIGHT_CLASS = 'kx-hl';
export const FORMULA_HIGHLIGHT_CLASS = 'kx-hl-formula';

export type Unit = { node: Text; offset: number } | { formula: HTMLElement };

/** The outermost formula element holding `node` inside the post, if any. */
export function formulaOf(node: Node | null): HTMLElement | undefined {
  let element: Element | null = node instanceof Element ? node : (node?.parentElement ?? null);
  let found: HTMLElement | undefined;
  while (element && element.id !== 'content') {
    if (element.matches(FORMULA_SELECTOR)) found = element as HTMLElement;
    element = element.parentElement;
  }
  return found;
}

/** The post's top-level blocks that carry a source line, in order. */
export function lineBlocks(content: HTMLElement): HTMLElement[] {
  return Array.from(content.children).filter((child): child is HTMLElement => child instanceof HTMLElement && child.dataset.line !== undefined && !child.hasAttribute(PAGE_OWNED));
}

export const lineOf = (block: HTMLElement): number => Number(block.dataset.line);

/** The top-level block of the post holding `node`. */
export function blockOf(content: HTMLElement, node: Node): HTMLElement | undefined {
  let element: Element | null = node instanceof Element ? node : node.parentElement;
  while (element && element.parentElement !== content) element = element.parentElement;
  return element instanceof HTMLElement && element.dataset.line !== undefined ? element : undefined;
}

/** The loose text of `blocks` and, for each of its units, where it is. */
export function projectBlocks(blocks: readonly Element[]): { text: string; units: Unit[] } {
  let text = '';
  const units: Unit[] = [];
  const walk = (parent: Node): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child instanceof Text) {
        const data = child.data;
        for (let i = 0; i < data.length; i++) {
          if (isDropped(data.charCodeAt(i))) continue;
          text += data[i];
          units.push({ node: child, offset: i });
        }
      } else if (child instanceof HTMLElement) {
        if (child.hasAttribute(PAGE_OWNED)) continue;
        if (child.matches(FORMULA_SELECTOR)) {
          text += FORMULA;
          units.push({ formula: child });
        } else walk(child);
      }
    }
  };
  for (const block of blocks) {
    // A display is a top-level block of its own, and one unit.
    if (block instanceof HTMLElement && block.matches(FORMULA_SELECTOR)) {
      text += FORMULA;
      units.push({ formula: block });
    } else walk(block);
  }
  return { text, units };
}

/** The text of `range` inside `root` as the host reads it: text as shown, each formula touched as FORMULA. */
function pageTextOf(root: Element, range: Range): string {
  let out = '';
  const walk = (parent: Node): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (!range.intersectsNode(child)) continue;
      if (child instanceof Text) {
        const from = child === range.startContainer ? range.startOffset : 0;
        const to = child === range.endContainer ? range.endOffset : child.data.length;
        out += child.data.slice(from, to);
      } else if (child instanceof HTMLElement) {
        if (child.hasAttribute(PAGE_OWNED)) continue;
        if (child.matches(FORMULA_SELECTOR)) out += FORMULA;
        else walk(child);
      }
    }
  };
  if (root.matches(FORMULA_SELECTOR)) return range.intersectsNode(root) ? FORMULA : '';
  walk(root);
  return out;
}

/** The range widened so that a formula it touches is taken whole. */
export function wholeFormulas(range: Range): Range {
  const wide = range.cloneRange();
  const first = formulaOf(range.startContainer);
  const last = formulaOf(range.endContainer);
  if (first) wide.setStartBefore(first);
  if (last) wide.setEndAfter(last);
  return wide;
}

/** A selection inside the post as the host needs it; undefined when it is not inside the post's blocks. */
export function pageSelectionOf(content: HTMLElement, selected: Range): PageSelection | undefined {
  const range = wholeFormulas(selected);
  // A display is a block of its own: taken whole, the range starts and ends between the post's blocks.
  const startNode = range.startContainer === content ? content.childNodes[range.startOffset] : range.startContainer;
  const endNode = range.endContainer === content ? content.childNodes[range.endOffset - 1] : range.endContainer;
  if (!startNode || !endNode) return undefined;
  const first = blockOf(content, startNode);
  const last = blockOf(content, endNode);
  if (!first || !last) return undefined;
  const blocks = lineBlocks(content);
  const after = blocks[blocks.indexOf(last) + 1];
  const before = document.createRange();
  before.setStart(first, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const quote = blocks.slice(blocks.indexOf(first), blocks.indexOf(last) + 1).map((block) => pageTextOf(block, range)).join('\n');
  if (quote.trim() === '') return undefined;
  return { fromLine: lineOf(first), ...(after ? { toLine: lineOf(after) } : {}), prefix: pageTextOf(first, before), quote };
}

/**
 * Draws units [start, end) as one highlight: the text of each text node wrapped in a span made by
 * `make`, each formula marked whole. Returns the marked elements in page order.
 */
export function drawHighlight(units: readonly Unit[], start: number, end: number, make: () => HTMLElement, markFormula: (formula: HTMLElement) => void): HTMLElement[] {
  const groups: { node?: Text; from: number; to: number; formula?: HTMLElement }[] = [];
  for (let i = start; i < end; i++) {
    const unit = units[i];
    if ('formula' in unit) {
      groups.push({ formula: unit.formula, from: 0, to: 0 });
      continue;
    }
    const last = groups[groups.length - 1];
    if (last?.node === unit.node) last.to = unit.offset + 1;
    else groups.push({ node: unit.node, from: unit.offset, to: unit.offset + 1 });
  }
  const marked: HTMLElement[] = [];
  // From the last group back: splitting a text node keeps the offsets of the groups before it valid.
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (group.formula) {
      markFormula(group.formula);
      marked.unshift(group.formula);
      continue;
    }
    const node = group.node as Text;
    const range = document.createRange();
    range.setStart(node, group.from);
    range.setEnd(node, group.to);
    const span = make();
    range.surroundContents(span);
    marked.unshift(span);
  }
  return marked;
}

/** Removes every highlight from the post (before drawing them again). */
export function clearHighlights(content: HTMLElement): void {
  const parents = new Set<Node>();
  for (const span of Array.from(content.querySelectorAll(`span.${HIGHLIGHT_CLASS}`))) {
    const parent = span.parentNode;
    if (!parent) continue;
    span.replaceWith(...Array.from(span.childNodes));
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
  for (const formula of Array.from(content.querySelectorAll<HTMLElement>(`.${FORMULA_HIGHLIGHT_CLASS}`))) {
    formula.classList.remove(FORMULA_HIGHLIGHT_CLASS, ...Array.from(formula.classList).filter((c) => c.startsWith('kx-color-')));
    delete formula.dataset.kxIds;
  }
}
