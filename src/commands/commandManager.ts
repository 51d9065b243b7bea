import * as vscode from 'vscode';

/** One command: its id beside what it does (markdown-language-features' commandManager pattern). */
export interface Command {
  readonly id: string;
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
