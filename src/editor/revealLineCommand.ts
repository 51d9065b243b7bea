// The command behind the "Go to (12), line 40" and "Open post" links in hovers (a command URI with the
// file's uri string and a 0-based line); not in the palette.
import * as vscode from 'vscode';
import type { Command } from '../commands/commandManager';
import { CommandIds } from '../commands/commandIds';

export class RevealLineCommand implements Command {
  readonly id = CommandIds.editorRevealLine;

  async execute(uri: unknown, line: unknown): Promise<void> {
    if (typeof uri !== 'string') return;
    const position = new vscode.Position(Math.max(0, Number(line) || 0), 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position) });
  }
}
