// Digest pages of layout (a) show `D Mon` without a year. A year is filled in only when evidence fixes
// it: parts of a series are published in reading order (same day allowed), so dated parts bound the
// undated ones. Propagating along the reading order gives each part an earliest possible date (from
// the parts before it) and a latest (from the parts after); when both fall in one year, that is the
// year. Anything less certain stays null — a wrong year is worse than none.
import { dayNumber, formatIsoDate, onOrAfter, onOrBefore, type FullDate } from './calendar';
import type { Post } from './model';

interface Bound {
  date: FullDate;
  /** The dated post this bound comes from, named in the evidence. */
  origin: Post;
}

function knownDate(post: Post): FullDate | null {
  return post.year !== null && post.month !== null && post.day !== null
    ? { year: post.year, month: post.month, day: post.day }
    : null;
}

/**
 * Earliest (or, walking backwards, latest) possible date of each part. Parts with no month/day pass the
 * bound through unchanged: they are in the series, but say nothing about when.
 */
function propagate(parts: readonly Post[], direction: 'forward' | 'backward'): Map<Post, Bound> {
  const bounds = new Map<Post, Bound>();
  const ordered = direction === 'forward' ? parts : [...parts].reverse();
  const shift = direction === 'forward' ? onOrAfter : onOrBefore;
  let bound: Bound | null = null;
  for (const post of ordered) {
    const known = knownDate(post);
    if (known) {
      bound = { date: known, origin: post };
    } else if (post.month !== null && post.day !== null && bound) {
      const date = shift(bound.date, post.month, post.day);
      if (!date) continue;
      bound = { date, origin: bound.origin };
      bounds.set(post, bound);
    }
  }
  return bounds;
}

function describe(post: Post, date: FullDate): string {
  return `《${post.title ?? post.id}》(${formatIsoDate(date)})`;
}

/**
 * Fills in `year` for undated parts of each series (parts given in reading order). Repeats until no
 * year changes, so a year fixed in one round can bound its neighbours in the next.
 */
export function inferYears(seriesParts: readonly (readonly Post[])[]): void {
  for (const parts of seriesParts) {
    for (let changed = true; changed; ) {
      changed = false;
      const earliest = propagate(parts, 'forward');
      const latest = propagate(parts, 'backward');
      for (const post of parts) {
        const low = earliest.get(post);
        const high = latest.get(post);
        if (post.year !== null || !low || !high) continue;
        if (low.date.year !== high.date.year || dayNumber(low.date) > dayNumber(high.date)) continue;
        post.year = low.date.year;
        post.yearInferred = true;
        post.yearEvidence = {
          evidence: `系列按时间顺序发表：在${describe(low.origin, knownDate(low.origin)!)}之后、${describe(high.origin, knownDate(high.origin)!)}之前`,
        };
        changed = true;
      }
    }
  }
}
