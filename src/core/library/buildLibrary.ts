// Parsed files → the Library every consumer reads: duplicates merged, titles and years inferred where
// the text gives evidence, series assembled in reading order. Never throws on any parsed input.
import { dayNumber } from './calendar';
import { inferTitles } from './inferTitles';
import { inferYears } from './inferYears';
import { compareEntries, mergeDuplicates, type MergedEntries } from './mergeDuplicates';
import type { FileProblem, Library, ParsedFile, Post, Series } from './model';
import { parseSeriesTitle } from './seriesTitle';
import { openingKey, shortHash, slugify, titleKey } from './text';

function pad2(n: number | null): string {
  return n === null ? 'xx' : String(n).padStart(2, '0');
}

function baseId(group: MergedEntries, month: number | null, day: number | null): string {
  if (group.title !== null) return slugify(group.title) || `title-${shortHash(titleKey(group.title))}`;
  const opening = group.entries.map((e) => e.opening).find((o) => o) ?? '';
  return `untitled-${pad2(month)}-${pad2(day)}-${shortHash(openingKey(opening))}`;
}

/** Settles one post's fields from its entries: the full post speaks first, digests fill the gaps. */
function toPost(group: MergedEntries): Post {
  const entries = [...group.entries].sort(compareEntries);
  const withYear = entries.find((e) => e.year !== null && e.month !== null && e.day !== null);
  const withMonthDay = withYear ?? entries.find((e) => e.month !== null && e.day !== null);
  const month = withMonthDay?.month ?? null;
  const day = withMonthDay?.day ?? null;
  const series = group.title !== null ? parseSeriesTitle(group.title) : null;
  const tags: string[] = [];
  for (const tag of entries.flatMap((e) => e.tags)) if (!tags.includes(tag)) tags.push(tag);
  return {
    id: baseId(group, month, day),
    title: group.title,
    titleInferred: group.titleInferred,
    ...(group.titleEvidence ? { titleEvidence: group.titleEvidence } : {}),
    year: withYear?.year ?? null,
    yearInferred: false,
    month,
    day,
    series: series?.series ?? null,
    part: series?.part ?? null,
    subPart: series?.subPart ?? 0,
    summary: entries.map((e) => e.summary).find((s) => s !== '') ?? '',
    excerptOnly: !entries.some((e) => e.source.kind === 'post'),
    sources: entries.map((e) => ({ ...e.source })),
    tags,
    url: entries.map((e) => e.url).find((u) => u !== null) ?? null,
  };
}

/** Makes ids unique without disturbing the first holder of an id, so ids stay stable as files come and go. */
function makeIdsUnique(posts: Post[]): void {
  const seen = new Set<string>();
  for (const post of posts) {
    let id = post.id;
    if (seen.has(id)) id = `${post.id}-${shortHash(post.title ?? post.summary)}`;
    for (let n = 2; seen.has(id); n++) id = `${post.id}-${n}`;
    post.id = id;
    seen.add(id);
  }
}

/** Sort key for a date: full dates first by day, then month/day only, then nothing known. */
function dateRank(post: Post): [number, number] {
  if (post.year !== null && post.month !== null && post.day !== null) {
    return [0, dayNumber({ year: post.year, month: post.month, day: post.day })];
  }
  if (post.month !== null && post.day !== null) return [1, post.month * 32 + post.day];
  return [2, 0];
}

function compareByDate(a: Post, b: Post): number {
  const [ra, da] = dateRank(a);
  const [rb, db] = dateRank(b);
  return ra - rb || da - db || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function compareReadingOrder(a: Post, b: Post): number {
  return (a.part ?? 0) - (b.part ?? 0) || a.subPart - b.subPart || compareByDate(a, b);
}

function groupSeries(posts: readonly Post[]): Post[][] {
  const bySeries = new Map<string, Post[]>();
  for (const post of posts) {
    if (post.series === null || post.part === null) continue;
    const key = titleKey(post.series);
    const parts = bySeries.get(key) ?? [];
    parts.push(post);
    bySeries.set(key, parts);
  }
  return [...bySeries.values()].map((parts) => parts.sort(compareReadingOrder));
}

function toSeries(parts: readonly Post[]): Series {
  const years = parts.flatMap((p) => (p.year !== null ? [p.year] : []));
  return {
    name: parts[0].series!,
    parts: parts.map((p) => ({ part: p.part!, subPart: p.subPart, postId: p.id })),
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
  };
}

/** The earliest fully known date of a series, for ordering series among themselves. */
function seriesStart(parts: readonly Post[]): number {
  const days = parts.flatMap((p) => (dateRank(p)[0] === 0 ? [dateRank(p)[1]] : []));
  return days.length ? Math.min(...days) : Infinity;
}

function collectProblems(files: readonly ParsedFile[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (!file.problem || seen.has(file.file)) continue;
    seen.add(file.file);
    problems.push({ file: file.file, words: file.problem, skipped: file.entries.length === 0 });
  }
  return problems;
}

/** Order in which posts claim ids: full posts first, then by the file and line they were first found at. */
function compareEntriesOfPosts(a: Post, b: Post): number {
  const sa = a.sources[0];
  const sb = b.sources[0];
  if (a.excerptOnly !== b.excerptOnly) return a.excerptOnly ? 1 : -1;
  return (sa.file < sb.file ? -1 : sa.file > sb.file ? 1 : 0) || sa.line - sb.line;
}

/** Builds the library from every parsed file of the workspace. */
export function buildLibrary(files: readonly ParsedFile[]): Library {
  const groups = inferTitles(mergeDuplicates(files.flatMap((f) => f.entries)));
  const posts = groups.map(toPost);
  // Ids are claimed in a stable order (full posts first, then by file/line) before any reordering.
  posts.sort(compareEntriesOfPosts);
  makeIdsUnique(posts);

  const seriesParts = groupSeries(posts).sort(
    (a, b) => seriesStart(a) - seriesStart(b) || (a[0].series! < b[0].series! ? -1 : 1),
  );
  inferYears(seriesParts);
  const standalone = posts.filter((p) => p.series === null || p.part === null).sort(compareByDate);
  return {
    posts: [...seriesParts.flat(), ...standalone],
    series: seriesParts.map(toSeries),
    problems: collectProblems(files),
  };
}
