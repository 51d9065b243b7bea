// The library's search index inside VS Code: loaded from the disk cache at once, then brought up to
// date with the library in the background, one file at a time (only files whose size, date or post
// entries changed are read again, and within a file only changed paragraphs are re-tokenized), and
// saved back a moment after the last change. Notes come from a `SearchNoteSource` when there is one.

import * as vscode from 'vscode';
import { decodeFile } from '../core/library/decodeFile';
import type { Library } from '../core/library/model';
import { extractDocuments, noteDocuments, postEntriesByFile, SearchIndex, type PostEntryRef, type SearchHit } from '../core/search';
import type { LibraryIndex } from '../library/libraryIndex';
import type { SearchNoteSource } from './noteSource';
import type { FileSignature, SearchIndexCache } from './searchIndexCache';

const SAVE_DELAY_MS = 2000;
const NOTES_KEY = 'note:';

export class LibrarySearch implements vscode.Disposable {
  private index = new SearchIndex();
  private signatures = new Map<string, FileSignature>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<void>();
  /** Fires when the index has caught up with a change of the library or of the notes. */
  readonly onDidUpdate = this.updated.event;
  private loading: Promise<void> | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private pendingSave: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly library: LibraryIndex,
    private readonly cache: SearchIndexCache,
    private readonly notes?: SearchNoteSource,
  ) {}

  /** Loads the cache and starts following the library; returns at once. */
  start(): void {
    this.loading ??= this.loadAndFollow();
  }

  private async loadAndFollow(): Promise<void> {
    const cached = await this.cache.load();
    if (cached) {
      this.index = cached.index;
      this.signatures = cached.signatures;
      // MiniSearch is restored from the cache's JSON now, in the background, not on the first query.
      const loaded = cached.index;
      this.syncing = this.syncing
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => loaded.prepare())
        .catch(() => undefined);
    }
    this.disposables.push(this.library.onDidChange((library) => this.queueSync(library)));
    if (this.notes) this.disposables.push(this.notes.onDidChangeNotes((file) => this.queueNotes(file)));
    this.queueSync(await this.library.ensureIndexed());
  }

  /** Hits for `query` from what is indexed now (the cache, or as far as the background build got). */
  async search(query: string, limit?: number): Promise<SearchHit[]> {
    this.start();
    await this.loading;
    return this.index.search(query, limit);
  }

  /** Resolves when every queued update is done (tests, and a search that must see a fresh library). */
  async whenIdle(): Promise<void> {
    this.start();
    await this.loading;
    let seen: Promise<void>;
    do {
      seen = this.syncing;
      await seen;
    } while (seen !== this.syncing);
  }

  get documentCount(): number {
    return this.index.documentCount;
  }

  private queueSync(library: Library): void {
    this.syncing = this.syncing.then(() => this.sync(library)).catch(() => undefined);
  }

  private queueNotes(file: string): void {
    const entries = postEntriesByFile(this.library.current()).get(file) ?? [];
    this.syncing = this.syncing.then(() => this.indexNotes(file, entries)).then(() => this.changed()).catch(() => undefined);
  }

  private async sync(library: Library): Promise<void> {
    const entries = postEntriesByFile(library);
    let changes = 0;
    for (const [file, refs] of entries) {
      if (this.disposed) return;
      const signature = await this.signatureOf(file, refs);
      const known = this.signatures.get(file);
      if (signature && known && known.mtime === signature.mtime && known.size === signature.size && known.entries === signature.entries) continue;
      await this.indexFile(file, refs, signature);
      changes++;
      // Let the extension host breathe between files: this runs in the background.
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const file of [...this.signatures.keys()]) {
      if (entries.has(file)) continue;
      this.index.removeFile(file);
      this.index.removeFile(NOTES_KEY + file);
      this.signatures.delete(file);
      changes++;
    }
    // A new index builds MiniSearch from all its texts at once: now, in the background, not on the first query.
    this.index.prepare();
    if (changes > 0) this.changed();
  }

  private async signatureOf(file: string, refs: readonly PostEntryRef[]): Promise<FileSignature | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.file(file));
      return { mtime: stat.mtime, size: stat.size, entries: JSON.stringify(refs) };
    } catch {
      return undefined;
    }
  }

  private async indexFile(file: string, refs: readonly PostEntryRef[], signature: FileSignature | undefined): Promise<void> {
    let text: string | undefined;
    try {
      const decoded = decodeFile(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
      if (decoded.ok) text = decoded.text;
    } catch {
      text = undefined;
    }
    if (text === undefined || !signature) {
      // Unreadable now (deleted, being written): forget it; the library will tell us when it is back.
      this.index.removeFile(file);
      this.signatures.delete(file);
      return;
    }
    this.index.setFile(file, extractDocuments(file, text, refs));
    await this.indexNotes(file, refs);
    this.signatures.set(file, signature);
  }

  private async indexNotes(file: string, refs: readonly PostEntryRef[]): Promise<void> {
    if (!this.notes) return;
    const notes = await this.notes.notesFor(file).catch(() => []);
    this.index.setFile(NOTES_KEY + file, noteDocuments(notes, refs));
  }

  private changed(): void {
    this.updated.fire();
    if (this.pendingSave) clearTimeout(this.pendingSave);
    this.pendingSave = setTimeout(() => {
      this.pendingSave = undefined;
      void this.cache.save(this.index, this.signatures).catch(() => undefined);
    }, SAVE_DELAY_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.pendingSave) {
      clearTimeout(this.pendingSave);
      this.pendingSave = undefined;
      void this.cache.save(this.index, this.signatures).catch(() => undefined);
    }
    this.updated.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
