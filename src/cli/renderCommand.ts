// `kexue render <file|dir> [--stats] [--json] [--out post.html]`: renders posts headlessly, reports
// math counts and KaTeX errors (at original line/column), or writes a self-contained HTML export.

import { counted } from './counted';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { exportPage, inlineKatexFonts, PostRenderer } from '../core/render';
import { FormulaDiskCache, userCacheDir } from '../renderCache/formulaDiskCache';
import { type CliIo, numberOption, parseCli, processIo, reportFailure, reportUsageError, UsageError, wantsJson } from './cliArgs';
import { MAX_FILE_SIZE_OPTION, maxFileSizeOption } from './cliOptions';
import { type FileProblem, listPostFiles, readPostText } from './postFiles';
import { writeFileAtomic } from '../fileSystem/atomicWrite';
import { inlinedImages } from './exportImages';
import { renderFiles } from './renderFiles';
import { reportOf, round, type FileReport } from './renderReport';

const USAGE =
  'usage: kexue render <file|dir> [--stats] [--json] [--max-file-size-mb MB] [--jobs N] [--no-cache] [--out post.html [--force] [--remote-images]]';
const OPTIONS = {
  json: { type: 'boolean' },
  stats: { type: 'boolean' },
  jobs: { type: 'string' },
  'no-cache': { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'remote-images': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...MAX_FILE_SIZE_OPTION,
} as const;

interface RenderArgs {
  target: string;
  json: boolean;
  stats: boolean;
  out?: string;
  force: boolean;
  remoteImages: boolean;
  maxBytes: number;
  /** Worker threads for a folder; default one per core when there are enough files. */
  jobs?: number;
  /** Keep rendered formulas and posts in the user cache folder. */
  cache: boolean;
}

function readArgs(args: string[]): RenderArgs | 'help' {
  const { values, positionals } = parseCli(args, OPTIONS, { positionals: 1 });
  if (values.help) return 'help';
  const target = positionals[0];
  if (target === undefined) throw new UsageError('missing <file|dir>');
  if (values.out === '') throw new UsageError('--out needs a file name');
  if ((values.force || values['remote-images']) && values.out === undefined) throw new UsageError('--force and --remote-images go with --out');
  return {
    target,
    json: values.json ?? false,
    stats: values.stats ?? false,
    out: values.out,
    force: values.force ?? false,
    remoteImages: values['remote-images'] ?? false,
    maxBytes: maxFileSizeOption(values['max-file-size-mb']),
    jobs: numberOption('jobs', values.jobs, { integer: true, min: 1, max: 64 }),
    cache: !(values['no-cache'] ?? false),
  };
}

/** Why writing the export to `out` would destroy something, or undefined when it may be written. */
function overwriteRefusal(out: string, input: string, force: boolean): string | undefined {
  if (!existsSync(out)) return undefined;
  if (path.resolve(out) === path.resolve(input)) return `--out ${out} is the post being rendered: refusing to replace it with HTML`;
  if (statSync(out).isDirectory()) return `--out ${out} is a folder`;
  if (!force && !/\.html?$/i.test(out)) return `--out ${out} exists and is not an .html file (a post?): refusing to overwrite it without --force`;
  return undefined;
}

/**
 * `kexue render <file|dir> [--stats] [--json] [--out post.html]`. A file that cannot be read (missing,
 * a FIFO, a folder named x.md, over the size limit…) is reported once with its path — stderr, and
 * `problems` in the JSON — and every other file is rendered; exit 0.
 */
export async function renderCommand(args: string[], io: CliIo = processIo): Promise<number> {
  const json = wantsJson(args);
  let parsed: RenderArgs | 'help';
  try {
    parsed = readArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('kexue render', error, { json, usage: USAGE }, io);
    throw error;
  }
  if (parsed === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const target = path.resolve(parsed.target);
  let listed: { files: string[]; problems: FileProblem[] };
  try {
    listed = await listPostFiles(target);
  } catch (error) {
    reportFailure('kexue render', `cannot read ${parsed.target}: ${(error as Error).message}`, { json }, io);
    return 1;
  }
  const { files } = listed;
  const problems = [...listed.problems];
  if (parsed.out !== undefined) {
    if (files.length !== 1 || listed.problems.length > 0) {
      return reportUsageError('kexue render', new UsageError('--out takes exactly one readable file'), { json, usage: USAGE }, io);
    }
    const refusal = overwriteRefusal(parsed.out, files[0], parsed.force);
    if (refusal) return reportUsageError('kexue render', new UsageError(refusal), { json, usage: USAGE }, io);
  }
  // Rendered formulas (and whole posts) are kept in the user cache folder: a second run renders nothing again.
  const cache = parsed.cache ? new FormulaDiskCache(userCacheDir()) : undefined;
  const reports: FileReport[] = [];
  if (parsed.out !== undefined) {
    const file = files[0];
    const read = await readPostText(file, parsed.maxBytes);
    if (!read.ok) problems.push({ file, message: read.problem });
    else {
      const result = await new PostRenderer({ store: cache }).renderComplete(read.text, { remoteImages: parsed.remoteImages });
      reports.push(reportOf(shownPath(file), result));
      const localImage = await inlinedImages(file, result.html, (message) => io.stderr(`kexue render: ${message}\n`));
      await writeFileAtomic(parsed.out, exportPage(result, { katexCss: loadKatexCss(), remoteImages: parsed.remoteImages, localImage }));
    }
  } else {
    const workerScript = path.join(__dirname, 'renderWorker.js');
    const rendered = await renderFiles(files, {
      jobs: parsed.jobs,
      cache,
      workerScript: existsSync(workerScript) ? workerScript : undefined,
      maxBytes: parsed.maxBytes,
    });
    for (const [i, outcome] of rendered.entries()) {
      if ('problem' in outcome) problems.push({ file: files[i], message: outcome.problem });
      else reports.push({ ...outcome.report, file: shownPath(files[i]) });
    }
  }
  saveQuietly(cache, io);
  const shownProblems = problems.map(({ file, message }) => ({ file: shownPath(file), message }));
  for (const problem of shownProblems) io.stderr(`kexue render: skipped ${problem.file}: ${problem.message}\n`);
  if (parsed.out !== undefined && reports.length === 0) {
    reportFailure('kexue render', `nothing written: ${shownProblems[0]?.message ?? 'no post'}`, { json }, io);
    return 1;
  }
  if (parsed.json) {
    io.stdout(`${JSON.stringify({ files: reports, total: totalOf(reports), problems: shownProblems }, null, 2)}\n`);
  } else if (parsed.stats || parsed.out === undefined) io.stdout(statsTable(reports, shownProblems.length));
  if (parsed.out !== undefined && !parsed.json) io.stdout(`wrote ${parsed.out}\n`);
  return 0;
}

const shownPath = (file: string): string => path.relative(process.cwd(), file) || file;

/** A cache that cannot be written (read-only home, full disk) costs the next run time, nothing else. */
function saveQuietly(cache: FormulaDiskCache | undefined, io: CliIo): void {
  try {
    cache?.save();
  } catch (error: unknown) {
    io.stderr(`kexue render: formula cache not saved (${error instanceof Error ? error.message : String(error)})\n`);
  }
}

function totalOf(reports: FileReport[]) {
  const sum = (pick: (report: FileReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  return {
    files: reports.length,
    mathNodes: sum((report) => report.mathNodes),
    errors: reports.flatMap((report) => report.errors.map((error) => ({ file: report.file, ...error }))),
    numbered: sum((report) => report.numbered),
    eqrefs: sum((report) => report.eqrefs),
    unresolvedEqrefs: sum((report) => report.unresolvedEqrefs),
    fallbacks: sum((report) => report.fallbacks),
    ms: round(sum((report) => report.ms)),
  };
}

function statsTable(reports: FileReport[], skipped: number): string {
  const lines = reports.map(
    (report) =>
      `${report.file}: ${report.mathNodes} math, ${report.numbered} numbered, ${counted(report.eqrefs, 'ref')} ` +
      `(${report.unresolvedEqrefs} unresolved), ${report.fallbacks} by MathJax, ${counted(report.errors.length, 'error')}, ${report.ms} ms` +
      report.errors.map((error) => `\n  ${report.file}:${error.line}:${error.column}: ${error.message}`).join(''),
  );
  const total = totalOf(reports);
  lines.push(
    `total: ${counted(total.files, 'file')}, ${total.mathNodes} math, ${total.numbered} numbered, ${counted(total.eqrefs, 'ref')} ` +
      `(${total.unresolvedEqrefs} unresolved), ${total.fallbacks} by MathJax, ${counted(total.errors.length, 'error')}, ${total.ms} ms` +
      (skipped > 0 ? `, ${skipped} skipped` : ''),
  );
  return `${lines.join('\n')}\n`;
}

/** KaTeX's CSS with every font as a woff2 data URL, read from the installed katex package. */
function loadKatexCss(): string {
  const dist = katexDist();
  const css = readFileSync(path.join(dist, 'katex.min.css'), 'utf8');
  return inlineKatexFonts(css, (name) => {
    const file = path.join(dist, 'fonts', name);
    return existsSync(file) ? readFileSync(file).toString('base64') : undefined;
  });
}

function katexDist(): string {
  try {
    return path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  } catch {
    return path.join(process.cwd(), 'node_modules', 'katex', 'dist');
  }
}

