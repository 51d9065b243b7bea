// The library of a folder, read the way the CLI reads it: every post file found and read (postFiles.ts),
// each file that cannot be listed or read reported as a problem with its path. The scan reads in this
// thread, one file after another (`readPostFileSync`): the CLI has nothing else to do meanwhile, and
// asynchronous reads cost two to five times the CPU (the search build's worker needs the other core).
import { buildLibrary, DEFAULT_MAX_BYTES, parseFile } from '../core/library/index';
import type { Library, ParsedFile } from '../core/library/model';
import { verbatim } from '../core/l10n/localizable';
import { listPostFiles, readPostFile, readPostFileSync, type ReadResult } from './postFiles';

export { DEFAULT_MAX_BYTES };

/**
 * Parses one file without ever throwing; a file over the size limit is refused before it is read.
 * `onText` is given its text once decoded (the search keeps it instead of reading the file again).
 */
export async function parsePostFile(file: string, maxBytes = DEFAULT_MAX_BYTES, onText?: (text: string) => void): Promise<ParsedFile> {
  return parseRead(file, await readPostFile(file, maxBytes), maxBytes, onText);
}

function parseRead(file: string, read: ReadResult, maxBytes: number, onText?: (text: string) => void): ParsedFile {
  if (!read.ok) return { file, entries: [], problem: verbatim(read.problem) };
  try {
    return parseFile(file, read.bytes, { maxBytes, onText });
  } catch (error) {
    return { file, entries: [], problem: verbatim(`could not parse the file: ${(error as Error).message}`) };
  }
}

/**
 * The library under `root`; with `texts`, each file's decoded text is kept there by path, or handed to
 * it as soon as it is decoded (what `kexue search` indexes next).
 */
export async function scanLibrary(root: string, maxBytes = DEFAULT_MAX_BYTES, texts?: Map<string, string> | ((file: string, text: string) => void)): Promise<Library> {
  const { files, problems } = await listPostFiles(root);
  const keep = texts instanceof Map ? (file: string, text: string) => texts.set(file, text) : texts;
  const parsed = files.map((file) => parseRead(file, readPostFileSync(file, maxBytes), maxBytes, keep && ((text) => keep(file, text))));
  const unlisted: ParsedFile[] = problems.map(({ file, message }) => ({ file, entries: [], problem: verbatim(message) }));
  return buildLibrary([...parsed, ...unlisted]);
}
