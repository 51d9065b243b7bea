import * as vscode from 'vscode';
import type { LibraryIndex } from '../library/libraryIndex';

/** What the compute feature needs from the rest of the extension. */
export interface ComputeDeps {
  readonly context: vscode.ExtensionContext;
  readonly index: LibraryIndex;
}

/** Registers the compute feature (commands, status bar, CodeLens, decorations); filled in by the compute work. */
export function registerCompute(_deps: ComputeDeps): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
