// Folders that arrive or leave whole: a `git pull` or `git checkout`, a scrape, an unzip. The
// workspace's watcher reports the new folder but not the files made in it before its watch reached
// them (seen in VS Code and code-server: a pulled folder's posts were listed only after Refresh
// Library), and a folder deleted whole is reported as the folder alone. So a new folder's post files
// are looked for at once, and a deleted folder takes its files' posts with it.
import * as vscode from 'vscode';

export interface ArrivingFoldersDeps {
  /** The library's include and exclude globs (the settings). */
  include: string;
  exclude: string;
  isExcluded(uri: vscode.Uri): boolean;
  /** Post files found in a folder that arrived. */
  arrived(files: vscode.Uri[]): void;
  /** A folder, or a file, that went. */
  gone(uri: vscode.Uri): void;
}

export class ArrivingFolders implements vscode.Disposable {
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);

  constructor(deps: ArrivingFoldersDeps) {
    this.watcher.onDidCreate(async (uri) => {
      if (deps.isExcluded(uri)) return;
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (!stat || (stat.type & vscode.FileType.Directory) === 0) return;
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, deps.include), deps.exclude);
      if (files.length > 0) deps.arrived(files);
    });
    this.watcher.onDidDelete((uri) => deps.gone(uri));
  }

  dispose(): void {
    this.watcher.dispose();
  }
}
