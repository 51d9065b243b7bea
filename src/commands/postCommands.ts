import * as vscode from 'vscode';
import type { Command } from './commandManager';
import { postFromArgument } from './postArgument';
import { displayTitle } from '../library/postPresentation';
import { CommandIds } from './commandIds';

/** Opens the file the post came from at the line its entry starts on (full posts before digest entries). */
export class OpenSourceCommand implements Command {
  readonly id = CommandIds.openSource;

  async execute(arg?: unknown): Promise<vscode.TextEditor | undefined> {
    const post = postFromArgument(arg);
    const source = post?.sources[0];
    if (!source) return undefined;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(source.file));
    const position = new vscode.Position(Math.max(0, source.line - 1), 0);
    return vscode.window.showTextDocument(document, {
      selection: new vscode.Range(position, position),
      preview: true,
    });
  }
}

export class RevealInExplorerCommand implements Command {
  readonly id = CommandIds.revealInExplorer;

  async execute(arg?: unknown): Promise<void> {
    const source = postFromArgument(arg)?.sources[0];
    if (source) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(source.file));
  }
}

export class CopyTitleCommand implements Command {
  readonly id = CommandIds.copyTitle;

  async execute(arg?: unknown): Promise<string | undefined> {
    const post = postFromArgument(arg);
    if (!post) return undefined;
    // An untitled post copies its display name, so the user still gets something that identifies it.
    const text = post.title ?? displayTitle(post);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied “{0}”', text), 2000);
    return text;
  }
}

