import * as path from 'node:path';
import type { Library, Post } from '../core/library/model';
import { scanLibrary } from './scanLibrary';

const USAGE = 'usage: kexue index <dir> [--json]';

/** `kexue index <dir> [--json]`: the library as JSON, or as a readable tree. */
export async function indexCommand(args: string[]): Promise<number> {
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let library: Library;
  try {
    library = await scanLibrary(path.resolve(dir));
  } catch (error) {
    process.stderr.write(`kexue index: cannot read ${dir}: ${(error as Error).message}\n`);
    return 1;
  }
  for (const problem of library.problems) {
    process.stderr.write(`kexue index: skipped ${path.relative(dir, problem.file) || problem.file}: ${problem.message}\n`);
  }
  const root = path.resolve(dir);
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(toJson(library, root), null, 2)}\n` : formatTree(library));
  return 0;
}

/** The JSON contract of `kexue index --json` (file paths relative to the indexed folder). */
export function toJson(library: Library, root: string): object {
  return {
    posts: library.posts.map((p) => ({
      id: p.id,
      title: p.title,
      titleInferred: p.titleInferred,
      ...(p.titleEvidence ? { titleEvidence: p.titleEvidence.evidence } : {}),
      year: p.year,
      yearInferred: p.yearInferred,
      ...(p.yearEvidence ? { yearEvidence: p.yearEvidence.evidence } : {}),
      month: p.month,
      day: p.day,
      series: p.series,
      part: p.part,
      sources: p.sources.map((s) => ({ file: path.relative(root, s.file) || path.basename(s.file), line: s.line })),
      summary: p.summary,
    })),
    series: library.series.map((s) => ({ name: s.name, parts: s.parts.map(({ part, postId }) => ({ part, postId })) })),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dateText(post: Post): string {
  if (post.month === null || post.day === null) return post.year === null ? 'date unknown' : String(post.year);
  return `${post.year ?? '????'}-${pad(post.month)}-${pad(post.day)}`;
}

function titleText(post: Post): string {
  if (post.title === null) return `(untitled) ${post.summary.slice(0, 30)}…`;
  return post.titleInferred ? `${post.title} (inferred)` : post.title;
}

export function formatTree(library: Library): string {
  const byId = new Map(library.posts.map((p) => [p.id, p]));
  const lines: string[] = [];
  const inSeries = new Set<string>();
  for (const series of library.series) {
    const years = series.firstYear === null ? 'years unknown' : series.firstYear === series.lastYear ? `${series.firstYear}` : `${series.firstYear}–${series.lastYear}`;
    lines.push(`${series.name}  (${series.parts.length} parts, ${years})`);
    for (const part of series.parts) {
      const post = byId.get(part.postId);
      if (!post) continue;
      inSeries.add(post.id);
      lines.push(`  ${String(part.part).padStart(2)}. ${titleText(post)}  [${dateText(post)}]`);
    }
  }
  const standalone = library.posts.filter((p) => !inSeries.has(p.id));
  const years = [...new Set(standalone.map((p) => p.year))].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a));
  for (const year of years) {
    lines.push(year === null ? 'Unknown year' : String(year));
    for (const post of standalone.filter((p) => p.year === year)) lines.push(`  ${titleText(post)}  [${dateText(post)}]`);
  }
  lines.push('', `${library.posts.length} posts, ${library.series.length} series, ${library.problems.length} files skipped`);
  return `${lines.join('\n')}\n`;
}
