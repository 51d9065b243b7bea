// `kexue symbols <post> [--json]`: the symbols of a post, how often each occurs and where it is
// defined — in this post, or (for a symbol this post leaves undefined) in an earlier part of its series
// found in the same folder.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { carryOver, postNotation, type NotationSymbol } from '../core/notation';
import type { CommandOutput } from './searchCommand';
import { scanLibrary } from './scanLibrary';

const USAGE = 'usage: kexue symbols <post.md> [--json]';

const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

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

export async function symbolsCommand(args: string[], output: CommandOutput = processOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  } catch (error) {
    output.err(`kexue symbols: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [post, ...extra] = parsed.positionals;
  if (post === undefined || extra.length > 0) {
    output.err(`kexue symbols: ${post === undefined ? 'missing <post.md>' : `unexpected argument ${extra[0]}`}\n${USAGE}\n`);
    return 2;
  }
  const file = path.resolve(post);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    output.err(`kexue symbols: cannot read ${post}: ${(error as Error).message}\n`);
    return 1;
  }
  const earlier = await Promise.all(
    (await earlierParts(file).catch(() => [])).map(async (part) => ({ title: part.title, symbols: postNotation(await fs.readFile(part.file, 'utf8')) })),
  );
  const symbols = carryOver(postNotation(text), earlier);
  if (parsed.values.json) {
    const json = { symbols: symbols.map((s) => ({ tex: s.tex, occurrences: s.occurrences, definitions: s.definitions.map(({ line, text: t, kind, source }) => ({ line, text: t, kind, source })) })) };
    output.out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    output.out(formatSymbols(symbols));
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
