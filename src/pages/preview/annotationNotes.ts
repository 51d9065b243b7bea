// The notes beside the post: in the right margin next to their highlights when the panel is wide
// enough, else a list above the post ("Notes (n)"). Each shows its words, the note as the host drew it
// (escaped text and KaTeX output only), and edits, recolours and deletes in place.
import type { AnnotationStrings, PreviewAnnotation } from '../../core/protocol/preview';
import { fitQuote, quoteOfMarks } from './noteQuote';
import { post } from './vscodeApi';

/** Narrowest margin (px) the notes are put in; a narrower panel lists them above the post. */
const MARGIN_MIN = 190;
const MARGIN_MAX = 300;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export function actionButton(label: string, className: string, onClick: () => void, title = label): HTMLButtonElement {
  const b = element('button', `kx-button ${className}`, label);
  b.type = 'button';
  b.title = title;
  // Keep the reader's selection in the post while the pointer is on a button.
  b.addEventListener('mousedown', (event) => event.preventDefault());
  b.addEventListener('click', (event) => {
    event.stopPropagation();
    onClick();
  });
  return b;
}

/** One button per highlight colour, named in the reader's language. */
export function swatches(colors: readonly string[], strings: AnnotationStrings, current: string | undefined, onPick: (color: string) => void): HTMLElement {
  const row = element('span', 'kx-swatches');
  for (const color of colors) {
    const name = strings.colors[color] ?? color;
    const b = actionButton('', `kx-swatch kx-color-${color}${color === current ? ' kx-current' : ''}`, () => onPick(color), `${strings.highlight}: ${name}`);
    b.dataset.color = color;
    b.setAttribute('aria-label', `${strings.highlight}: ${name}`);
    row.append(b);
  }
  return row;
}

/** A text box for a note with Save and Cancel (Ctrl+Enter saves, Escape cancels). */
export function noteEditor(initial: string, strings: AnnotationStrings, onSave: (note: string) => void, onCancel: () => void): HTMLElement {
  const box = element('div', 'kx-note-editor');
  const input = element('textarea', 'kx-note-input');
  input.value = initial;
  input.placeholder = strings.notePlaceholder;
  input.rows = 3;
  input.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) onSave(input.value);
    else if (event.key === 'Escape') onCancel();
  });
  const bar = element('div', 'kx-note-editor-bar');
  bar.append(actionButton(strings.save, 'kx-save', () => onSave(input.value)), actionButton(strings.cancel, 'kx-cancel', onCancel));
  box.append(input, bar);
  setTimeout(() => input.focus(), 0);
  return box;
}

/** What the list shows and does: the annotation layer's state (annotationLayer.ts). */
export interface NotesSource {
  readonly annotations: readonly PreviewAnnotation[];
  readonly colors: readonly string[];
  /** The elements drawn for each annotation, in page order (absent: not found in the page). */
  readonly drawn: ReadonlyMap<string, readonly HTMLElement[]>;
  reveal(id: string): void;
}

export class NotesList {
  private editing: string | undefined;
  private scheduled = false;
  private fittedWidth: number | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly layer: NotesSource,
  ) {
    window.addEventListener('resize', () => this.scheduleLayout());
    window.addEventListener('scroll', () => this.scheduleLayout(), { passive: true });
  }

  private scheduleLayout(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.layout();
    });
  }

  render(strings: AnnotationStrings): void {
    // Notes first in page order, orphans (their words gone) last.
    const placed = this.layer.annotations.filter((a) => this.layer.drawn.has(a.id));
    const unplaced = this.layer.annotations.filter((a) => !this.layer.drawn.has(a.id));
    this.host.replaceChildren();
    this.host.hidden = this.layer.annotations.length === 0;
    if (this.host.hidden) return;
    const summary = element('div', 'kx-notes-title', `${strings.notes} (${this.layer.annotations.length})`);
    const list = element('div', 'kx-notes-list');
    for (const annotation of [...placed, ...unplaced]) list.append(this.card(annotation, strings));
    this.host.append(summary, list);
    this.fittedWidth = undefined;
    this.layout();
  }

  private card(annotation: PreviewAnnotation, strings: AnnotationStrings): HTMLElement {
    const card = element('div', `kx-note kx-color-${this.layer.colors.includes(annotation.color) ? annotation.color : 'yellow'}`);
    card.dataset.kxId = annotation.id;
    const drawn = this.layer.drawn.has(annotation.id);
    if (!drawn) card.classList.add('kx-orphan');
    const words = annotation.exact.replace(/\s+/g, ' ').trim();
    const quote = element('div', 'kx-note-quote');
    // Drawn, its formulas as the page draws them; an orphan's words are all there is.
    const marks = this.layer.drawn.get(annotation.id);
    if (marks) quote.append('“', quoteOfMarks(marks), '”');
    else quote.textContent = `“${words.length > 60 ? `${words.slice(0, 59)}…` : words}”`;
    quote.title = drawn ? words : strings.orphan;
    card.append(quote);
    if (this.editing === annotation.id) {
      card.append(
        noteEditor(annotation.note, strings, (note) => {
          this.editing = undefined;
          post({ type: 'changeAnnotation', id: annotation.id, note });
        }, () => {
          this.editing = undefined;
          this.render(strings);
        }),
      );
      return card;
    }
    if (annotation.noteHtml) {
      const body = element('div', 'kx-note-body');
      // The host's output: escaped text and KaTeX markup (trust:false), never the note's own HTML.
      body.innerHTML = annotation.noteHtml;
      card.append(body);
    }
    const actions = element('div', 'kx-note-actions');
    actions.append(
      swatches(this.layer.colors, strings, annotation.color, (color) => post({ type: 'changeAnnotation', id: annotation.id, color })),
      actionButton(annotation.note ? strings.editNote : strings.addNote, 'kx-edit', () => {
        this.editing = annotation.id;
        this.render(strings);
      }),
      actionButton(strings.deleteNote, 'kx-delete', () => post({ type: 'deleteAnnotation', id: annotation.id })),
    );
    card.append(actions);
    card.addEventListener('click', (event) => {
      if ((event.target as Element).closest('button, textarea, a')) return;
      this.layer.reveal(annotation.id);
    });
    return card;
  }

  /** Margin beside the text when there is room (each note level with its highlight), else a list above the post. */
  /** The quotes fitted to their cards at this width (layout runs on every scroll; fitting only when the width changes). */
  private fitQuotes(): void {
    const width = this.host.clientWidth;
    if (width === this.fittedWidth) return;
    this.fittedWidth = width;
    for (const quote of Array.from(this.host.querySelectorAll<HTMLElement>('.kx-note-quote'))) fitQuote(quote);
  }

  layout(): void {
    if (this.host.hidden) return;
    const column = document.body.getBoundingClientRect();
    const room = window.innerWidth - column.right - 12;
    const margin = room >= MARGIN_MIN;
    this.host.classList.toggle('kx-margin', margin);
    const cards = Array.from(this.host.querySelectorAll<HTMLElement>('.kx-note'));
    if (!margin) {
      this.host.style.left = '';
      this.host.style.width = '';
      for (const card of cards) card.style.top = '';
      this.fitQuotes();
      return;
    }
    this.host.style.left = `${column.right + window.scrollX + 4}px`;
    this.host.style.width = `${Math.min(MARGIN_MAX, room - 8)}px`;
    this.fitQuotes();
    let bottom = 0;
    for (const card of cards) {
      const anchor = this.layer.drawn.get(card.dataset.kxId ?? '')?.[0];
      const wanted = anchor ? anchor.getBoundingClientRect().top + window.scrollY : bottom;
      const top = Math.max(wanted, bottom);
      card.style.top = `${top}px`;
      bottom = top + card.offsetHeight + 8;
    }
  }
}
