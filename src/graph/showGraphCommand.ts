import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { Command } from '../commands/commandManager';
import { GRAPH_VIEW_ID } from './libraryGraphView';

/** Kexue: Show Library Graph — brings the graph view in the Kexue Reader container to the front. */
export class ShowGraphCommand implements Command {
  readonly id = CommandIds.showGraph;

  async execute(): Promise<void> {
    await vscode.commands.executeCommand(`${GRAPH_VIEW_ID}.focus`);
  }
}
