// `kexue search <dir> "<query>" [--limit N] [--json]` and `kexue search <dir> --queries <file> …`:
// builds the search index of a library folder and runs one query, or one query per line of a file
// (so that query time is measured apart from indexing).

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LIMIT, SearchIndex, extractDocuments, postEntriesByFile, type SearchHit } from '../core/search';
import { scanLibrary } from './scanLibrary';

const USAGE = `usage: kexue search <dir> "<query>" [--limit N] [--json]
       kexue search <dir> --queries <file> [--limit N] [--json]`;

interface SearchArgs {
  dir: string;
  query?: string;
  queriesFile?: string;
  limit: number;
  json: boolean;
}

function readArgs(args: string[]): SearchArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { limit: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (error) {
    return (error as Error).message;
  }
  const [dir, query, ...extra] = parsed.positionals;
  if (dir === undefined) return 'missing <dir>';
  if (extra.length > 0) return `unexpected argument ${extra[0]}`;
  if (query !== undefined && parsed.values.queries !== undefined) return 'give a query or --queries <file>, not both';
  if (query === undefined && parsed.values.queries === undefined) return 'missing "<query>" (or --queries <file>)';
  let limit = DEFAULT_LIMIT;
  if (parsed.values.limit !== undefined) {
    limit = Number(parsed.values.limit);
    if (!/^\d+$/.test(parsed.values.limit) || !Number.isSafeInteger(limit) || limit < 1) return `--limit needs a whole number ≥ 1, not "${parsed.values.limit}"`;
  }
  return { dir, query, queriesFile: parsed.values.queries, limit, json: parsed.values.json ?? false };
}

/** The index of every post file under `root` (file paths as given; the caller makes them relative). */
export async function buildLibrarySearchIndex(root: string): Promise<{ index: SearchIndex; problems: string[] }> {
  const library = await scanLibrary(root);
  const entries = postEntriesByFile(library);
  const index = new SearchIndex();
  for (const [file, refs] of entries) {
    const text = await fs.readFile(file, 'utf8');
    index.setFile(file, extractDocuments(file, text, refs));
  }
  return { index, problems: library.problems.map((p) => `${p.file}: ${p.message}`) };
}

function relativeHits(hits: SearchHit[], root: string): SearchHit[] {
  return hits.map((hit) => ({ ...hit, file: path.relative(root, hit.file) || path.basename(hit.file) }));
}

function formatHits(hits: SearchHit[]): string {
  if (hits.length === 0) return '  (no hits)\n';
  return hits
    .map((hit) => `  ${hit.title}  ${hit.file}:${hit.line}  [${hit.kind}${hit.equation ? ` (${hit.equation})` : ''}]\n    ${hit.snippet}`)
    .join('\n')
    .concat('\n');
}

/** Where the command writes; tests pass their own (node:test reports through the real stdout). */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function searchCommand(args: string[], output: CommandOutput = processOutput): Promise<number> {
  const parsed = readArgs(args);
  if (typeof parsed === 'string') {
    output.err(`kexue search: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const root = path.resolve(parsed.dir);
  let queries: string[] = [];
  if (parsed.queriesFile !== undefined) {
    try {
      queries = (await fs.readFile(parsed.queriesFile, 'utf8')).split(/\r?\n/).filter((line) => line.trim().length > 0);
    } catch (error) {
      output.err(`kexue search: cannot read ${parsed.queriesFile}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const started = performance.now();
  let built;
  try {
    built = await buildLibrarySearchIndex(root);
  } catch (error) {
    output.err(`kexue search: cannot read ${parsed.dir}: ${(error as Error).message}\n`);
    return 1;
  }
  const indexMs = performance.now() - started;
  for (const problem of built.problems) output.err(`kexue search: skipped ${problem}\n`);
  const run = (query: string) => {
    const t = performance.now();
    const hits = relativeHits(built.index.search(query, parsed.limit), root);
    return { query, hits, ms: round(performance.now() - t) };
  };
  if (parsed.query !== undefined) {
    const { hits, ms } = run(parsed.query);
    output.out(parsed.json ? `${JSON.stringify({ hits, ms }, null, 2)}\n` : formatHits(hits));
    return 0;
  }
  const results = queries.map(run);
  if (parsed.json) output.out(`${JSON.stringify({ results, indexMs: round(indexMs) }, null, 2)}\n`);
  else output.out(results.map((r) => `${r.query}  (${r.hits.length} hits, ${r.ms} ms)\n${formatHits(r.hits)}`).join('\n'));
  return 0;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
