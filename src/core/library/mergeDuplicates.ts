// The same post appears in several files: in two digests, or in a digest and as a full post. Entries
// with a title merge by normalised title (full- and half-width spellings agree). An untitled entry
// merges with a post when the month/day agree and the opening text agrees — the only evidence it has.
import type { Inference, RawEntry } from './model';
import { openingsMatch, titleKey } from './text';

/** One post before its fields are settled: every entry found for it, full posts first. */
export interface MergedEntries {
  entries: RawEntry[];
  title: string | null;
  titleInferred: boolean;
  titleEvidence?: Inference;
}

const KIND_RANK: Readonly<Record<RawEntry['source']['kind'], number>> = {
  post: 0,
  'digest-dated': 1,
  'digest-undated': 2,
};

/** Full posts first, then dated digests, then undated ones; within a kind by file, then line. */
export function compareEntries(a: RawEntry, b: RawEntry): number {
  return (
    KIND_RANK[a.source.kind] - KIND_RANK[b.source.kind] ||
    (a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : 0) ||
    a.source.line - b.source.line
  );
}

/** The month/day a group is known to carry, from its first entry that has one. */
export function monthDayOf(entries: readonly RawEntry[]): { month: number; day: number } | null {
  const dated = entries.find((e) => e.month !== null && e.day !== null);
  return dated ? { month: dated.month!, day: dated.day! } : null;
}

/** Month/day do not contradict: equal, or unknown on one side. */
export function monthDayCompatible(a: readonly RawEntry[], b: readonly RawEntry[]): boolean {
  const ma = monthDayOf(a);
  const mb = monthDayOf(b);
  return !ma || !mb || (ma.month === mb.month && ma.day === mb.day);
}

function sameOpening(group: MergedEntries, entry: RawEntry): boolean {
  return group.entries.some((e) => openingsMatch(e.opening, entry.opening));
}

/** Merges raw entries into one group per post. Titles are not inferred here (see inferTitles). */
export function mergeDuplicates(rawEntries: readonly RawEntry[]): MergedEntries[] {
  const entries = [...rawEntries].sort(compareEntries);
  const groups: MergedEntries[] = [];
  const byTitle = new Map<string, MergedEntries>();
  for (const entry of entries) {
    if (entry.title === null) continue;
    const key = titleKey(entry.title);
    const group = byTitle.get(key);
    if (group) {
      group.entries.push(entry);
    } else {
      const created: MergedEntries = { entries: [entry], title: entry.title, titleInferred: false };
      byTitle.set(key, created);
      groups.push(created);
    }
  }
  // Untitled entries come after every titled one so that they can find the full post they belong to.
  for (const entry of entries) {
    if (entry.title !== null) continue;
    const match = groups.find((g) => monthDayCompatible(g.entries, [entry]) && sameOpening(g, entry));
    if (match) match.entries.push(entry);
    else groups.push({ entries: [entry], title: null, titleInferred: false });
  }
  for (const group of groups) group.entries.sort(compareEntries);
  return groups;
}
