import * as vscode from 'vscode';
import { buildLibrary, parseFile } from '../core/library/index';
import type { FileStamp, SnapshotFile } from '../core/library/indexSnapshot';
import type { Library, ParsedFile } from '../core/library/model';
import { localizable } from '../core/l10n/localizable';
import type { LibraryIndexCache } from './libraryIndexCache';
import type { ProblemLog } from './problemLog';
import { ArrivingFolders } from './arrivingFolders';

const MB = 1024 * 1024;

/** A post file that appeared, with its text as the index read it. */
export interface AddedPostFile {
  uri: vscode.Uri;
  text: string;
}

/** What the views show of a library; its problems go to the log, which reports each once anyway. */
function shownText(library: Library): string {
  return JSON.stringify([library.posts, library.series]);
}

/**
 * Keeps the parsed form of every post file in the workspace and the library built from them.
 * A changed file re-parses only that file; rebuilding the model from parsed files is cheap.
 */
export class LibraryIndex implements vscode.Disposable {
  private readonly parsed = new Map<string, ParsedFile>();
  /** Each parsed file's size and modification time when it was read (none for a file that could not be). */
  private readonly stamps = new Map<string, FileStamp>();
  /** The last session's stamps, until the first indexing has checked each file against them. */
  private restoredStamps = new Map<string, FileStamp>();
  private library: Library = { posts: [], series: [], problems: [] };
  /** The posts and series as JSON: a rebuild that leaves them as they were fires no change. */
  private shownText = shownText(this.library);
  private indexing: Promise<Library> | undefined;
  private restoring: Promise<boolean> | undefined;
  /** Counts Refreshes: a snapshot read before one is not used after it. */
  private generation = 0;
  private indexedOnce = false;
  private watcher: vscode.FileSystemWatcher | undefined;
  private folders: ArrivingFolders | undefined;
  private readonly changed = new vscode.EventEmitter<Library>();
  private pendingRebuild: NodeJS.Timeout | undefined;
  private pendingSave: NodeJS.Timeout | undefined;
  /** Numbers each read and deletion as it begins; per file, the number of the one whose result it holds. */
  private sequence = 0;
  private readonly applied = new Map<string, number>();
  readonly onDidChange = this.changed.event;
  private readonly removedFile = new vscode.EventEmitter<vscode.Uri>();
  /**
   * A post file went (its own delete, or its folder's): deleted, or renamed outside VS Code, which the
   * watcher reports as a delete of the old name and a create of the new one (onDidAddFile).
   */
  readonly onDidRemoveFile = this.removedFile.event;
  private readonly addedFile = new vscode.EventEmitter<AddedPostFile>();
  /** A post file appeared (on its own or in a folder that arrived) and was read as text. */
  readonly onDidAddFile = this.addedFile.event;

  /** `cache`: where the parsed files are kept between sessions (none: every session reads every file). */
  constructor(
    private readonly log: ProblemLog,
    private readonly cache?: LibraryIndexCache,
  ) {}

  /**
   * What the Series view shows: the library, or — until the first indexing of this session ends — the
   * one the last session left, at once; the indexing then replaces it (onDidChange), reading again
   * only the files changed since. Everything that acts on posts waits for ensureIndexed instead.
   */
  async forDisplay(): Promise<Library> {
    if (!this.indexedOnce) {
      this.indexing ??= this.indexAll();
      this.restoring ??= this.restore();
      if ((await this.restoring) && !this.indexedOnce) return this.library;
    }
    return this.ensureIndexed();
  }

  /** The library, indexing the workspace first when that has not happened yet. */
  async ensureIndexed(): Promise<Library> {
    this.indexing ??= this.indexAll();
    await this.indexing;
    // Not the value the first indexing resolved to: the watcher may have rebuilt the library since.
    return this.library;
  }

  current(): Library {
    return this.library;
  }

  /** Whether a whole-workspace indexing has finished (until then current() may be partial or empty). */
  isIndexed(): boolean {
    return this.indexedOnce;
  }

  /** Forget everything and read the workspace again (the Refresh command, a settings change). */
  reindex(): Promise<Library> {
    this.generation++;
    this.parsed.clear();
    this.stamps.clear();
    this.restoredStamps.clear();
    this.indexing = this.indexAll();
    return this.indexing;
  }

  /** The last session's parsed files, shown as the library; false when there are none to use. */
  private async restore(): Promise<boolean> {
    const generation = this.generation;
    const files = await this.cache?.load(this.settingsKey());
    // A Refresh meanwhile asked for every file to be read again.
    if (!files || files.length === 0 || generation !== this.generation) return false;
    for (const { uri, stamp, parsed } of files) {
      this.parsed.set(uri, parsed);
      this.restoredStamps.set(uri, stamp);
    }
    this.publish(buildLibrary([...this.parsed.values()]));
    void vscode.commands.executeCommand('setContext', 'kexueReader.hasPosts', this.library.posts.length > 0);
    return true;
  }

  /** Makes `library` the current one; false when its posts and series are those of the one before, field for field. */
  private publish(library: Library): boolean {
    const text = shownText(library);
    const changed = text !== this.shownText;
    this.library = library;
    this.shownText = text;
    return changed;
  }

  /** What, besides the extension's build, decides how a file parses. */
  private settingsKey(): string {
    return `maxBytes=${this.settings().maxBytes}`;
  }

  private settings(): { include: string; exclude: string; maxBytes: number } {
    const config = vscode.workspace.getConfiguration('kexueReader.library');
    return {
      include: config.get<string>('include', '**/*.{md,txt}'),
      exclude: config.get<string>('exclude', '**/{node_modules,.git}/**'),
      maxBytes: Math.max(0.1, config.get<number>('maxFileSizeMB', 8)) * MB,
    };
  }

  private async indexAll(): Promise<Library> {
    // The first indexing starts from the last session's snapshot: only files changed since are read.
    this.restoring ??= this.restore();
    await this.restoring;
    const { include, exclude } = this.settings();
    this.watch(include, exclude);
    const run = async (): Promise<void> => {
      const uris = await vscode.workspace.findFiles(include, exclude);
      // Files of the last session's snapshot that are gone, or now excluded (not one the watcher has read since).
      const listed = new Set(uris.map((uri) => uri.toString()));
      for (const key of [...this.restoredStamps.keys()]) {
        if (listed.has(key)) continue;
        this.restoredStamps.delete(key);
        this.forget(key);
      }
      // Read a few files at a time: enough to hide latency, not enough to flood the file system.
      const queue = [...uris];
      const workers = Array.from({ length: 8 }, async () => {
        for (let uri = queue.shift(); uri; uri = queue.shift()) await this.parseOne(uri);
      });
      await Promise.all(workers);
    };
    // Only show progress when indexing takes more than a moment.
    let done = false;
    const work = run().finally(() => (done = true));
    setTimeout(() => {
      if (!done) {
        void vscode.window.withProgress(
          { location: { viewId: 'kexueReader.series' }, title: vscode.l10n.t('Indexing posts…') },
          () => work,
        );
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Kexue: indexing posts…') },
          () => work,
        );
      }
    }, 300);
    await work;
    this.indexedOnce = true;
    this.restoredStamps.clear();
    return this.rebuild();
  }

  private forget(key: string): boolean {
    this.stamps.delete(key);
    return this.parsed.delete(key);
  }

  private watch(include: string, exclude: string): void {
    this.watcher?.dispose();
    this.folders?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(include);
    const reparse = async (uri: vscode.Uri): Promise<string | undefined> => {
      if (this.isExcluded(uri)) return undefined;
      // A change reported is read whatever its stamp says (an edit can keep the size within one tick).
      this.restoredStamps.delete(uri.toString());
      const text = await this.parseOne(uri);
      this.scheduleRebuild();
      return text;
    };
    const arrived = async (uri: vscode.Uri): Promise<void> => {
      const text = await reparse(uri);
      if (text !== undefined) this.addedFile.fire({ uri, text });
    };
    this.watcher.onDidCreate(arrived);
    this.watcher.onDidChange(reparse);
    this.watcher.onDidDelete((uri) => {
      this.applied.set(uri.toString(), ++this.sequence);
      if (this.forget(uri.toString())) this.scheduleRebuild();
      this.removedFile.fire(uri);
    });
    this.folders = new ArrivingFolders({
      include,
      exclude,
      isExcluded: (uri) => this.isExcluded(uri),
      arrived: (files) => void Promise.all(files.map(arrived)),
      gone: (uri) => {
        // The files under a folder deleted whole (the folder is all the watcher reports).
        const below = `${uri.toString()}/`;
        let changed = false;
        for (const key of [...this.parsed.keys()]) {
          if (!key.startsWith(below)) continue;
          this.applied.set(key, ++this.sequence);
          changed = this.forget(key) || changed;
          this.removedFile.fire(vscode.Uri.parse(key));
        }
        if (changed) this.scheduleRebuild();
      },
    });
  }

  /**
   * The watcher reports every file matching `include`; VS Code has no API to test a path against the
   * `exclude` glob, so the folders excluded by default are filtered here (findFiles applies the setting).
   */
  private isExcluded(uri: vscode.Uri): boolean {
    return /[\\/](node_modules|\.git|\.vscode-test)[\\/]/.test(uri.fsPath);
  }

  /** Reads and parses one file; its text when it was read as text and is the newest result for the file. */
  private async parseOne(uri: vscode.Uri): Promise<string | undefined> {
    const file = uri.fsPath;
    const key = uri.toString();
    const { maxBytes } = this.settings();
    // Reads of one file can finish out of order, and a file made and deleted at once (a branch switch)
    // is deleted while its read waits: a result is kept only if no read begun later, and no deletion,
    // has been applied to the file since this read began.
    const started = ++this.sequence;
    const newest = (): boolean => {
      if ((this.applied.get(key) ?? 0) > started) return false;
      this.applied.set(key, started);
      return true;
    };
    let result: ParsedFile;
    let stamp: FileStamp | undefined;
    let text: string | undefined;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const restored = this.restoredStamps.get(key);
      this.restoredStamps.delete(key);
      if (restored && restored.mtime === stat.mtime && restored.size === stat.size && this.parsed.has(key)) {
        // Unchanged since the last session: its parse is the snapshot's.
        if (newest()) this.stamps.set(key, restored);
        return undefined;
      }
      if ((stat.type & vscode.FileType.File) === 0) {
        // A FIFO named x.md would block the read forever; a folder named x.md is no post either.
        result = { file, entries: [], problem: localizable('Not a regular file (a folder, a FIFO or a device): not read') };
      } else if (stat.size > maxBytes) {
        // Refuse before reading: a 50 MB file must not be pulled into memory to be rejected.
        const size = (stat.size / MB).toFixed(1);
        result = { file, entries: [], problem: localizable('File is {0} MB, over the {1} MB limit (setting kexueReader.library.maxFileSizeMB)', size, (maxBytes / MB).toFixed(1)) };
      } else {
        result = parseFile(file, await vscode.workspace.fs.readFile(uri), { maxBytes, onText: (decoded) => (text = decoded) });
        stamp = { mtime: stat.mtime, size: stat.size };
      }
    } catch (error) {
      result = { file, entries: [], problem: localizable('Could not read the file: {0}', String(error)) };
    }
    if (!newest()) return undefined;
    this.parsed.set(key, result);
    if (stamp) this.stamps.set(key, stamp);
    else this.stamps.delete(key);
    return text;
  }

  private scheduleRebuild(): void {
    if (this.pendingRebuild) clearTimeout(this.pendingRebuild);
    this.pendingRebuild = setTimeout(() => {
      this.pendingRebuild = undefined;
      this.rebuild();
    }, 150);
  }

  private rebuild(): Library {
    const changed = this.publish(buildLibrary([...this.parsed.values()]));
    this.log.reportProblems(this.library.problems);
    void vscode.commands.executeCommand('setContext', 'kexueReader.hasPosts', this.library.posts.length > 0);
    void vscode.commands.executeCommand('setContext', 'kexueReader.indexed', true);
    // No post or series changed (the usual end of a startup from the last session's snapshot, a file
    // saved as it was, a file that holds no post): no event, so no view redraws a row and no open
    // preview renders again for nothing.
    if (changed) this.changed.fire(this.library);
    this.scheduleSave();
    return this.library;
  }

  /** The snapshot for the next session, once the changes of a moment are in (a save of many files). */
  private scheduleSave(): void {
    if (!this.cache) return;
    if (this.pendingSave) clearTimeout(this.pendingSave);
    this.pendingSave = setTimeout(() => {
      this.pendingSave = undefined;
      void this.save();
    }, 1000);
  }

  /** Files that were not read (not a regular file, over the size limit, unreadable) are left out: looked at again next session. */
  async save(): Promise<void> {
    if (this.pendingSave) {
      clearTimeout(this.pendingSave);
      this.pendingSave = undefined;
    }
    if (!this.cache || !this.indexedOnce) return;
    const files: SnapshotFile[] = [];
    for (const [uri, stamp] of this.stamps) {
      const parsed = this.parsed.get(uri);
      if (parsed) files.push({ uri, stamp, parsed });
    }
    // In a fixed order (files are read eight at a time): the same library is the same text, not written again.
    files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    try {
      await this.cache.save(this.settingsKey(), files);
    } catch (error) {
      // The next session reads every file again: slower, nothing lost.
      this.log.info(vscode.l10n.t('Could not save the library index: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  dispose(): void {
    if (this.pendingRebuild) clearTimeout(this.pendingRebuild);
    // A change of the last second is not saved: the next session finds it by its time stamp.
    if (this.pendingSave) clearTimeout(this.pendingSave);
    this.watcher?.dispose();
    this.folders?.dispose();
    this.changed.dispose();
    this.removedFile.dispose();
    this.addedFile.dispose();
  }
}
