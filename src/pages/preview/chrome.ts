// The parts of the page around the post: series bar, outline, "cited by". Built with DOM calls and
// textContent only — titles come from posts and must never be parsed as HTML.
import type { CitedBy, OutlineEquation, PostHeader, PreviewStrings, SeriesPosition } from '../../core/protocol/preview';
import type { RenderedHeading } from '../../core/render/types';
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
  // The post's own part number, as the blog numbers it; where it sits among the parts the library holds
  // is a different fact (the library may hold only part 14), said separately.
  const part = series.part === null ? [] : [element('span', 'series-part', `· ${strings.seriesPart.replace('{0}', String(series.part))}`)];
  const position = element('span', 'series-position', `· ${strings.inLibrary.replace('{0}', String(series.index)).replace('{1}', String(series.count))}`);
  const previous = button(`‹ ${strings.previous}`, series.previous?.title ?? '', () => post({ type: 'navigateSeries', direction: 'previous' }), !series.previous);
  const next = button(`${strings.next} ›`, series.next?.title ?? '', () => post({ type: 'navigateSeries', direction: 'next' }), !series.next);
  const tree = button(strings.showInTree, strings.showInTree, () => post({ type: 'showInTree' }));
  previous.id = 'series-previous';
  next.id = 'series-next';
  host.append(name, ...part, position, element('span', 'spacer'), previous, next, tree);
}

/**
 * The outline: headings, and the numbered equations drawn small (one row per numbered row of an
 * align). The rows are drawn by the host only once the reader opens the equation list (`askRows`);
 * until then, and in a first-screens render, the list keeps what it has.
 */
export function renderOutline(host: HTMLElement, headings: RenderedHeading[], equationCount: number, rows: OutlineEquation[] | undefined, strings: PreviewStrings, askRows: () => void): void {
  const details = element('details', 'outline');
  details.open = host.querySelector<HTMLDetailsElement>('details.outline')?.open ?? false;
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
  const previous = host.querySelector<HTMLDetailsElement>('details.outline-equations');
  if (equationCount > 0) {
    const sub = element('details', 'outline-equations');
    sub.open = previous?.open ?? false;
    sub.append(element('summary', undefined, `${strings.equations} (${equationCount})`));
    const kept = rows === undefined ? previous?.querySelector('ol') : undefined;
    sub.append(kept ?? equationList(rows ?? []));
    sub.addEventListener('toggle', () => {
      if (sub.open && sub.querySelector('ol')?.childElementCount === 0) askRows();
    });
    details.append(sub);
  }
  host.replaceChildren(details);
}

/** Fills the outline's equation list with the rows the host drew. */
export function showOutlineRows(host: HTMLElement, rows: OutlineEquation[]): void {
  host.querySelector('details.outline-equations ol')?.replaceWith(equationList(rows));
}

function equationList(rows: OutlineEquation[]): HTMLOListElement {
  const eqList = element('ol');
  for (const row of rows) {
    const item = element('li');
    const link = element('a', 'eqref outline-eq');
    link.href = '#';
    link.dataset.eqNumber = row.number;
    link.append(element('span', 'outline-eq-number', `(${row.number})`));
    const formula = element('span', 'outline-eq-formula');
    // KaTeX's markup, made by the host with trust:false (as the post's own formulas); a row KaTeX
    // could not draw shows its source as text.
    if (row.html) formula.innerHTML = row.html;
    else formula.textContent = row.tex ?? '';
    link.append(formula);
    item.append(link);
    eqList.append(item);
  }
  return eqList;
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

/**
 * Date and source address from the front matter, above the post. The post's own lines (an empty
 * `发布日期:`) are left as the post has them; the link goes through the extension like every link.
 */
export function renderHeader(host: HTMLElement, header: PostHeader, strings: PreviewStrings): void {
  host.replaceChildren();
  host.hidden = !header.date && !header.source;
  if (header.date) host.append(element('time', 'post-date', strings.published.replace('{0}', header.date)));
  if (header.source) {
    const link = element('a', 'post-source', strings.source);
    link.href = header.source;
    link.title = header.source;
    host.append(link);
  }
}
