// A post's annotations as search sees them: each one found in the current text (orphans are left
// out: they have no place to open), its note and tags as the text, the annotated passage as the quote.

import { anchorAnnotations, type Annotation } from '../annotations';
import type { SearchNote } from './searchDocuments';

export function searchNotesOf(file: string, text: string, annotations: readonly Annotation[]): SearchNote[] {
  const notes: SearchNote[] = [];
  for (const { annotation, anchor } of anchorAnnotations(text, annotations)) {
    if (anchor.status === 'orphan') continue;
    const body = annotation.body.map((b) => (b.purpose === 'tagging' ? `#${b.value}` : b.value)).join('\n');
    if (body.trim() === '' && anchor.exact.trim() === '') continue;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < anchor.start; i = text.indexOf('\n', i + 1)) line++;
    notes.push({ file, line, text: body, quote: anchor.exact });
  }
  return notes;
}
