// The one watch on the reader's notes files (`.kexue/annotations/*.json`), for every feature that reads
// them (the Notes view, search): a file changed on disk — a git checkout, another window, the CLI.
//
// VS Code's watcher alone is not enough. A notes folder that did not exist (the CLI's first note in a
// library, a checkout) is made and filled at once; the workspace's watcher reports the new `.kexue`
// folder but never what happens inside it — not the first notes file, nor any later change or deletion
// (seen in code-server: notes written there showed only after a reload; a watcher asked of VS Code for
// that folder stayed silent too, served by the same one). So each new notes folder is also watched
// with Node's own fs.watch, once it exists.
import { watch, promises as fs, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export class NotesFilesWatch implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A notes file appeared, changed or went. */
  readonly onDidChange = this.changed.event;
  /** Folder path → Node's watcher on it. */
  private readonly own = new Map<string, FSWatcher>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    const files = vscode.workspace.createFileSystemWatcher('**/.kexue/annotations/*.json');
    const report = (uri: vscode.Uri): void => this.changed.fire(uri);
    this.disposables.push(files, files.onDidCreate(report), files.onDidChange(report), files.onDidDelete(report));
    for (const [glob, found] of [
      ['**/.kexue', (uri: vscode.Uri) => void this.kexueFolder(uri.fsPath)],
      ['**/.kexue/annotations', (uri: vscode.Uri) => void this.annotationsFolder(uri.fsPath)],
    ] as const) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob, false, true, true);
      this.disposables.push(watcher, watcher.onDidCreate(found));
    }
  }

  /** A new `.kexue`: its `annotations` folder may be there already, or come later. */
  private async kexueFolder(folder: string): Promise<void> {
    this.watch(folder, (name) => {
      if (name === 'annotations') void this.annotationsFolder(path.join(folder, name));
    });
    await this.annotationsFolder(path.join(folder, 'annotations'));
  }

  private async annotationsFolder(folder: string): Promise<void> {
    if (!(await isFolder(folder))) return;
    this.watch(folder, (name) => {
      if (name === undefined) void this.everyFile(folder); // a platform that does not say which
      else if (name.endsWith('.json')) this.changed.fire(vscode.Uri.file(path.join(folder, name)));
    });
    // Files written before the watch began: read them now.
    await this.everyFile(folder);
  }

  private async everyFile(folder: string): Promise<void> {
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith('.json')) this.changed.fire(vscode.Uri.file(path.join(folder, name)));
  }

  /** Watches one folder (not below it) once; a folder that goes away ends its watch. */
  private watch(folder: string, onEvent: (name: string | undefined) => void): void {
    if (this.own.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => onEvent(name ?? undefined));
    } catch {
      return; // gone again already
    }
    const forget = (): void => {
      watcher.close();
      if (this.own.get(folder) === watcher) this.own.delete(folder);
    };
    watcher.on('error', forget);
    this.own.set(folder, watcher);
  }

  dispose(): void {
    for (const watcher of this.own.values()) watcher.close();
    this.own.clear();
    for (const d of this.disposables) d.dispose();
  }
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await fs.stat(folder)).isDirectory();
  } catch {
    return false;
  }
}
