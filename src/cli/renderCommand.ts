// `kexue render <file|dir> [--stats] [--json] [--out post.html]`: renders posts headlessly, reports
// math counts and KaTeX errors (at original line/column), or writes a self-contained HTML export.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportPage, inlineKatexFonts, PostRenderer } from '../core/render';
import { FormulaDiskCache, userCacheDir } from '../renderCache/formulaDiskCache';
import { renderFiles } from './renderFiles';
import { reportOf, round, type FileReport } from './renderReport';

const USAGE = 'usage: kexue render <file|dir> [--stats] [--json] [--out post.html] [--jobs N] [--no-cache]';
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

interface ParsedArgs {
  target?: string;
  json: boolean;
  stats: boolean;
  out?: string;
  jobs?: number;
  cache: boolean;
}

function parseArgs(args: string[]): ParsedArgs | string {
  const parsed: ParsedArgs = { json: false, stats: false, cache: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') parsed.json = true;
    else if (arg === '--stats') parsed.stats = true;
    else if (arg === '--no-cache') parsed.cache = false;
    else if (arg === '--jobs') {
      const jobs = Number(args[++i]);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) return '--jobs needs a whole number from 1 to 64';
      parsed.jobs = jobs;
    }
    else if (arg === '--out') {
      parsed.out = args[++i];
      if (!parsed.out) return '--out needs a file name';
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (parsed.target === undefined) parsed.target = arg;
    else return `unexpected argument ${arg}`;
  }
  return parsed.target === undefined ? 'missing <file|dir>' : parsed;
}

export async function renderCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`kexue render: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const target = path.resolve(parsed.target ?? '.');
  if (!existsSync(target)) {
    process.stderr.write(`kexue render: no such file or directory: ${target}\n`);
    return 1;
  }
  const files = statSync(target).isDirectory() ? listPosts(target) : [target];
  if (parsed.out !== undefined && files.length !== 1) {
    process.stderr.write('kexue render: --out takes exactly one file\n');
    return 2;
  }
  // Rendered formulas are kept in the user cache folder, so a second run renders no formula again.
  const cache = parsed.cache ? new FormulaDiskCache(userCacheDir()) : undefined;
  let reports: FileReport[];
  if (parsed.out !== undefined) {
    const file = files[0];
    const result = await new PostRenderer({ store: cache }).renderComplete(readFileSync(file, 'utf8'));
    reports = [reportOf(path.relative(process.cwd(), file) || file, result)];
    writeFileSync(parsed.out, exportPage(result, { katexCss: loadKatexCss() }));
  } else {
    const workerScript = path.join(__dirname, 'renderWorker.js');
    reports = await renderFiles(files, { jobs: parsed.jobs, cache, workerScript: existsSync(workerScript) ? workerScript : undefined });
  }
  saveQuietly(cache);
  if (parsed.json) process.stdout.write(`${JSON.stringify({ files: reports, total: totalOf(reports) }, null, 2)}\n`);
  else if (parsed.stats || parsed.out === undefined) process.stdout.write(statsTable(reports));
  if (parsed.out !== undefined && !parsed.json) process.stdout.write(`wrote ${parsed.out}\n`);
  return 0;
}

/** A cache that cannot be written (read-only home, full disk) costs the next run time, nothing else. */
function saveQuietly(cache: FormulaDiskCache | undefined): void {
  try {
    cache?.save();
  } catch (error: unknown) {
    process.stderr.write(`kexue render: formula cache not saved (${error instanceof Error ? error.message : String(error)})\n`);
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

function statsTable(reports: FileReport[]): string {
  const lines = reports.map(
    (report) =>
      `${report.file}: ${report.mathNodes} math, ${report.numbered} numbered, ${report.eqrefs} refs ` +
      `(${report.unresolvedEqrefs} unresolved), ${report.fallbacks} by MathJax, ${report.errors.length} errors, ${report.ms} ms` +
      report.errors.map((error) => `\n  ${report.file}:${error.line}:${error.column}: ${error.message}`).join(''),
  );
  const total = totalOf(reports);
  lines.push(
    `total: ${total.files} files, ${total.mathNodes} math, ${total.numbered} numbered, ${total.eqrefs} refs ` +
      `(${total.unresolvedEqrefs} unresolved), ${total.fallbacks} by MathJax, ${total.errors.length} errors, ${total.ms} ms`,
  );
  return `${lines.join('\n')}\n`;
}

function listPosts(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') && entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...listPosts(full));
    } else if (/\.(md|txt)$/i.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
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

