// The Notes view's filter: words (in the quote or the note — a pin's definition counts as its note), `color:green`, `tag:矩阵`; every term must match.
import type { AnchoredAnnotation } from './anchorAnnotations';
import { tagsOf } from './model';
import { shownNoteOf } from './noteChange';

export function matchesFilter(entry: AnchoredAnnotation, filter: string): boolean {
  for (const term of filter.split(/\s+/).filter(Boolean)) {
    const colon = term.indexOf(':');
    const key = colon > 0 ? term.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? term.slice(colon + 1).toLowerCase() : term.toLowerCase();
    if (key === 'color' || key === 'colour') {
      if (entry.annotation.color.toLowerCase() !== value) return false;
    } else if (key === 'tag') {
      if (!tagsOf(entry.annotation).some((t) => t.toLowerCase() === value)) return false;
    } else if (!`${entry.anchor.exact}\n${shownNoteOf(entry.annotation)}`.toLowerCase().includes(term.toLowerCase())) return false;
  }
  return true;
}
