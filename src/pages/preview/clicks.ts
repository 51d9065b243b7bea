import type { PreviewStrings } from '../../core/protocol/preview';
import { jumpToEquation } from './eqrefPopup';
import { post } from './vscodeApi';
import { toastDuration } from './toastDuration';

/**
 * Every click on a link goes to the extension, which validates it before opening anything; nothing in the
 * page navigates by itself. A click on a display equation's number copies its LaTeX.
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
        else if (href) post({ type: 'openLink', href, ...(link.classList.contains('post-source') ? { source: true } : {}) });
      }
      return;
    }
    // The number of a display copies its LaTeX; a click on a formula itself selects it for the
    // annotation toolbar (annotationToolbar.ts), which offers Copy LaTeX among its actions.
    const equation = target?.closest<HTMLElement>('.math-display .tag')?.closest<HTMLElement>('.math-display');
    const tex = equation && texOf(equation);
    if (tex && !window.getSelection()?.toString()) {
      post({ type: 'copyTex', tex });
      toast(strings().copied);
    }
  });
}

/**
 * The LaTeX of a formula: the source the renderer kept (data-tex) or KaTeX's own annotation, without the
 * \tag{n} our numbering added (the reader copies the formula, not our bookkeeping).
 */
export function texOf(element: HTMLElement): string | undefined {
  const source = element.closest<HTMLElement>('[data-tex]')?.dataset.tex;
  if (source) return source;
  const annotation = element.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
  return annotation?.replace(/\\tag\*?\{[^{}]*\}/g, '').trim() || undefined;
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
  toastTimer = window.setTimeout(() => element?.classList.remove('visible'), toastDuration(text));
}
