// The library index's snapshot on disk: one file per workspace in the extension's global storage,
// written whole with one rename (a crash leaves the old snapshot or the new one), read back only when
// the extension's build and the parse settings are those that wrote it. A snapshot that cannot be
// read is as good as none: the index reads every file, as without a snapshot.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseSnapshot, serialiseSnapshot, type SnapshotFile } from '../core/library/indexSnapshot';
import { writeFileAtomic } from '../fileSystem/atomicWrite';
import { workspaceCacheFile } from '../fileSystem/workspaceCacheFile';

export class LibraryIndexCache {
  readonly file: string;
  /** The snapshot as last read or written: the same text is not written again (a startup that found nothing changed). */
  private lastText: string | undefined;

  /** `build` identifies the extension's code (its parsers); `workspaceKey` the folders indexed. */
  constructor(
    storageDir: string,
    workspaceKey: string,
    private readonly build: string,
  ) {
    this.file = workspaceCacheFile(storageDir, 'library-index', workspaceKey, 'json');
  }

  async load(settingsKey: string): Promise<SnapshotFile[] | undefined> {
    try {
      const text = await fs.readFile(this.file, 'utf8');
      const files = parseSnapshot(text, `${this.build}|${settingsKey}`);
      if (files) this.lastText = text;
      return files;
    } catch {
      return undefined;
    }
  }

  async save(settingsKey: string, files: readonly SnapshotFile[]): Promise<void> {
    const text = serialiseSnapshot(`${this.build}|${settingsKey}`, files);
    if (text === this.lastText) return;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, text);
    this.lastText = text;
  }
}

/**
 * The extension's build as the snapshot names it: its version and its bundle's size and time, so a
 * rebuilt or updated extension (whose parsers may read a file differently) reads every file again.
 */
export function extensionBuild(version: string, bundle: string): string {
  try {
    const stat = statSync(bundle);
    return `${version}|${stat.size}|${stat.mtimeMs}`;
  } catch {
    // No bundle to stat (tests running the sources): a build no snapshot matches.
    return `${version}|${Date.now()}`;
  }
}
