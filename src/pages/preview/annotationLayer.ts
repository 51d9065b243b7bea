// The reader's annotations in the page: highlights drawn over the rendered post (found as
// core/annotations/previewText.ts describes), the notes beside them, and the outline's marks on the
// sections that hold notes. Everything the reader does with them is posted to the host, which writes
// through the one NotesService and sends the new set back.
import { findLoose } from '../../core/annotations/previewText';
import type { AnnotationStrings, HostToWebview, PreviewAnnotation } from '../../core/protocol/preview';
import { clearHighlights, drawHighlight, FORMULA_HIGHLIGHT_CLASS, HIGHLIGHT_CLASS, lineBlocks, lineOf, projectBlocks } from './annotationText';
import { NotesList } from './annotationNotes';

type AnnotationsMessage = Extract<HostToWebview, { type: 'annotations' }>;

export const colorClass = (color: string, colors: readonly string[]): string => `kx-color-${colors.includes(color) ? color : 'yellow'}`;

export class AnnotationLayer {
  annotations: PreviewAnnotation[] = [];
  strings: AnnotationStrings | undefined;
  colors: string[] = [];
  /** The elements drawn for each annotation, in page order. */
  readonly drawn = new Map<string, HTMLElement[]>();
  private readonly notes: NotesList;

  constructor(
    private readonly content: HTMLElement,
    private readonly outline: HTMLElement,
    notesHost: HTMLElement,
    private readonly problem: HTMLElement,
    private uri: string,
  ) {
    this.notes = new NotesList(notesHost, this);
  }

  byId(id: string): PreviewAnnotation | undefined {
    return this.annotations.find((a) => a.id === id);
  }

  /** Another post is on the page: the annotations sent so far were the previous post's. */
  setUri(uri: string): void {
    this.uri = uri;
    this.annotations = [];
    this.showProblem(undefined);
    this.redraw();
  }

  receive(message: AnnotationsMessage): void {
    if (message.uri !== this.uri) return;
    this.annotations = message.annotations;
    this.colors = message.colors;
    this.strings = message.strings;
    this.showProblem(message.problem);
    this.redraw();
  }

  /** A post whose notes file is unreadable shows no notes: say why, or a reader takes them for lost. */
  private showProblem(problem: string | undefined): void {
    this.problem.textContent = problem ?? '';
    this.problem.hidden = problem === undefined;
  }

  /** Draws every annotation again (after a render replaced blocks, or the set changed). */
  redraw(): void {
    clearHighlights(this.content);
    this.drawn.clear();
    const blocks = lineBlocks(this.content);
    for (const annotation of this.annotations) {
      if (annotation.status === 'orphan') continue;
      const marked = this.draw(annotation, blocks);
      if (marked.length > 0) this.drawn.set(annotation.id, marked);
    }
    this.content.dataset.annotations = String(this.drawn.size);
    this.markOutline();
    if (this.strings) this.notes.render(this.strings);
  }

  private draw(annotation: PreviewAnnotation, blocks: HTMLElement[]): HTMLElement[] {
    // The blocks from the one holding the quote's first line to the one holding its last.
    let first = 0;
    let last = -1;
    blocks.forEach((block, i) => {
      if (lineOf(block) <= annotation.line) first = i;
      if (lineOf(block) <= annotation.endLine) last = i;
    });
    if (last < first) return [];
    const projection = projectBlocks(blocks.slice(first, last + 1));
    const hit = findLoose(projection.text, annotation);
    if (!hit) return [];
    const color = colorClass(annotation.color, this.colors);
    return drawHighlight(
      projection.units,
      hit.start,
      hit.end,
      () => {
        const span = document.createElement('span');
        span.className = `${HIGHLIGHT_CLASS} ${color}${annotation.note ? ' kx-has-note' : ''}`;
        span.dataset.kxId = annotation.id;
        return span;
      },
      (formula) => {
        for (const c of Array.from(formula.classList)) if (c.startsWith('kx-color-')) formula.classList.remove(c);
        formula.classList.add(FORMULA_HIGHLIGHT_CLASS, color);
        formula.dataset.kxIds = [...(formula.dataset.kxIds ?? '').split(' ').filter(Boolean), annotation.id].join(' ');
      },
    );
  }

  /** Outline headings whose section (up to the next heading) holds a drawn note. */
  private markOutline(): void {
    const links = Array.from(this.outline.querySelectorAll<HTMLAnchorElement>('ol.outline-headings a[href^="#"]'));
    const lines = links.map((link) => {
      const heading = document.getElementById(decodeURIComponent(link.getAttribute('href')?.slice(1) ?? ''));
      return heading?.dataset.line !== undefined ? Number(heading.dataset.line) : undefined;
    });
    const noted = this.annotations.filter((a) => a.status !== 'orphan' && this.drawn.has(a.id));
    links.forEach((link, i) => {
      const from = lines[i];
      const item = link.parentElement;
      if (!item) return;
      const to = lines.slice(i + 1).find((l) => l !== undefined) ?? Number.POSITIVE_INFINITY;
      const count = from === undefined ? 0 : noted.filter((a) => a.line >= from && a.line < to).length;
      item.classList.toggle('kx-has-notes', count > 0);
      if (count > 0) {
        link.dataset.notes = String(count);
        link.title = (count === 1 ? this.strings?.sectionNote : this.strings?.sectionNotes.replace('{0}', String(count))) ?? '';
      } else {
        delete link.dataset.notes;
        link.removeAttribute('title');
      }
    });
  }

  /** Scrolls to an annotation's highlight and flashes it. */
  reveal(id: string): void {
    const first = this.drawn.get(id)?.[0];
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    for (const element of this.drawn.get(id) ?? []) {
      element.classList.remove('flash');
      void element.offsetWidth;
      element.classList.add('flash');
    }
  }

  /** Lays the notes out again (the page was resized or scrolled). */
  layout(): void {
    this.notes.layout();
  }
}
