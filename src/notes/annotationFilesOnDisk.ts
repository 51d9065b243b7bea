// Node's file system behind core's AnnotationFileSystem, shared by the extension host and the CLI (no
// vscode here). Atomic write, flushed: a crash leaves either the old file or the new one, never half.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AnnotationFileSystem } from '../core/annotations/annotationStore';
import { writeFileAtomic } from '../fileSystem/atomicWrite';

export class AnnotationFilesOnDisk implements AnnotationFileSystem {
  async read(file: string): Promise<string | undefined> {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async writeAtomic(file: string, text: string): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, text, { flush: true });
  }

  async list(dir: string): Promise<string[]> {
    try {
      return await fs.readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** The library folder for a post or folder: the nearest ancestor (or itself) holding `.kexue/`, else its own folder. */
export async function findLibraryRoot(target: string): Promise<string> {
  const start = path.resolve(target);
  const stat = await fs.stat(start);
  const own = stat.isDirectory() ? start : path.dirname(start);
  for (let dir = own; ; dir = path.dirname(dir)) {
    try {
      if ((await fs.stat(path.join(dir, '.kexue'))).isDirectory()) return dir;
    } catch {
      // not here; look further up
    }
    if (path.dirname(dir) === dir) return own;
  }
}
