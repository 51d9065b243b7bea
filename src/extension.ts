import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Composition root: filled in by the library/tree feature.
}

export function deactivate(): void {}
