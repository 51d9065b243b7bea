// The parts of the page around the post: series bar, outline, "cited by". Built with DOM calls and
// textContent only — titles come from posts and must never be parsed as HTML.
import type { CitedBy, PreviewStrings, SeriesPosition } from '../../core/protocol/preview';
import type { RenderedEquation, RenderedHeading } from '../../core/render/types';
import { post } from './vscodeApi';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(label: string, title: string, onClick: () => void, disabled = false): HTMLElement {
  const b = element('vscode-button' as 'button');
  b.textContent = label;
  b.title = title;
  b.setAttribute('secondary', '');
  if (disabled) b.setAttribute('disabled', '');
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

export function renderSeriesBar(host: HTMLElement, series: SeriesPosition | null, strings: PreviewStrings): void {
  host.replaceChildren();
  host.hidden = series === null;
  if (!series) return;
  const name = element('span', 'series-name', series.name);
  const position = element('span', 'series-position', strings.partOf.replace('{0}', String(series.index)).replace('{1}', String(series.count)));
  const previous = button(`‹ ${strings.previous}`, series.previous?.title ?? '', () => post({ type: 'navigateSeries', direction: 'previous' }), !series.previous);
  const next = button(`${strings.next} ›`, series.next?.title ?? '', () => post({ type: 'navigateSeries', direction: 'next' }), !series.next);
  const tree = button(strings.showInTree, strings.showInTree, () => post({ type: 'showInTree' }));
  previous.id = 'series-previous';
  next.id = 'series-next';
  host.append(name, position, element('span', 'spacer'), previous, next, tree);
}

export function renderOutline(host: HTMLElement, headings: RenderedHeading[], equations: RenderedEquation[], strings: PreviewStrings): void {
  const details = element('details', 'outline');
  details.open = host.querySelector('details')?.open ?? false;
  details.append(element('summary', undefined, strings.outline));
  const list = element('ol', 'outline-headings');
  for (const heading of headings) {
    const item = element('li', `level-${heading.level}`);
    const link = element('a', undefined, heading.text);
    link.href = `#${encodeURIComponent(heading.id)}`;
    item.append(link);
    list.append(item);
  }
  details.append(list);
  const labelled = equations.filter((e) => e.number);
  if (labelled.length > 0) {
    const sub = element('details', 'outline-equations');
    sub.append(element('summary', undefined, `${strings.equations} (${labelled.length})`));
    const eqList = element('ol');
    for (const eq of labelled) {
      const item = element('li');
      const link = element('a', undefined, `(${eq.number}) ${eq.tex.replace(/\s+/g, ' ').slice(0, 60)}`);
      link.href = '#';
      link.dataset.eqNumber = eq.number;
      link.className = 'eqref outline-eq';
      item.append(link);
      eqList.append(item);
    }
    sub.append(eqList);
    details.append(sub);
  }
  host.replaceChildren(details);
}

export function renderCitedBy(host: HTMLElement, citedBy: CitedBy[], strings: PreviewStrings): void {
  host.replaceChildren();
  host.hidden = citedBy.length === 0;
  if (citedBy.length === 0) return;
  host.append(element('h2', undefined, strings.citedBy));
  const list = element('ul');
  for (const c of citedBy) {
    const link = element('a', 'post-link', `《${c.title}》`);
    link.href = '#';
    link.dataset.postId = c.postId;
    const item = element('li');
    item.append(link);
    list.append(item);
  }
  host.append(list);
}
