import type { PostSource, RawEntry } from './model';
import { summarise } from './text';

/**
 * The entry a listing page gives for one post, whichever layout it came from: an excerpt only, with its
 * summary and opening taken from the paragraphs the scrape kept.
 */
export function digestEntry(
  source: PostSource,
  title: string | null,
  date: { year: number | null; month: number | null; day: number | null },
  paragraphs: readonly string[],
): RawEntry {
  return {
    source,
    title,
    year: date.year,
    month: date.month,
    day: date.day,
    summary: summarise(paragraphs),
    excerptOnly: true,
    tags: [],
    url: null,
    opening: paragraphs[0] ?? '',
  };
}
