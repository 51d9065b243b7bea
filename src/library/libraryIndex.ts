import * as vscode from 'vscode';
import { buildLibrary, parseFile } from '../core/library/index';
import type { Library, ParsedFile } from '../core/library/model';
import type { ProblemLog } from './problemLog';

const MB = 1024 * 1024;

/**
 * Keeps the parsed form of every post file in the workspace and the library built from them.
 * A changed file re-parses only that file; rebuilding the model from parsed files is cheap.
 */
export class LibraryIndex implements vscode.Disposable {
  private readonly parsed = new Map<string, ParsedFile>();
  private library: Library = { posts: [], series: [], problems: [] };
  private indexing: Promise<Library> | undefined;
  private indexedOnce = false;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<Library>();
  private pendingRebuild: NodeJS.Timeout | undefined;
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: ProblemLog) {}

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
    this.parsed.clear();
    this.indexing = this.indexAll();
    return this.indexing;
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
    const { include, exclude } = this.settings();
    this.watch(include);
    const run = async (): Promise<void> => {
      const uris = await vscode.workspace.findFiles(include, exclude);
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
    return this.rebuild();
  }

  private watch(include: string): void {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(include);
    const reparse = async (uri: vscode.Uri): Promise<void> => {
      if (this.isExcluded(uri)) return;
      await this.parseOne(uri);
      this.scheduleRebuild();
    };
    this.watcher.onDidCreate(reparse);
    this.watcher.onDidChange(reparse);
    this.watcher.onDidDelete((uri) => {
      if (this.parsed.delete(uri.toString())) this.scheduleRebuild();
    });
  }

  /**
   * The watcher reports every file matching `include`; VS Code has no API to test a path against the
   * `exclude` glob, so the folders excluded by default are filtered here (findFiles applies the setting).
   */
  private isExcluded(uri: vscode.Uri): boolean {
    return /[\\/](node_modules|\.git|\.vscode-test)[\\/]/.test(uri.fsPath);
  }

  private async parseOne(uri: vscode.Uri): Promise<void> {
    const file = uri.fsPath;
    const { maxBytes } = this.settings();
    let result: ParsedFile;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) {
        // A FIFO named x.md would block the read forever; a folder named x.md is no post either.
        result = { file, entries: [], problem: vscode.l10n.t('Not a regular file (a folder, a FIFO or a device): not read') };
      } else if (stat.size > maxBytes) {
        // Refuse before reading: a 50 MB file must not be pulled into memory to be rejected.
        const size = (stat.size / MB).toFixed(1);
        result = { file, entries: [], problem: vscode.l10n.t('File is {0} MB, over the {1} MB limit (setting kexueReader.library.maxFileSizeMB)', size, (maxBytes / MB).toFixed(1)) };
      } else {
        result = parseFile(file, await vscode.workspace.fs.readFile(uri), { maxBytes });
      }
    } catch (error) {
      result = { file, entries: [], problem: vscode.l10n.t('Could not read the file: {0}', String(error)) };
    }
    this.parsed.set(uri.toString(), result);
  }

  private scheduleRebuild(): void {
    if (this.pendingRebuild) clearTimeout(this.pendingRebuild);
    this.pendingRebuild = setTimeout(() => {
      this.pendingRebuild = undefined;
      this.rebuild();
    }, 150);
  }

  private rebuild(): Library {
    this.library = buildLibrary([...this.parsed.values()]);
    this.log.reportProblems(this.library.problems);
    void vscode.commands.executeCommand('setContext', 'kexueReader.hasPosts', this.library.posts.length > 0);
    void vscode.commands.executeCommand('setContext', 'kexueReader.indexed', true);
    this.changed.fire(this.library);
    return this.library;
  }

  dispose(): void {
    if (this.pendingRebuild) clearTimeout(this.pendingRebuild);
    this.watcher?.dispose();
    this.changed.dispose();
  }
}
