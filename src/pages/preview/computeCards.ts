// ```kexue-compute blocks become cards with a Run button. The block holds parameters only; the
// extension parses and validates them and runs the job in the compute helper — the page runs nothing.
import type { Presentation } from '../../core/compute/presentation';
import type { PreviewStrings } from '../../core/protocol/preview';
import { element } from '../shared/dom';
import type { PresentationView } from '../shared/presentationView';
import { transferSource } from './contentPatcher';
import { preloadPresentationChunk, presentationChunk } from './lazyPresentation';
import { post } from './vscodeApi';

interface CardState {
  outcome?: { presentation: Presentation } | { error: string };
  view?: PresentationView;
}

/** Results survive re-renders of the post: keyed by the block's text. */
const cards = new Map<string, CardState>();

/** Turns every not-yet-decorated kexue-compute code block in `root` (a block of the post) into a card. */
export function decorateComputeBlocks(root: Element, strings: PreviewStrings): void {
  const codes = root.matches('pre') ? root.querySelectorAll<HTMLElement>(':scope > code.language-kexue-compute') : root.querySelectorAll<HTMLElement>('pre > code.language-kexue-compute');
  // A post with cards will draw results: its drawing code loads once the page is idle.
  if (codes.length > 0) preloadPresentationChunk();
  for (const code of codes) {
    const pre = code.parentElement as HTMLElement;
    if (pre.closest('.compute-card')) continue;
    // Without the fence's final newline: the same text the editor's CodeLens run names the block by.
    const source = (code.textContent ?? '').replace(/\n$/, '');
    const card = element('div', 'compute-card');
    card.dataset.source = source;
    const bar = element('div', 'compute-bar');
    const run = element('vscode-button' as 'button');
    run.className = 'compute-run';
    run.textContent = `▶ ${strings.run}`;
    // Shown only while the block runs: cancels the job in the helper (the host answers with an error
    // message, "Cancelled.", which ends the run like any other outcome).
    const cancel = element('vscode-button' as 'button');
    cancel.className = 'compute-cancel';
    cancel.setAttribute('secondary', '');
    cancel.textContent = strings.cancel;
    cancel.hidden = true;
    cancel.addEventListener('click', () => {
      if (cancel.hasAttribute('disabled')) return;
      cancel.setAttribute('disabled', '');
      post({ type: 'cancelBlock', source });
    });
    run.addEventListener('click', () => {
      if (run.hasAttribute('disabled')) return;
      run.setAttribute('disabled', '');
      run.textContent = strings.running;
      cancel.removeAttribute('disabled');
      cancel.hidden = false;
      post({ type: 'runBlock', source });
    });
    bar.append(element('span', 'compute-label', 'kexue-compute'), element('span', 'spacer'), run, cancel);
    const result = element('div', 'compute-result');
    pre.replaceWith(card);
    transferSource(pre, card);
    card.append(bar, pre, result);
    const state = cards.get(source);
    if (state?.outcome) show(card, state, strings);
  }
}

export function showComputeOutcome(source: string, outcome: { presentation: Presentation } | { error: string }, strings: PreviewStrings): void {
  const state = cards.get(source) ?? {};
  state.outcome = outcome;
  cards.set(source, state);
  for (const card of document.querySelectorAll<HTMLElement>('.compute-card')) {
    if (card.dataset.source !== source) continue;
    const run = card.querySelector('.compute-run');
    run?.removeAttribute('disabled');
    if (run) run.textContent = `▶ ${strings.run}`;
    const cancel = card.querySelector<HTMLElement>('.compute-cancel');
    if (cancel) cancel.hidden = true;
    show(card, state, strings);
  }
}

function show(card: HTMLElement, state: CardState, strings: PreviewStrings): void {
  const result = card.querySelector<HTMLElement>('.compute-result');
  const outcome = state.outcome;
  if (!result || !outcome) return;
  if ('error' in outcome) {
    state.view?.dispose();
    state.view = undefined;
    result.replaceChildren(element('p', 'compute-error', outcome.error));
    return;
  }
  // Drawn whole once the drawing code is in (the first result of a page loads it), unless a newer
  // outcome came meanwhile.
  presentationChunk().then(
    ({ renderPresentation }) => {
      if (state.outcome !== outcome) return;
      state.view?.dispose();
      result.replaceChildren();
      state.view = renderPresentation(result, outcome.presentation);
    },
    (error: unknown) => {
      if (state.outcome === outcome) result.replaceChildren(element('p', 'compute-error', strings.drawFailed.replace('{0}', String(error))));
    },
  );
}
