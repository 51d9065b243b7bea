import * as vscode from 'vscode';
import type { PreviewManager } from '../preview/previewManager';
import type { PostPreview } from '../preview/postPreview';
import type { Command } from './commandManager';
import { postFromArgument } from './postArgument';

/** The file and line to preview: a clicked Uri (editor title), a post or tree node, or the active editor. */
function target(manager: PreviewManager, arg: unknown): { uri: vscode.Uri; line?: number } | undefined {
  if (arg instanceof vscode.Uri) return { uri: arg };
  const post = postFromArgument(arg);
  if (post) return manager.sourceOf(post);
  const editor = vscode.window.activeTextEditor;
  return editor && { uri: editor.document.uri, line: editor.visibleRanges[0]?.start.line };
}

abstract class OpenPreviewBase implements Command {
  abstract readonly id: string;
  protected abstract readonly column: vscode.ViewColumn;
  constructor(protected readonly manager: PreviewManager) {}

  async execute(arg?: unknown): Promise<PostPreview | undefined> {
    const where = target(this.manager, arg);
    if (!where) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a post (Markdown or listing page) to preview it.'));
      return undefined;
    }
    return this.show(where, arg);
  }

  protected show(where: { uri: vscode.Uri; line?: number }, _arg: unknown): Promise<PostPreview> {
    return this.manager.open(where.uri, this.column, where.line);
  }
}

export class OpenPreviewCommand extends OpenPreviewBase {
  readonly id = 'kexueReader.openPreview';
  protected readonly column = vscode.ViewColumn.Active;

  /** A post picked in the Series view or Find Post goes to the preview tab that follows them. */
  protected override show(where: { uri: vscode.Uri; line?: number }, arg: unknown): Promise<PostPreview> {
    return postFromArgument(arg) ? this.manager.follow(where.uri, where.line) : super.show(where, arg);
  }
}

/** Keeps the preview tab that follows the Series view: the next click opens a tab of its own. */
export class KeepPreviewCommand implements Command {
  readonly id = 'kexueReader.keepPreview';
  constructor(private readonly manager: PreviewManager) {}

  execute(): void {
    const preview = this.manager.active();
    if (preview) this.manager.keep(preview);
  }
}

export class OpenPreviewToSideCommand extends OpenPreviewBase {
  readonly id = 'kexueReader.openPreviewToSide';
  protected readonly column = vscode.ViewColumn.Beside;
}

abstract class SeriesStepBase implements Command {
  abstract readonly id: string;
  protected abstract readonly direction: 'previous' | 'next';
  constructor(private readonly manager: PreviewManager) {}

  async execute(): Promise<void> {
    const preview = this.manager.active();
    if (preview) await this.manager.navigateSeries(preview, this.direction);
  }
}

export class PreviousInSeriesCommand extends SeriesStepBase {
  readonly id = 'kexueReader.previousInSeries';
  protected readonly direction = 'previous' as const;
}

export class NextInSeriesCommand extends SeriesStepBase {
  readonly id = 'kexueReader.nextInSeries';
  protected readonly direction = 'next' as const;
}
