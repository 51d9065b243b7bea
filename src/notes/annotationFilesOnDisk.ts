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

/**
 * The library folder for a post or folder: the nearest ancestor (or itself) holding `.kexue/`; where none
 * is found before the top of the project the post is in (the nearest folder holding `.git/` or `.vscode/`:
 * the folder a reader opens in VS Code), that top — where the extension files a new library's notes
 * (its workspace folder), so a note added by the CLI first does not start a second notes folder beside
 * the post; outside any project, the post's own folder.
 */
export async function findLibraryRoot(target: string): Promise<string> {
  const start = path.resolve(target);
  const stat = await fs.stat(start);
  const own = stat.isDirectory() ? start : path.dirname(start);
  for (let dir = own; ; dir = path.dirname(dir)) {
    if (await isDirectory(path.join(dir, '.kexue'))) return dir;
    // `.git` is a file in a worktree or a submodule.
    if ((await exists(path.join(dir, '.git'))) || (await isDirectory(path.join(dir, '.vscode')))) return dir;
    if (path.dirname(dir) === dir) return own;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isDirectory();
  } catch {
    return false; // not here; look further up
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
