// `kexue symbols <post> [--json]`: the symbols of a post, how often each occurs and where it is
// defined — in this post, or (for a symbol this post leaves undefined) in an earlier part of its series
// found in the same folder.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { carryOver, mathJaxFallback, postNotation, readerDefinitions, withReaderDefinitions, type NotationSymbol } from '../core/notation';
import { AnnotationStore, postIdentity } from '../core/annotations';
import { AnnotationFilesOnDisk, findLibraryRoot } from '../notes/annotationFilesOnDisk';
import { parseCli, processIo, reportFailure, reportUsageError, UsageError, wantsJson, type CliIo } from './cliArgs';
import { earlierPartsOf } from '../core/notation/earlierParts';
import { scanLibrary } from './scanLibrary';
import { readPostText } from './postFiles';
import { DEFAULT_MAX_BYTES } from '../core/library/decodeFile';

const USAGE = 'usage: kexue symbols <post.md> [--json]';

/** Earlier parts of the post's series (reading order), as full posts in the same folder. */
async function earlierParts(file: string): Promise<{ title: string; file: string }[]> {
  return earlierPartsOf(await scanLibrary(path.dirname(file)), file);
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
  // Read and decoded as render reads a post: a binary file or one not in UTF-8 is refused, not searched for symbols.
  const read = await readPostText(file, DEFAULT_MAX_BYTES);
  if (!read.ok) {
    reportFailure('kexue symbols', `cannot read ${post}: ${read.problem}`, { json }, io);
    return 1;
  }
  const text = read.text;
  // Formulas KaTeX refuses are read from MathJax's parse tree, as the preview draws them.
  const fallback = await mathJaxFallback();
  const earlier = await Promise.all(
    (await earlierParts(file).catch(() => [])).map(async (part) => {
      const partText = await fs.readFile(part.file, 'utf8');
      return { title: part.title, symbols: withReaderDefinitions(postNotation(partText, fallback), await pinnedDefinitions(part.file, partText, io)) };
    }),
  );
  const symbols = carryOver(withReaderDefinitions(postNotation(text, fallback), await pinnedDefinitions(file, text, io)), earlier);
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

/** The reader's pinned definitions for the post (from its notes); none when it has no identity or file. */
async function pinnedDefinitions(file: string, text: string, io: CliIo): Promise<ReturnType<typeof readerDefinitions>> {
  const identity = postIdentity(text);
  if (!identity) return [];
  const store = new AnnotationStore(new AnnotationFilesOnDisk(), await findLibraryRoot(file));
  const loaded = await store.load(identity);
  if (loaded.corrupt) io.stderr(`kexue symbols: ${loaded.corrupt.file} is not a valid annotation file (${loaded.corrupt.message}); left untouched, its definitions not shown\n`);
  return readerDefinitions(text, loaded.annotations);
}
