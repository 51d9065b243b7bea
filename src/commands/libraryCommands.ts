import * as vscode from 'vscode';
import type { LibraryIndex } from '../library/libraryIndex';
import type { ProblemLog } from '../library/problemLog';
import type { Command } from './commandManager';
import { CommandIds } from './commandIds';

export class RefreshCommand implements Command {
  readonly id = CommandIds.refresh;
  constructor(private readonly index: LibraryIndex) {}

  async execute(): Promise<number> {
    const library = await this.index.reindex();
    return library.posts.length;
  }
}

export class ShowLogCommand implements Command {
  readonly id = CommandIds.showLog;
  constructor(private readonly log: ProblemLog) {}

  execute(): void {
    this.log.show();
  }
}

/**
 * Opens the bundled sample library. It is copied to the extension's storage first, so the user can
 * edit the posts without touching the installed extension.
 */
export class OpenSampleLibraryCommand implements Command {
  readonly id = CommandIds.openSampleLibrary;
  constructor(private readonly context: vscode.ExtensionContext) {}

  async execute(): Promise<vscode.Uri> {
    const bundled = vscode.Uri.joinPath(this.context.extensionUri, 'sample');
    const target = vscode.Uri.joinPath(this.context.globalStorageUri, 'sample-library');
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
      await vscode.workspace.fs.copy(bundled, target, { overwrite: false });
    }
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
    return target;
  }
}
