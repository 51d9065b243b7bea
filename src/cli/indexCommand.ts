import { counted } from './counted';
import * as path from 'node:path';
import type { Library, Post } from '../core/library/model';
import { englishText } from '../core/l10n/localizable';
import { maxFileSizeOption, MAX_FILE_SIZE_OPTION } from './cliOptions';
import { type CliIo, parseCli, processIo, reportFailure, reportUsageError, UsageError, wantsJson } from './cliArgs';
import { scanLibrary } from './scanLibrary';

const USAGE = 'usage: kexue index <dir> [--json] [--max-file-size-mb MB]';
const OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...MAX_FILE_SIZE_OPTION } as const;

/**
 * `kexue index <dir> [--json]`: the library as JSON, or as a readable tree. A file or folder that cannot
 * be read is reported once with its path (stderr, and `problems` in the JSON); the rest is indexed, exit 0.
 */
export async function indexCommand(args: string[], io: CliIo = processIo): Promise<number> {
  const json = wantsJson(args);
  let dir: string;
  let maxBytes: number;
  try {
    const { values, positionals } = parseCli(args, OPTIONS, { positionals: 1 });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals[0] === undefined) throw new UsageError('missing <dir>');
    dir = positionals[0];
    maxBytes = maxFileSizeOption(values['max-file-size-mb']);
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('kexue index', error, { json, usage: USAGE }, io);
    throw error;
  }
  const root = path.resolve(dir);
  let library: Library;
  try {
    library = await scanLibrary(root, maxBytes);
  } catch (error) {
    reportFailure('kexue index', `cannot read ${dir}: ${(error as Error).message}`, { json }, io);
    return 1;
  }
  for (const problem of library.problems) {
    const file = relativeTo(root, problem.file);
    const message = englishText(problem.words);
    io.stderr(problem.skipped ? `kexue index: skipped ${file}: ${message}\n` : `kexue index: listed ${file}, but: ${message}\n`);
  }
  io.stdout(json ? `${JSON.stringify(toJson(library, root), null, 2)}\n` : formatTree(library));
  return 0;
}

const relativeTo = (root: string, file: string): string => path.relative(root, file) || path.basename(file);

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
    problems: library.problems.map((p) => ({ file: relativeTo(root, p.file), message: englishText(p.words) })),
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
    lines.push(`${series.name}  (${counted(series.parts.length, 'part')}, ${years})`);
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
  const skipped = library.problems.filter((problem) => problem.skipped).length;
  const flawed = library.problems.length - skipped;
  lines.push('', `${counted(library.posts.length, 'post')}, ${library.series.length} series, ${counted(skipped, 'file')} skipped${flawed ? `, ${counted(flawed, 'file')} listed with problems` : ''}`);
  return `${lines.join('\n')}\n`;
}
