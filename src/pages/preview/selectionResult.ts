// The result of a selection computed in the editor (e.g. the pseudo-inverse of a matrix in an
// equation), shown as a card under the block that holds the selection's last line. The card is the
// page's own: the content patcher leaves it alone, and it is put back in place after every render.
import type { PreviewStrings, SelectionResult } from '../../core/protocol/preview';
import { element } from '../shared/dom';
import type { PresentationView } from '../shared/presentationView';
import { PAGE_OWNED } from './contentPatcher';
import { presentationChunk } from './lazyPresentation';

let current: SelectionResult | null = null;
let card: HTMLElement | undefined;
let view: PresentationView | undefined;

export function showSelectionResult(content: HTMLElement, result: SelectionResult | null, strings: PreviewStrings): void {
  current = result;
  view?.dispose();
  view = undefined;
  card?.remove();
  card = undefined;
  if (!result) return;
  card = element('div', 'compute-card selection-result');
  card.setAttribute(PAGE_OWNED, '');
  const bar = element('div', 'compute-bar');
  bar.append(element('span', 'compute-label', result.label));
  const body = element('div', 'compute-result');
  card.append(bar, body);
  placeSelectionResult(content);
  // Drawn once the drawing code is in (loaded with the first result), unless a newer result came.
  presentationChunk().then(
    ({ renderPresentation }) => {
      if (current === result) view = renderPresentation(body, result.presentation);
    },
    (error: unknown) => {
      if (current === result) body.replaceChildren(element('p', 'compute-error', strings.drawFailed.replace('{0}', String(error))));
    },
  );
}

/** After the last top-level block that starts at or before the selection's last line. */
export function placeSelectionResult(content: HTMLElement): void {
  if (!current || !card) return;
  let anchor: Element | undefined;
  for (const child of content.children) {
    if (child === card) continue;
    const line = Number((child as HTMLElement).dataset.line);
    if (Number.isNaN(line)) continue;
    if (line > current.line) break;
    anchor = child;
  }
  if (anchor) anchor.after(card);
  else content.prepend(card);
}
