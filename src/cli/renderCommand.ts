// `kexue render <file|dir> [--stats] [--json] [--out post.html]`: renders posts headlessly, reports
// math counts and KaTeX errors (at original line/column), or writes a self-contained HTML export.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { exportPage, inlineKatexFonts, PostRenderer, type RenderError, type RenderResult } from '../core/render';

const USAGE = 'usage: kexue render <file|dir> [--stats] [--json] [--out post.html]';
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

interface FileReport {
  file: string;
  mathNodes: number;
  errors: RenderError[];
  numbered: number;
  eqrefs: number;
  unresolvedEqrefs: number;
  /** Formulas KaTeX refused and MathJax drew. */
  fallbacks: number;
  ms: number;
}

interface ParsedArgs {
  target?: string;
  json: boolean;
  stats: boolean;
  out?: string;
}

function parseArgs(args: string[]): ParsedArgs | string {
  const parsed: ParsedArgs = { json: false, stats: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') parsed.json = true;
    else if (arg === '--stats') parsed.stats = true;
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
  const renderer = new PostRenderer();
  const reports: FileReport[] = [];
  for (const file of files) {
    const result = await renderer.renderComplete(readFileSync(file, 'utf8'));
    reports.push(reportOf(path.relative(process.cwd(), file) || file, result));
    if (parsed.out !== undefined) writeFileSync(parsed.out, exportPage(result, { katexCss: loadKatexCss() }));
  }
  if (parsed.json) process.stdout.write(`${JSON.stringify({ files: reports, total: totalOf(reports) }, null, 2)}\n`);
  else if (parsed.stats || parsed.out === undefined) process.stdout.write(statsTable(reports));
  if (parsed.out !== undefined && !parsed.json) process.stdout.write(`wrote ${parsed.out}\n`);
  return 0;
}

function reportOf(file: string, result: RenderResult): FileReport {
  const { mathNodes, numbered, eqrefs, unresolvedEqrefs, fallbacks, ms } = result.stats;
  return { file, mathNodes, errors: result.errors, numbered, eqrefs, unresolvedEqrefs, fallbacks, ms: round(ms) };
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

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
