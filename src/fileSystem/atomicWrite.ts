// Writing a file so that a reader never sees half of it: the data goes to a temporary file beside the
// target, then replaces it with one rename, so a crash leaves the old file or the new one. Each write
// takes a temporary name of its own: two writes of one file at once (a symbol drawn for the Notation
// view and for a hover; two search-index saves) must not rename each other's file. Node only (no vscode).
import { promises as fs } from 'node:fs';

export interface AtomicWriteOptions {
  /** Flush the data to the disk before the rename (the reader's notes), not only to the page cache (caches). */
  readonly flush?: boolean;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await fs.open(temporary, 'w');
  try {
    await handle.writeFile(data);
    if (options.flush) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
