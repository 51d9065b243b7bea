// Reading annotations from W3C JSON: an AnnotationCollection (its first page), an AnnotationPage, an
// array, or one annotation. Every annotation's shape is checked by the file parser, which says which one
// is wrong (AnnotationFileError); JSON errors are SyntaxErrors.
import { parseAnnotationFile } from './annotationFile';
import type { Annotation } from './model';

export function annotationsFromW3c(text: string): Annotation[] {
  const data = JSON.parse(text) as unknown;
  const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const items: unknown[] = Array.isArray(data)
    ? data
    : record(data).type === 'AnnotationCollection'
      ? ((record(record(data).first).items as unknown[] | undefined) ?? [])
      : record(data).type === 'AnnotationPage'
        ? ((record(data).items as unknown[] | undefined) ?? [])
        : [data];
  return parseAnnotationFile(JSON.stringify({ version: 1, post: { key: 'import', url: null, slug: null, title: null, date: null }, annotations: items })).annotations;
}
