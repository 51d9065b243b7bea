// Hovering a symbol in a rendered formula shows what it means there: the definition in force at that
// place (the reader's pin first, else the nearest before, else after, else the one carried over from
// an earlier part), drawn; how often the symbol occurs in the post; "Go to definition", which scrolls
// to it, and a Back button to return. Everything comes from the notation the host sends once per
// render — a hover asks the host nothing.
//
// Which glyphs are which symbol (KaTeX keeps no source positions, and trust:false rules out tagging
// glyphs): the formula's symbol list is found by the TeX KaTeX annotates it with, and the elements
// around the glyph under the pointer are compared by glyph signature with the symbols' (glyphRuns.ts).
// A letter that matches no symbol shows the formula's symbols as a list instead. A formula the MathJax
// fallback drew carries its symbols as marks on its SVG nodes (mathJaxSymbols.ts): read directly.

import { definitionInForce, THIS_POST } from '../../core/notation/definitionInForce';
import { isLetterGlyph, symbolAround, type GlyphTree } from '../../core/notation/glyphRuns';
import type { PreviewDefinition, PreviewNotation, PreviewSymbol } from '../../core/protocol/notation';
import { scrollToLine } from './scrollSync';
import { post } from './vscodeApi';

interface Loaded {
  uri: string;
  data: PreviewNotation;
  bySignature: Map<string, number[]>;
  /** For formulas MathJax drew: their nodes carry the symbol's TeX. */
  byTex: Map<string, number>;
}

/** What mathJaxSymbols.ts marks on MathJax's nodes (the SVG keeps them as attributes of each `<g>`). */
const SYMBOL_ATTRIBUTE = 'data-kx-symbol';
const OCCURRENCE_ATTRIBUTE = 'data-kx-n';

let loaded: Loaded | undefined;
let popup: HTMLElement | undefined;
let mark: HTMLElement | undefined;
let backButton: HTMLButtonElement | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;
/** What the popup shows now: the formula element and the symbol (or -1 for the formula's list). */
let shown: { formula: Element; key: string; left: number } | undefined;

const DOM_TREE: GlyphTree<Node> = {
  classes: (node) => (node instanceof Element ? Array.from(node.classList) : []),
  text: (node) => (node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : undefined),
  children: (node) => Array.from(node.childNodes).filter((c) => c.nodeType === Node.ELEMENT_NODE || c.nodeType === Node.TEXT_NODE),
};

/** The notation of the post now on the page (a message for another post, overtaken, is ignored). */
export function setNotation(uri: string, currentUri: string, data: PreviewNotation): void {
  if (uri !== currentUri) return;
  const bySignature = new Map<string, number[]>();
  const byTex = new Map<string, number>();
  data.symbols.forEach((symbol, index) => {
    if (symbol.signature) bySignature.set(symbol.signature, [...(bySignature.get(symbol.signature) ?? []), index]);
    if (!byTex.has(symbol.tex)) byTex.set(symbol.tex, index);
  });
  loaded = { uri, data, bySignature, byTex };
  document.documentElement.dataset.notationSymbols = String(data.symbols.length);
}

/** Another post is on the page: its notation is not this one's. */
export function forgetNotation(): void {
  loaded = undefined;
  delete document.documentElement.dataset.notationSymbols;
  hide();
  backButton?.remove();
  backButton = undefined;
}

function hide(): void {
  if (hideTimer) clearTimeout(hideTimer);
  hideTimer = undefined;
  popup?.remove();
  mark?.remove();
  popup = undefined;
  mark = undefined;
  shown = undefined;
}

/** Hides after a moment, so the pointer can travel from the glyph into the popup. */
function hideSoon(): void {
  if (hideTimer) clearTimeout(hideTimer);
  hideTimer = setTimeout(hide, 300);
}

function format(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (_, k: string) => String(values[Number(k)] ?? ''));
}

/** 1-based source lines of the block holding `element`: its own line to the line before the next block. */
function blockLines(element: Element): { first: number; last: number } | undefined {
  const block = element.closest<HTMLElement>('#content [data-line]');
  if (!block) return undefined;
  const first = Number(block.dataset.line) + 1;
  let next = block.nextElementSibling;
  while (next && !(next instanceof HTMLElement && next.dataset.line !== undefined)) next = next.nextElementSibling;
  const last = next instanceof HTMLElement ? Math.max(first, Number(next.dataset.line)) : first;
  return { first, last };
}

/** The character of a text drawn as one node (`nm`) that lies under the pointer, with its box. */
function charUnder(text: Text, x: number, y: number): { char: string; rect: DOMRect } | undefined {
  const range = document.createRange();
  const value = text.data;
  for (let i = 0; i < value.length; i++) {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    const rect = range.getBoundingClientRect();
    if (x >= rect.left && x <= rect.right && y >= rect.top - 2 && y <= rect.bottom + 2) return { char: value[i], rect };
  }
  return undefined;
}

function definitionRow(definition: PreviewDefinition | undefined, strings: PreviewNotation['strings'], withGoTo: boolean): HTMLElement {
  const row = document.createElement('div');
  row.className = 'symbol-definition';
  if (!definition) {
    row.textContent = strings.notDefined;
    row.classList.add('undefined');
    return row;
  }
  const body = document.createElement('div');
  body.className = 'symbol-definition-body';
  // Host-drawn: KaTeX with trust:false, and the sentence's text escaped.
  body.innerHTML = definition.html;
  row.appendChild(body);
  const where = document.createElement('div');
  where.className = 'symbol-where';
  const carried = definition.source !== THIS_POST;
  const parts = [definition.kind === 'reader' ? strings.pinned : '', carried ? format(strings.definedIn, definition.source) : format(strings.line, definition.line)].filter(Boolean);
  where.textContent = parts.join(' · ');
  const postId = definition.postId;
  if (withGoTo && (!carried || postId !== undefined)) {
    const goTo = document.createElement('button');
    goTo.type = 'button';
    goTo.className = 'symbol-goto';
    goTo.textContent = strings.goToDefinition;
    // A carried definition is in the earlier part: the host opens that post's preview at the line.
    goTo.addEventListener('click', () => (postId !== undefined ? openEarlierPart(postId, definition.line) : goToDefinition(definition.line)));
    where.append(' ', goTo);
  }
  row.appendChild(where);
  return row;
}

function symbolPopup(symbol: PreviewSymbol, lines: { first: number; last: number } | undefined, strings: PreviewNotation['strings']): HTMLElement {
  const box = document.createElement('div');
  box.className = 'symbol-popup';
  box.setAttribute('role', 'tooltip');
  box.dataset.symbol = symbol.tex;
  const head = document.createElement('div');
  head.className = 'symbol-head';
  const drawn = document.createElement('span');
  drawn.className = 'symbol-tex';
  drawn.innerHTML = symbol.html;
  const count = document.createElement('span');
  count.className = 'symbol-count';
  count.textContent = symbol.occurrences === 1 ? strings.occursOnce : format(strings.occurrences, symbol.occurrences);
  head.append(drawn, count);
  box.appendChild(head);
  const definition = definitionInForce(symbol.definitions, lines?.last ?? 1);
  box.appendChild(definitionRow(definition, strings, true));
  return box;
}

function listPopup(symbols: PreviewSymbol[], lines: { first: number; last: number } | undefined, strings: PreviewNotation['strings']): HTMLElement {
  const box = document.createElement('div');
  box.className = 'symbol-popup symbol-list';
  box.setAttribute('role', 'tooltip');
  const title = document.createElement('div');
  title.className = 'symbol-list-title';
  title.textContent = strings.formulaSymbols;
  box.appendChild(title);
  for (const symbol of symbols) {
    const item = document.createElement('div');
    item.className = 'symbol-list-item';
    const drawn = document.createElement('span');
    drawn.className = 'symbol-tex';
    drawn.innerHTML = symbol.html;
    item.appendChild(drawn);
    item.appendChild(definitionRow(definitionInForce(symbol.definitions, lines?.last ?? 1), strings, true));
    box.appendChild(item);
  }
  return box;
}

function place(box: HTMLElement, anchor: DOMRect): void {
  document.body.appendChild(box);
  const width = Math.min(box.offsetWidth, window.innerWidth - 16);
  box.style.left = `${Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8))}px`;
  const below = anchor.bottom + 6;
  box.style.top = `${below + box.offsetHeight < window.innerHeight ? below : Math.max(8, anchor.top - box.offsetHeight - 6)}px`;
  box.addEventListener('mouseenter', () => hideTimer && clearTimeout(hideTimer));
  box.addEventListener('mouseleave', hideSoon);
}

function highlight(rect: DOMRect): void {
  mark?.remove();
  mark = document.createElement('div');
  mark.className = 'symbol-mark';
  mark.style.left = `${rect.left - 1}px`;
  mark.style.top = `${rect.top - 1}px`;
  mark.style.width = `${rect.width + 2}px`;
  mark.style.height = `${rect.height + 2}px`;
  document.body.appendChild(mark);
}

/** The smallest box around `elements`. */
function unionRect(elements: readonly Element[]): DOMRect {
  const rects = elements.map((e) => e.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  return new DOMRect(left, top, Math.max(...rects.map((r) => r.right)) - left, Math.max(...rects.map((r) => r.bottom)) - top);
}

/**
 * A formula MathJax drew (KaTeX refused it): the symbol's node is marked with its TeX, so the glyph
 * under the pointer names its symbol directly; an unmarked letter (an operator's name) lists the
 * formula's symbols, anything else (a sign, a digit, blank space) shows nothing.
 */
function onMathJaxPointer(formula: Element, target: Element, x: number, y: number): void {
  if (!loaded || !formula.closest('#content')) return hideSoon();
  if (!(target instanceof SVGElement)) return hideSoon();
  // A glyph is hit only where it is painted: in its holes (the inside of an A) the target is the SVG
  // or a group, so the symbol is the smallest marked box around the pointer.
  const marked = target.closest(`[${SYMBOL_ATTRIBUTE}]`) ?? markedAt(formula, x, y);
  const symbol = marked ? loaded.byTex.get(marked.getAttribute(SYMBOL_ATTRIBUTE) ?? '') : undefined;
  const tex = formula.getAttribute('data-tex');
  const list = tex !== null ? loaded.data.formulas[tex] : undefined;
  if (symbol === undefined && (!list || list.length === 0 || !target.closest('[data-mml-node="mi"], [data-mml-node="mtext"]') || target instanceof SVGSVGElement)) return hideSoon();
  if (hideTimer) clearTimeout(hideTimer);
  hideTimer = undefined;
  // An occurrence whose power is not part of it marks its base and its subscript: the box holds both.
  const occurrence = marked?.getAttribute(OCCURRENCE_ATTRIBUTE);
  const parts = marked && occurrence !== null && occurrence !== undefined ? Array.from(formula.querySelectorAll(`[${OCCURRENCE_ATTRIBUTE}="${occurrence}"]`)) : [];
  const anchor = symbol !== undefined ? unionRect(parts.length > 0 ? parts : [marked as Element]) : formula.getBoundingClientRect();
  showFor(formula, symbol, list, anchor);
}

/** The marked node of a MathJax formula whose box holds the point, the smallest if several. */
function markedAt(formula: Element, x: number, y: number): Element | null {
  let best: Element | null = null;
  let bestArea = Infinity;
  for (const node of Array.from(formula.querySelectorAll(`[${SYMBOL_ATTRIBUTE}]`))) {
    const r = node.getBoundingClientRect();
    if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
    if (r.width * r.height < bestArea) {
      best = node;
      bestArea = r.width * r.height;
    }
  }
  return best;
}

/** Shows the symbol's popup (or, `symbol` undefined, the formula's list) at `anchor`, unless already shown there. */
function showFor(formula: Element, symbol: number | undefined, list: number[] | undefined, anchor: DOMRect): void {
  if (!loaded) return;
  const key = symbol !== undefined ? `${symbol}` : 'list';
  if (shown && shown.formula === formula && shown.key === key && shown.left === anchor.left) return;
  hide();
  const lines = blockLines(formula);
  const { strings, symbols } = loaded.data;
  popup = symbol !== undefined ? symbolPopup(symbols[symbol], lines, strings) : listPopup([...new Set(list)].map((i) => symbols[i]), lines, strings);
  if (symbol !== undefined) highlight(anchor);
  place(popup, anchor);
  shown = { formula, key, left: anchor.left };
}

/** The symbol (or the formula's list) for the glyph under the pointer; nothing for `+`, digits, space. */
function onPointer(target: Element, x: number, y: number): void {
  if (!loaded || popup?.contains(target)) return;
  const byMathJax = target.closest('.math-mathjax');
  if (byMathJax) return onMathJaxPointer(byMathJax, target, x, y);
  const drawn = target.closest('.katex-html');
  const formula = drawn?.closest('.katex');
  if (!drawn || !formula || !formula.closest('#content')) return hideSoon();
  const texts = Array.from(target.childNodes).filter((n): n is Text => n instanceof Text && isLetterGlyph(n.data));
  if (texts.length === 0) return hideSoon();
  const text = texts[0];
  const visible = text.data.replace(/[\s\u200b]/g, '');
  const under = visible.length > 1 ? charUnder(text, x, y) : undefined;
  if (visible.length > 1 && !under) return hideSoon();
  const path: Node[] = [];
  for (let node: Element | null = target; node && node !== drawn && !node.classList.contains('base'); node = node.parentElement) path.push(node);
  const tex = formula.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? undefined;
  const list = tex !== undefined ? loaded.data.formulas[tex] : undefined;
  const hit = symbolAround(DOM_TREE, path, loaded.bySignature, list ? new Set(list) : undefined, under?.char);
  if (hideTimer) clearTimeout(hideTimer);
  hideTimer = undefined;
  if (!hit && (!list || list.length === 0)) return hideSoon();
  const anchor = hit ? (hit.node === path[0] && under ? under.rect : (hit.node as Element).getBoundingClientRect()) : formula.getBoundingClientRect();
  // Still on the same occurrence: showFor leaves the popup as it is.
  showFor(formula, hit?.symbol, list, anchor);
}

/** The earlier part defining a carried symbol, opened at its definition (1-based `line`) as a search hit is. */
function openEarlierPart(postId: string, line: number): void {
  hide();
  post({ type: 'openPost', postId, line: Math.max(0, line - 1) });
}

/** Scrolls to the block holding `line` (1-based), flashes it, and offers the way back. */
function goToDefinition(line: number): void {
  const from = window.scrollY;
  hide();
  scrollToLine(line - 1);
  const blocks = Array.from(document.querySelectorAll<HTMLElement>('#content [data-line]'));
  const target = blocks.filter((b) => Number(b.dataset.line) <= line - 1).pop();
  if (target) {
    target.classList.remove('flash');
    void target.offsetWidth; // restart the animation
    target.classList.add('flash');
  }
  if (!loaded) return;
  backButton?.remove();
  backButton = document.createElement('button');
  backButton.type = 'button';
  backButton.className = 'symbol-back';
  backButton.textContent = `← ${loaded.data.strings.back}`;
  backButton.addEventListener('click', () => {
    window.scrollTo({ top: from });
    backButton?.remove();
    backButton = undefined;
  });
  document.body.appendChild(backButton);
  backButton.focus({ preventScroll: true });
}

export function installSymbolHover(): void {
  let pending: { target: Element; x: number; y: number } | undefined;
  document.addEventListener('mousemove', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const first = pending === undefined;
    pending = { target, x: event.clientX, y: event.clientY };
    // One lookup a frame, however fast the pointer moves.
    if (first) {
      requestAnimationFrame(() => {
        const at = pending;
        pending = undefined;
        if (at) onPointer(at.target, at.x, at.y);
      });
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });
  window.addEventListener('scroll', () => {
    if (popup && !popup.matches(':hover')) hide();
  }, { passive: true });
}
