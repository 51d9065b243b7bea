// Hovering an equation reference shows the referenced equation in a popup; clicking it scrolls there.
import { renderedCopy } from './renderedCopy';

let popup: HTMLElement | undefined;

/** The display that holds an equation: by its anchor id, or by its number (outline links). */
export function findEquation(number: string | undefined, id: string | undefined): HTMLElement | null {
  const anchor = id ? document.getElementById(decodeURIComponent(id)) : null;
  if (anchor) return anchor.closest<HTMLElement>('.math-display') ?? anchor;
  if (!number) return null;
  for (const display of document.querySelectorAll<HTMLElement>('#content [data-eq-numbers]')) {
    if ((display.dataset.eqNumbers ?? '').split(',').includes(number)) return display;
  }
  return null;
}

function targetOf(link: HTMLAnchorElement): HTMLElement | null {
  return findEquation(link.dataset.eqNumber, link.getAttribute('href')?.replace(/^#/, '') || undefined);
}

function hide(): void {
  popup?.remove();
  popup = undefined;
}

function show(link: HTMLAnchorElement): void {
  const target = targetOf(link);
  if (!target) return;
  hide();
  popup = document.createElement('div');
  popup.className = 'eqref-popup';
  popup.setAttribute('role', 'tooltip');
  popup.appendChild(renderedCopy(target));
  document.body.appendChild(popup);
  const rect = link.getBoundingClientRect();
  const width = Math.min(popup.scrollWidth, window.innerWidth - 16);
  popup.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))}px`;
  const below = rect.bottom + 6;
  const fitsBelow = below + popup.offsetHeight < window.innerHeight;
  popup.style.top = `${fitsBelow ? below : Math.max(8, rect.top - popup.offsetHeight - 6)}px`;
}

export function installEqrefPopups(): void {
  document.addEventListener('mouseover', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a.eqref');
    if (link) show(link);
  });
  document.addEventListener('mouseout', (event) => {
    const link = (event.target as Element | null)?.closest('a.eqref');
    if (link && !link.contains(event.relatedTarget as Node | null)) hide();
  });
  window.addEventListener('scroll', hide, { passive: true });
}

/** Scrolls to a referenced equation and flashes it, so the eye finds it. */
export function jumpToEquation(link: HTMLAnchorElement): boolean {
  const target = targetOf(link);
  if (!target) return false;
  hide();
  target.scrollIntoView({ block: 'center' });
  target.classList.remove('flash');
  void target.offsetWidth; // restart the animation
  target.classList.add('flash');
  return true;
}
