// The library of a folder, read the way the CLI reads it: every post file found and read a few at a
// time (postFiles.ts), each file that cannot be listed or read reported as a problem with its path.
import { buildLibrary, DEFAULT_MAX_BYTES, parseFile } from '../core/library/index';
import type { Library, ParsedFile } from '../core/library/model';
import { listPostFiles, mapBounded, READ_CONCURRENCY, readPostFile } from './postFiles';

export { DEFAULT_MAX_BYTES };

/**
 * Parses one file without ever throwing; a file over the size limit is refused before it is read.
 * `onText` is given its text once decoded (the search keeps it instead of reading the file again).
 */
export async function parsePostFile(file: string, maxBytes = DEFAULT_MAX_BYTES, onText?: (text: string) => void): Promise<ParsedFile> {
  const read = await readPostFile(file, maxBytes);
  if (!read.ok) return { file, entries: [], problem: read.problem };
  try {
    return parseFile(file, read.bytes, { maxBytes, onText });
  } catch (error) {
    return { file, entries: [], problem: `could not parse the file: ${(error as Error).message}` };
  }
}

/**
 * The library under `root`; with `texts`, each file's decoded text is kept there by path, or handed to
 * it as soon as it is decoded (what `kexue search` indexes next).
 */
export async function scanLibrary(root: string, maxBytes = DEFAULT_MAX_BYTES, texts?: Map<string, string> | ((file: string, text: string) => void)): Promise<Library> {
  const { files, problems } = await listPostFiles(root);
  const keep = texts instanceof Map ? (file: string, text: string) => texts.set(file, text) : texts;
  const parsed = await mapBounded(files, READ_CONCURRENCY, (file) => parsePostFile(file, maxBytes, keep && ((text) => keep(file, text))));
  const unlisted: ParsedFile[] = problems.map(({ file, message }) => ({ file, entries: [], problem: message }));
  return buildLibrary([...parsed, ...unlisted]);
}
