import { anchorAll } from './anchor';
import { positionOf, quoteOf, type Anchor, type Annotation } from './model';

export interface AnchoredAnnotation {
  annotation: Annotation;
  anchor: Anchor;
}

/** Every annotation of a post found in its current text (same order as given). */
export function anchorAnnotations(text: string, annotations: readonly Annotation[]): AnchoredAnnotation[] {
  const anchors = anchorAll(text, annotations.map((a) => ({ quote: quoteOf(a), position: positionOf(a) })));
  return annotations.map((annotation, i) => ({ annotation, anchor: anchors[i] }));
}
