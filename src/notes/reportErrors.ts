import * as vscode from 'vscode';

/** Runs a command's work; a failure is shown to the reader (an error message), not thrown at VS Code. */
export async function reportErrors(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
