// `kexue symbols <post> [--json]`: the symbols of a post, how often each occurs and where it is
// defined — in this post, or (for a symbol this post leaves undefined) in an earlier part of its series
// found in the same folder.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { carryOver, postNotation, type NotationSymbol } from '../core/notation';
import { parseCli, processIo, reportFailure, reportUsageError, UsageError, wantsJson, type CliIo } from './cliArgs';
import { scanLibrary } from './scanLibrary';

const USAGE = 'usage: kexue symbols <post.md> [--json]';

/** Earlier parts of the post's series (reading order), as full posts in the same folder. */
async function earlierParts(file: string): Promise<{ title: string; file: string }[]> {
  const library = await scanLibrary(path.dirname(file));
  const post = library.posts.find((p) => p.sources.some((s) => s.file === file));
  if (!post?.series || post.part === null) return [];
  const series = library.series.find((s) => s.name === post.series);
  if (!series) return [];
  const byId = new Map(library.posts.map((p) => [p.id, p]));
  const parts: { title: string; file: string }[] = [];
  for (const part of series.parts) {
    if (part.postId === post.id) break;
    const earlier = byId.get(part.postId);
    const source = earlier?.sources.find((s) => s.kind === 'post');
    if (earlier && source) parts.push({ title: earlier.title ?? earlier.id, file: source.file });
  }
  return parts;
}

export async function symbolsCommand(args: string[], io: CliIo = processIo): Promise<number> {
  const json = wantsJson(args);
  let post: string;
  try {
    const parsed = parseCli(args, { json: { type: 'boolean', default: false } }, { positionals: 1 });
    if (parsed.positionals[0] === undefined) throw new UsageError('missing <post.md>');
    post = parsed.positionals[0];
  } catch (error) {
    if (error instanceof UsageError) return reportUsageError('kexue symbols', error, { json, usage: USAGE }, io);
    throw error;
  }
  const file = path.resolve(post);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    reportFailure('kexue symbols', `cannot read ${post}: ${(error as Error).message}`, { json }, io);
    return 1;
  }
  const earlier = await Promise.all(
    (await earlierParts(file).catch(() => [])).map(async (part) => ({ title: part.title, symbols: postNotation(await fs.readFile(part.file, 'utf8')) })),
  );
  const symbols = carryOver(postNotation(text), earlier);
  if (json) {
    const json = { symbols: symbols.map((s) => ({ tex: s.tex, occurrences: s.occurrences, definitions: s.definitions.map(({ line, text: t, kind, source }) => ({ line, text: t, kind, source })) })) };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(formatSymbols(symbols));
  }
  return 0;
}

function formatSymbols(symbols: NotationSymbol[]): string {
  return symbols
    .map((s) => {
      const head = `${s.tex}  ×${s.occurrences}`;
      const defs = s.definitions.map((d) => `    ${d.line}  [${d.kind}${d.source === 'this post' ? '' : `, ${d.source}`}]  ${d.text}`);
      return [head, ...defs].join('\n');
    })
    .join('\n')
    .concat('\n');
}
