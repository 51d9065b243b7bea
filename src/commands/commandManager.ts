import * as vscode from 'vscode';
import type { CommandId } from './commandIds';

/**
 * One command: its id beside what it does (markdown-language-features' commandManager pattern). Every
 * command of the extension is registered through the one CommandManager that extension.ts builds.
 */
export interface Command {
  readonly id: CommandId;
  execute(...args: unknown[]): unknown;
}

export class CommandManager implements vscode.Disposable {
  private readonly registrations: vscode.Disposable[] = [];

  register(command: Command): void {
    this.registrations.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    this.registrations.length = 0;
  }
}
