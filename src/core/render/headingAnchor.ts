// Which heading a link's fragment names (`part1.md#推导`, `part1.md#h-推导`): by the id the preview
// gives the heading, or by its words as GitHub and VS Code's Markdown preview write anchors.
import { slug } from './markdownEngine';
import type { RenderedHeading } from './types';

export function headingForAnchor(headings: readonly RenderedHeading[], fragment: string): RenderedHeading | undefined {
  const wanted = fragment.trim();
  if (wanted === '') return undefined;
  const bySlug = slug(wanted);
  return headings.find((heading) => heading.id === wanted) ?? headings.find((heading) => heading.id === bySlug || slug(heading.text) === bySlug);
}
