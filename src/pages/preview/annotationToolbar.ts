// The small toolbar over the post: select words (or click an equation — it is selected whole) and pick
// a highlight colour, "Add Note" or "Copy Link to Here"; click a highlight to recolour it, edit its note
// or delete it. What the reader picks is posted to the host; the page redraws when the host answers
// with the new set of annotations.
import type { PageSelection } from '../../core/protocol/preview';
import type { AnnotationLayer } from './annotationLayer';
import { actionButton, noteEditor, swatches } from './annotationNotes';
import { formulaOf, HIGHLIGHT_CLASS, pageSelectionOf } from './annotationText';
import { post } from './vscodeApi';

type Target = { kind: 'selection'; selection: PageSelection; tex?: string } | { kind: 'annotation'; id: string; tex?: string };

export interface ToolbarDeps {
  content: HTMLElement;
  layer: AnnotationLayer;
  texOf: (element: HTMLElement) => string | undefined;
  toast: (text: string) => void;
  copiedText: () => string;
}

export function installAnnotationToolbar(deps: ToolbarDeps): void {
  const { content, layer } = deps;
  const bar = document.createElement('div');
  bar.id = 'kx-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.hidden = true;
  document.body.append(bar);
  let shownFor: Target | undefined;

  const hide = (): void => {
    bar.hidden = true;
    shownFor = undefined;
  };

  const place = (rect: DOMRect): void => {
    bar.hidden = false;
    const width = bar.offsetWidth;
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - width - 8));
    bar.style.left = `${left + window.scrollX}px`;
    bar.style.top = `${rect.bottom + window.scrollY + 6}px`;
  };

  const show = (target: Target, rect: DOMRect): void => {
    const strings = layer.strings;
    if (!strings) return;
    shownFor = target;
    bar.replaceChildren();
    const existing = target.kind === 'annotation' ? layer.byId(target.id) : undefined;
    if (target.kind === 'annotation' && !existing) return hide();
    const done = (): void => {
      hide();
      window.getSelection()?.removeAllRanges();
    };
    bar.append(
      swatches(layer.colors, strings, existing?.color, (color) => {
        post(target.kind === 'selection' ? { type: 'annotate', selection: target.selection, color } : { type: 'changeAnnotation', id: target.id, color });
        done();
      }),
      actionButton(existing?.note ? strings.editNote : strings.addNote, 'kx-add-note', () => {
        bar.replaceChildren(
          noteEditor(existing?.note ?? '', strings, (note) => {
            post(target.kind === 'selection' ? { type: 'annotate', selection: target.selection, note } : { type: 'changeAnnotation', id: target.id, note });
            done();
          }, hide),
        );
        place(rect);
      }),
      actionButton(strings.copyLink, 'kx-copy-link', () => {
        post(target.kind === 'selection' ? { type: 'copyAnnotationLink', selection: target.selection } : { type: 'copyAnnotationLink', id: target.id });
        deps.toast(strings.linkCopied);
        hide();
      }),
    );
    if (target.tex) {
      const tex = target.tex;
      bar.append(actionButton(strings.copyTex, 'kx-copy-tex', () => {
        post({ type: 'copyTex', tex });
        deps.toast(deps.copiedText());
        hide();
      }));
    }
    if (target.kind === 'annotation') bar.append(actionButton(strings.deleteNote, 'kx-delete', () => {
      post({ type: 'deleteAnnotation', id: target.id });
      hide();
    }));
    place(rect);
  };

  /** After the reader selected words with the mouse or the keyboard. */
  const fromSelection = (): void => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (!content.contains(range.commonAncestorContainer)) return;
    const page = pageSelectionOf(content, range);
    if (!page) return;
    const rects = range.getClientRects();
    show({ kind: 'selection', selection: page }, rects[rects.length - 1] ?? range.getBoundingClientRect());
  };

  document.addEventListener('mouseup', (event) => {
    // A plain click leaves the selection collapsed: the click handler below takes it.
    if (bar.contains(event.target as Node) || window.getSelection()?.isCollapsed !== false) return;
    fromSelection();
  });
  document.addEventListener('keyup', (event) => {
    if (event.key === 'Escape') hide();
    else if (event.shiftKey && !bar.contains(event.target as Node)) fromSelection();
  });

  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (!target || bar.contains(target)) return;
    if (!window.getSelection()?.isCollapsed) return;
    const highlight = target.closest<HTMLElement>(`span.${HIGHLIGHT_CLASS}`);
    const formula = target.closest('a, .tag') ? undefined : formulaOf(target);
    const id = highlight?.dataset.kxId ?? formula?.dataset.kxIds?.split(' ')[0];
    if (id && content.contains(target)) {
      show({ kind: 'annotation', id, ...(formula ? { tex: deps.texOf(formula) } : {}) }, (formula ?? highlight ?? target).getBoundingClientRect());
      return;
    }
    if (formula && content.contains(formula)) {
      // A click on an equation selects it whole.
      const range = document.createRange();
      range.selectNode(formula);
      const page = pageSelectionOf(content, range);
      if (page) {
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        show({ kind: 'selection', selection: page, tex: deps.texOf(formula) }, formula.getBoundingClientRect());
        return;
      }
    }
    if (shownFor) hide();
  });
}
