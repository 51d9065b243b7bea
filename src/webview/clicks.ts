import type { PreviewStrings } from '../core/protocol/preview';
import { jumpToEquation } from './eqrefPopup';
import { post } from './vscodeApi';

/**
 * Every click on a link goes to the extension, which validates it before opening anything; nothing in the
 * page navigates by itself. A click on a display equation copies its LaTeX.
 */
export function installClicks(strings: () => PreviewStrings): void {
  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const link = target?.closest<HTMLAnchorElement>('a');
    if (link) {
      event.preventDefault();
      if (link.classList.contains('eqref')) {
        jumpToEquation(link);
      } else if (link.dataset.postId) {
        post({ type: 'openPost', postId: link.dataset.postId });
      } else {
        const href = link.getAttribute('href') ?? '';
        if (href.startsWith('#')) document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
        else if (href) post({ type: 'openLink', href });
      }
      return;
    }
    const equation = target?.closest<HTMLElement>('[data-tex]');
    if (equation && !window.getSelection()?.toString()) {
      post({ type: 'copyTex', tex: equation.dataset.tex ?? '' });
      toast(strings().copied);
    }
  });
}

let toastTimer: number | undefined;

export function toast(text: string): void {
  let element = document.getElementById('toast');
  if (!element) {
    element = document.createElement('div');
    element.id = 'toast';
    element.setAttribute('role', 'status');
    document.body.appendChild(element);
  }
  element.textContent = text;
  element.classList.add('visible');
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => element?.classList.remove('visible'), 1400);
}
