// The search index on disk between sessions: one file per workspace in the extension's global
// storage, v8-serialised (faster to read back than JSON at library scale, see the bench), written
// to a temporary name and renamed so a crash never leaves half a cache. A cache that does not load
// is ignored and rebuilt, never trusted.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { SearchIndex, type SerializedIndex } from '../core/search';
import { writeFileAtomic } from '../fileSystem/atomicWrite';
import { workspaceCacheFile } from '../fileSystem/workspaceCacheFile';

/** What a file looked like when it was indexed: re-indexed when any of this differs. */
export interface FileSignature {
  mtime: number;
  size: number;
  /** The library's post entries in it (ids and lines), as JSON. */
  entries: string;
}

interface CacheFile {
  index: SerializedIndex;
  signatures: [string, FileSignature][];
}

export class SearchIndexCache {
  private readonly file: string;

  constructor(storageDir: string, workspaceKey: string) {
    this.file = workspaceCacheFile(storageDir, 'search-index', workspaceKey, 'bin');
  }

  async load(): Promise<{ index: SearchIndex; signatures: Map<string, FileSignature> } | undefined> {
    try {
      const data = v8.deserialize(await fs.readFile(this.file)) as Partial<CacheFile>;
      const index = SearchIndex.deserialize(data.index);
      if (!index || !Array.isArray(data.signatures)) return undefined;
      return { index, signatures: new Map(data.signatures) };
    } catch {
      return undefined;
    }
  }

  async save(index: SearchIndex, signatures: ReadonlyMap<string, FileSignature>): Promise<void> {
    const data: CacheFile = { index: index.serialize(), signatures: [...signatures.entries()] };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, v8.serialize(data));
  }
}
