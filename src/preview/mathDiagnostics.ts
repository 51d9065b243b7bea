import * as vscode from 'vscode';
import type { RenderError } from '../core/render/types';

/** KaTeX errors of rendered posts in the Problems panel, at their line and column in the source file. */
export class MathDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kexue-math');

  update(uri: vscode.Uri, errors: readonly RenderError[]): void {
    this.collection.set(
      uri,
      errors.map((error) => {
        const start = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, error.column - 1));
        const diagnostic = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, 1)), error.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'KaTeX';
        return diagnostic;
      }),
    );
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    this.collection.dispose();
  }
}
