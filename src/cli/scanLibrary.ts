import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildLibrary, parseFile } from '../core/library/index';
import type { Library, ParsedFile } from '../core/library/model';

const POST_FILE = /\.(md|txt)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** Every .md/.txt file under `root` (or `root` itself when it is a file), sorted for stable output. */
export async function listPostFiles(root: string): Promise<string[]> {
  const stat = await fs.stat(root);
  if (stat.isFile()) return [root];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(full);
      else if (entry.isFile() && POST_FILE.test(entry.name)) found.push(full);
    }
  };
  await walk(root);
  return found.sort();
}

/** Parses one file without ever throwing; a file over the size limit is refused before it is read. */
export async function parsePostFile(file: string, maxBytes = DEFAULT_MAX_BYTES): Promise<ParsedFile> {
  try {
    const { size } = await fs.stat(file);
    if (size > maxBytes) {
      return { file, entries: [], problem: `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
    }
    return parseFile(file, await fs.readFile(file), { maxBytes });
  } catch (error) {
    return { file, entries: [], problem: `could not read the file: ${(error as Error).message}` };
  }
}

export async function scanLibrary(root: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Library> {
  const files = await listPostFiles(root);
  return buildLibrary(await Promise.all(files.map((file) => parsePostFile(file, maxBytes))));
}
