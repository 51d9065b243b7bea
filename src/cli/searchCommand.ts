// `kexue search <dir> "<query>" [--limit N] [--json]` and `kexue search <dir> --queries <file> …`:
// builds the search index of a library folder and runs one query, or one query per line of a file
// (so that query time is measured apart from indexing).

import { counted } from './counted';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LIMIT, type SearchHit } from '../core/search';
import { englishText } from '../core/l10n/localizable';
import { parseCli, processIo, reportFailure, reportUsageError, UsageError, wantsJson, type CliIo } from './cliArgs';
import { buildLibrarySearchIndex } from './librarySearchBuild';

export { buildLibrarySearchIndex };

const USAGE = `usage: kexue search <dir> "<query>" [--limit N] [--json]
       kexue search <dir> --queries <file> [--limit N] [--json]`;

interface SearchArgs {
  dir: string;
  query?: string;
  queriesFile?: string;
  limit: number;
  json: boolean;
}

const OPTIONS = { limit: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

function readArgs(args: string[]): SearchArgs {
  const parsed = parseCli(args, OPTIONS, { positionals: 2 });
  const [dir, query] = parsed.positionals;
  if (dir === undefined) throw new UsageError('missing <dir>');
  if (query !== undefined && parsed.values.queries !== undefined) throw new UsageError('give a query or --queries <file>, not both');
  if (query === undefined && parsed.values.queries === undefined) throw new UsageError('missing "<query>" (or --queries <file>)');
  // An empty query matches nothing: a blank argument (an unset shell variable) is a mistake to name, not "(no hits)".
  if (query !== undefined && query.trim() === '') throw new UsageError('the query is empty: give the words or TeX to find');
  let limit = DEFAULT_LIMIT;
  if (parsed.values.limit !== undefined) {
    limit = Number(parsed.values.limit);
    if (!/^\d+$/.test(parsed.values.limit) || !Number.isSafeInteger(limit) || limit < 1) throw new UsageError(`--limit needs a whole number ≥ 1, not "${parsed.values.limit}"`);
  }
  return { dir, query, queriesFile: parsed.values.queries, limit, json: parsed.values.json ?? false };
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

export async function searchCommand(args: string[], io: CliIo = processIo): Promise<number> {
  let parsed: SearchArgs;
  try {
    parsed = readArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('kexue search', error, { json: wantsJson(args), usage: USAGE }, io);
    throw error;
  }
  const root = path.resolve(parsed.dir);
  let queries: string[] = [];
  if (parsed.queriesFile !== undefined) {
    try {
      queries = (await fs.readFile(parsed.queriesFile, 'utf8')).split(/\r?\n/).filter((line) => line.trim().length > 0);
    } catch (error) {
      reportFailure('kexue search', `cannot read ${parsed.queriesFile}: ${(error as Error).message}`, parsed, io);
      return 1;
    }
  }
  const started = performance.now();
  let built;
  try {
    built = await buildLibrarySearchIndex(root);
  } catch (error) {
    reportFailure('kexue search', `cannot read ${parsed.dir}: ${(error as Error).message}`, parsed, io);
    return 1;
  }
  const indexMs = performance.now() - started;
  for (const { file, words } of built.problems) io.stderr(`kexue search: skipped ${path.relative(root, file) || path.basename(file)}: ${englishText(words)}\n`);
  const run = (query: string) => {
    const t = performance.now();
    const hits = relativeHits(built.index.search(query, parsed.limit), root);
    return { query, hits, ms: round(performance.now() - t) };
  };
  if (parsed.query !== undefined) {
    const { hits, ms } = run(parsed.query);
    io.stdout(parsed.json ? `${JSON.stringify({ hits, ms }, null, 2)}\n` : formatHits(hits));
    return 0;
  }
  const results = queries.map(run);
  if (parsed.json) io.stdout(`${JSON.stringify({ results, indexMs: round(indexMs) }, null, 2)}\n`);
  else io.stdout(results.map((r) => `${r.query}  (${counted(r.hits.length, 'hit')}, ${r.ms} ms)\n${formatHits(r.hits)}`).join('\n'));
  return 0;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
