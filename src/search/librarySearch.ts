// The library's search index inside VS Code: loaded from the disk cache at once, then brought up to
// date with the library in the background, one file at a time (only files whose size, date or post
// entries changed are read again, and within a file only changed paragraphs are re-tokenized), and
// saved back a moment after the last change. Notes come from a `SearchNoteSource` when there is one.
//
// When more than one file is to be indexed (a cold build, a folder added), each file's cutting into
// documents (`documentSpans`: analyseDisplays and paragraphs, ≈ 45 % of a cold build's CPU) runs in a
// worker thread (dist/searchSpansWorker.js, the one `kexue search` uses) while this thread reads the
// next files and indexes the previous ones, so the extension host keeps answering while a big library
// indexes. Without the worker (missing, failed) the same spans are cut here: the index is the same.
// A one-file update stays in this thread (a worker's start would cost more than the file).

import * as vscode from 'vscode';
import { decodeFile } from '../core/library/decodeFile';
import type { Library } from '../core/library/model';
import { documentsOfSpans, extractDocuments, noteDocuments, postEntriesByFile, SearchIndex, type PostEntryRef, type SearchHit } from '../core/search';
import type { LibraryIndex } from '../library/libraryIndex';
import { DocumentSpanner } from '../searchWorker/documentSpanner';
import type { SearchNoteSource } from './noteSource';
import type { FileSignature, SearchIndexCache } from './searchIndexCache';

const SAVE_DELAY_MS = 2000;
const NOTES_KEY = 'note:';
/** Files read and handed to the worker ahead of the one being indexed: keeps it busy, bounds the texts held. */
const READ_AHEAD = 8;

interface Changed {
  file: string;
  refs: readonly PostEntryRef[];
  signature: FileSignature | undefined;
}

export class LibrarySearch implements vscode.Disposable {
  private index = new SearchIndex();
  private signatures = new Map<string, FileSignature>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<void>();
  /**
   * Fires when the index has caught up with the library (its first build, a later change, even one
   * that changed nothing) or with a change of the notes: a search shown now may have missed hits.
   */
  readonly onDidUpdate = this.updated.event;
  private loading: Promise<void> | undefined;
  private syncing: Promise<void> = Promise.resolve();
  /** Library updates queued and not finished; the index follows the library once the first is queued. */
  private updatesQueued = 0;
  private following = false;
  private pendingSave: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Files whose documents the worker thread cut, since start (tests: the worker path ran). */
  filesCutByWorker = 0;

  /** `spansWorker`: the worker's bundle (dist/searchSpansWorker.js); none: every file is cut in this thread. */
  constructor(
    private readonly library: LibraryIndex,
    private readonly cache: SearchIndexCache,
    private readonly notes?: SearchNoteSource,
    private readonly spansWorker?: string,
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
    this.following = true;
  }

  /** Whether the index is still catching up with the library (its first build, a change): a search may miss hits now. */
  get updating(): boolean {
    return !this.following || this.updatesQueued > 0;
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
    this.updatesQueued++;
    this.syncing = this.syncing
      .then(() => this.sync(library))
      .catch(() => undefined)
      .finally(() => {
        this.updatesQueued--;
        if (this.updatesQueued === 0 && !this.disposed) this.updated.fire();
      });
  }

  private queueNotes(file: string): void {
    const entries = postEntriesByFile(this.library.current()).get(file) ?? [];
    this.syncing = this.syncing
      .then(() => this.indexNotes(file, entries))
      .then(() => {
        this.updated.fire();
        this.saveSoon();
      })
      .catch(() => undefined);
  }

  private async sync(library: Library): Promise<void> {
    const entries = postEntriesByFile(library);
    const changed: Changed[] = [];
    for (const [file, refs] of entries) {
      if (this.disposed) return;
      const signature = await this.signatureOf(file, refs);
      const known = this.signatures.get(file);
      if (signature && known && known.mtime === signature.mtime && known.size === signature.size && known.entries === signature.entries) continue;
      changed.push({ file, refs, signature });
    }
    let changes = 0;
    const spanner = changed.length > 1 ? DocumentSpanner.start(this.spansWorker) : undefined;
    try {
      // Read ahead: file k+1… is read and in the worker while file k is indexed here.
      // A text is let go once its file is indexed (`undefined`): at most READ_AHEAD are held.
      const texts: (Promise<string | undefined> | undefined)[] = [];
      const readAhead = (upTo: number): void => {
        for (let k = texts.length; k < Math.min(upTo, changed.length); k++) {
          const { file } = changed[k];
          texts.push(
            this.readText(file).then((text) => {
              if (text !== undefined) spanner?.submit(file, text);
              return text;
            }),
          );
        }
      };
      for (let k = 0; k < changed.length; k++) {
        if (this.disposed) return;
        readAhead(k + 1 + (spanner?.hasWorker ? READ_AHEAD : 0));
        const text = await texts[k];
        texts[k] = undefined;
        await this.indexFile(changed[k], text, spanner);
        changes++;
        // Let the extension host breathe between files: this runs in the background.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      if (spanner) {
        this.filesCutByWorker += spanner.workerFiles;
        await spanner.close();
      }
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
    // Those waiting for the index hear of it when the queue is done (queueSync).
    if (changes > 0) this.saveSoon();
  }

  private async signatureOf(file: string, refs: readonly PostEntryRef[]): Promise<FileSignature | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.file(file));
      return { mtime: stat.mtime, size: stat.size, entries: JSON.stringify(refs) };
    } catch {
      return undefined;
    }
  }

  /** The file's text, or undefined when it cannot be read or decoded now. */
  private async readText(file: string): Promise<string | undefined> {
    try {
      const decoded = decodeFile(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
      return decoded.ok ? decoded.text : undefined;
    } catch {
      return undefined;
    }
  }

  private async indexFile({ file, refs, signature }: Changed, text: string | undefined, spanner: DocumentSpanner | undefined): Promise<void> {
    if (text === undefined || !signature) {
      // Unreadable now (deleted, being written): forget it; the library will tell us when it is back.
      this.index.removeFile(file);
      this.signatures.delete(file);
      return;
    }
    // The worker's spans when it cut this file (or this thread's, the same), made into documents here.
    const documents = spanner ? documentsOfSpans(file, text, await spanner.spansOf(file, text), refs) : extractDocuments(file, text, refs);
    this.index.setFile(file, documents);
    await this.indexNotes(file, refs);
    this.signatures.set(file, signature);
  }

  private async indexNotes(file: string, refs: readonly PostEntryRef[]): Promise<void> {
    if (!this.notes) return;
    const notes = await this.notes.notesFor(file).catch(() => []);
    this.index.setFile(NOTES_KEY + file, noteDocuments(notes, refs));
  }

  private saveSoon(): void {
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
