// What an edit, a recolour or a new tag list does to a stored annotation, in one place for every UI
// (comment threads, the Notes view, the preview's toolbar). Bodies the change does not name are kept
// as they are: above all a pinned definition's `describing` body (`$W_k$: …`), which the Notation view
// and `kexue symbols` read — recolouring or tagging a pin must never turn it into a plain highlight.
import { bodiesFor } from './createAnnotation';
import type { Annotation, TextualBody } from './model';

export interface NoteChange {
  color?: string;
  /** The note's Markdown; for a pin (a `describing` annotation without a comment) its definition text. */
  note?: string;
  tags?: readonly string[];
}

/** A pin: what the reader wrote is the describing body, not a comment. */
export const isPin = (annotation: Annotation): boolean =>
  annotation.motivation === 'describing' && !annotation.body.some((b) => b.purpose === 'commenting');

/** The text a UI shows and edits as the note: the comment, or a pin's definition (`$W_k$: …`). */
export function shownNoteOf(annotation: Annotation): string {
  const purpose = isPin(annotation) ? 'describing' : 'commenting';
  return annotation.body
    .filter((b) => b.purpose === purpose)
    .map((b) => b.value)
    .join('\n\n');
}

/** The annotation after `change`, with `modified` set to `now`; bodies the change leaves alone are kept in order. */
export function applyNoteChange(annotation: Annotation, change: NoteChange, now: string): Annotation {
  const pin = isPin(annotation);
  let body: TextualBody[] = annotation.body;
  if (change.note !== undefined) {
    if (pin) {
      // An empty definition would unpin silently: keep the old one (delete the note to unpin).
      const value = change.note.trim();
      if (value !== '') {
        const first = body.findIndex((b) => b.purpose === 'describing');
        body =
          first < 0
            ? [{ type: 'TextualBody', purpose: 'describing', format: 'text/markdown', value }, ...body]
            : body.flatMap((b, i) => (b.purpose !== 'describing' ? [b] : i === first ? [{ ...b, value }] : []));
      }
    } else {
      // The comment first, then whatever else the annotation holds (describing, tags), as created.
      const [comment] = bodiesFor(change.note, []);
      const others = body.filter((b) => b.purpose !== 'commenting');
      body = comment ? [comment, ...others] : others;
    }
  }
  if (change.tags !== undefined) body = [...body.filter((b) => b.purpose !== 'tagging'), ...bodiesFor(undefined, change.tags)];
  const commented = body.some((b) => b.purpose === 'commenting');
  const motivation = annotation.motivation === 'highlighting' && commented ? 'commenting' : annotation.motivation;
  return { ...annotation, body, color: change.color ?? annotation.color, motivation, modified: now };
}

/**
 * Tags as a reader types them in one box: `矩阵, 奇异值`, `#矩阵 #迭代`, `矩阵、奇异值`. Split at spaces and
 * at Western or Chinese commas, semicolons and 顿号, a leading `#` dropped: each tag is one word, as the
 * Notes view's `tag:矩阵` filter (split at spaces) can find it. Duplicates kept once, in order.
 */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[\s,，、;；]+/)
    .map((t) => t.replace(/^#+/, ''))
    .filter((t) => t !== '');
  return [...new Set(tags)];
}
