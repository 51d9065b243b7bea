// The Notes view's top level: the posts that hold notes grouped by the series they belong to (series by
// name, parts in reading order), then the posts of no series in one group of their own, last.
// Generic over what a "post" is, so the view's and the tests' items both fit.

export interface SeriesPlace {
  series: string;
  /** Position in the series' reading order (0-based). */
  index: number;
}

export interface SeriesGroup<T> {
  /** null: the posts that belong to no series (shown as "Standalone"). */
  series: string | null;
  items: T[];
}

const collator = new Intl.Collator('zh', { numeric: true });

/**
 * Groups `items` by `placeOf(item)`; a series' items in reading order (ties by title), the series by
 * name, the standalone group (items with no place) last, by title.
 */
export function groupBySeries<T>(items: readonly T[], placeOf: (item: T) => SeriesPlace | undefined, titleOf: (item: T) => string): SeriesGroup<T>[] {
  const bySeries = new Map<string, { item: T; index: number }[]>();
  const standalone: T[] = [];
  for (const item of items) {
    const place = placeOf(item);
    if (!place) standalone.push(item);
    else bySeries.set(place.series, [...(bySeries.get(place.series) ?? []), { item, index: place.index }]);
  }
  const groups: SeriesGroup<T>[] = [...bySeries.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([series, members]) => ({
      series,
      items: members.sort((a, b) => a.index - b.index || collator.compare(titleOf(a.item), titleOf(b.item))).map((m) => m.item),
    }));
  if (standalone.length > 0) groups.push({ series: null, items: standalone.sort((a, b) => collator.compare(titleOf(a), titleOf(b))) });
  return groups;
}
