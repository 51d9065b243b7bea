// Finding and reading the posts of a folder so that no single bad entry stops the run: an unreadable
// folder, a path too long, a dangling symlink, a symlink loop, a folder or a FIFO named `x.md` — each is
// one problem with its path, and every other file is still read. Reads run a few at a time and an
// EMFILE/ENFILE (too many open files) is retried, never turned into a lost post.
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { decodeFile, formatMegabytes } from '../core/library/decodeFile';
import { englishText } from '../core/l10n/localizable';

export const POST_FILE = /\.(md|txt)$/i;
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);

/** How many files are open at once: enough to hide latency, far below any sane open-files limit. */
export const READ_CONCURRENCY = 32;

export interface FileProblem {
  readonly file: string;
  readonly message: string;
}

export interface PostFileList {
  readonly files: string[];
  readonly problems: FileProblem[];
}

/** A link whose target is gone reads as ENOENT too: say which it is. */
function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function reason(error: unknown, file: string): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return isSymlink(file) ? 'no such file (a dangling symlink)' : 'no such file';
    case 'ELOOP':
      return 'symlink loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a path through a file';
    default:
      return e.code ? `${e.code}: ${e.message}` : String(error);
  }
}

function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const isTooManyOpen = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EMFILE' || code === 'ENFILE';
};

/**
 * Runs `operation`, retrying while the process has too many files open (other reads finish and free
 * theirs). Backs off up to ~0.25 s a try; gives up only after ~30 s of nothing but EMFILE.
 */
export async function retryTooManyOpen<T>(operation: () => Promise<T>): Promise<T> {
  let delay = 1;
  let waited = 0;
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (!isTooManyOpen(error) || waited > 30_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      waited += delay;
      delay = Math.min(delay * 2, 250);
    }
  }
}

/** Maps `items` through `work` with at most `limit` running at once; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every .md/.txt file under `root` (or `root` itself when it is a file), sorted for stable output, and
 * one problem for each entry that could not be listed or is not a readable regular file. Symlinks are
 * followed; a folder reached twice (a link back up) is read once. Throws only when `root` itself is
 * missing or unreadable.
 */
export async function listPostFiles(root: string): Promise<PostFileList> {
  const problems: FileProblem[] = [];
  const rootStat = await fs.stat(root);
  if (!rootStat.isDirectory()) {
    if (!rootStat.isFile()) throw new Error(`${root} is ${kindOf(rootStat)}, not a post`);
    return { files: [root], problems };
  }
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    let entries;
    try {
      real = await retryTooManyOpen(() => fs.realpath(dir));
      if (seen.has(real)) {
        if (dir !== root) problems.push({ file: dir, message: 'symlink loop (leads back to a folder already read)' });
        return;
      }
      seen.add(real);
      entries = await retryTooManyOpen(() => fs.readdir(dir, { withFileTypes: true }));
    } catch (error) {
      problems.push({ file: dir, message: `folder not read: ${reason(error, dir)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const isPost = POST_FILE.test(entry.name);
      if (entry.isDirectory()) {
        if (isPost) problems.push({ file: full, message: 'a folder, not a post' });
        else if (!SKIPPED_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile()) {
        if (isPost) files.push(full);
      } else if (entry.isSymbolicLink()) {
        let target;
        try {
          target = await retryTooManyOpen(() => fs.stat(full));
        } catch (error) {
          if (isPost) problems.push({ file: full, message: `not read: ${reason(error, full)}` });
          else if ((error as NodeJS.ErrnoException).code === 'ELOOP') problems.push({ file: full, message: 'symlink loop' });
          continue;
        }
        if (target.isDirectory()) {
          if (isPost) problems.push({ file: full, message: 'a link to a folder, not a post' });
          else if (!SKIPPED_DIRS.has(entry.name)) await walk(full);
        } else if (isPost) {
          if (target.isFile()) files.push(full);
          else problems.push({ file: full, message: `not read: ${kindOf(target)}` });
        }
      } else if (isPost) {
        // A FIFO would block the first read forever; a socket or device is no post either.
        problems.push({ file: full, message: `not read: ${kindOf({ isFIFO: () => entry.isFIFO(), isSocket: () => entry.isSocket(), isCharacterDevice: () => entry.isCharacterDevice(), isBlockDevice: () => entry.isBlockDevice(), isDirectory: () => false })}` });
      }
    }
  };
  await walk(root);
  files.sort();
  return { files, problems };
}

export type ReadResult = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly problem: string };

/** Not a regular file, or over the size limit: checked on the open descriptor, before a byte is read. */
function refusalOf(stat: Stats, maxBytes: number): ReadResult | undefined {
  if (!stat.isFile()) return { ok: false, problem: `not read: ${kindOf(stat)}` };
  if (stat.size > maxBytes) return { ok: false, problem: `file is ${formatMegabytes(stat.size)}, over the ${formatMegabytes(maxBytes)} limit (--max-file-size-mb)` };
  return undefined;
}

/**
 * Reads one post file without ever throwing or blocking: opened non-blocking (a FIFO cannot hang the
 * read), checked to be a regular file no larger than `maxBytes` on the open descriptor, then read.
 */
export async function readPostFile(file: string, maxBytes: number): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await retryTooManyOpen(() => fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK));
    const refused = refusalOf(await handle.stat(), maxBytes);
    if (refused) return refused;
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    return { ok: false, problem: `could not read the file: ${reason(error, file)}` };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * A post's text for the renderer: readPostFile, then strict UTF-8 as the library scan decodes it, so a
 * binary file or one in another encoding is reported and skipped (`kexue render` drew a binary .md as
 * five formulas of garbage, with MathJax's "Cannot read properties of null" as their errors).
 */
export async function readPostText(file: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; problem: string }> {
  const read = await readPostFile(file, maxBytes);
  if (!read.ok) return read;
  const decoded = decodeFile(read.bytes, Infinity, { emptyIsText: true });
  return decoded.ok ? decoded : { ok: false, problem: englishText(decoded.problem) };
}

/**
 * `readPostFile` in this thread, for a scan of many files (the library scan): the same checks and
 * the same problems, without a thread-pool round trip and promises per step. On the bench's 1,512
 * files (80 MB) it took ≈ 60–100 ms of CPU where the bounded asynchronous reads took 160–500 ms
 * (the process's CPU: the pool's threads compete with the search build's worker on 2 cores).
 * Opened non-blocking and checked on the descriptor as above, so a FIFO is refused, never waited on.
 * One file is open at a time; an EMFILE here (other code holding every descriptor) is that file's problem.
 */
export function readPostFileSync(file: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    const refused = refusalOf(stat, maxBytes);
    if (refused) return refused;
    // The size the descriptor reports, then until end of file (a file that grew is read whole, as readFile reads it).
    let bytes = Buffer.allocUnsafe(Math.max(stat.size, 1));
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        if (length > maxBytes) break;
        const grown = Buffer.allocUnsafe(bytes.length * 2);
        bytes.copy(grown, 0, 0, length);
        bytes = grown;
      }
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { ok: true, bytes: length === bytes.length ? bytes : bytes.subarray(0, length) };
  } catch (error) {
    return { ok: false, problem: `could not read the file: ${reason(error, file)}` };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing was lost: the bytes (or the problem) are already in hand.
      }
    }
  }
}
