// Opens the preview at the place a "Copy Link to Here" address names (core/annotations/previewLink.ts),
// from a chat, a notes file or another program: VS Code hands such addresses to this UriHandler.
import * as vscode from 'vscode';
import { parsePreviewLink } from '../core/annotations/previewLink';

export class PreviewLinkHandler implements vscode.UriHandler {
  constructor(
    private readonly openAt: (uri: vscode.Uri, line: number) => Promise<void>,
    /** Whether the library holds this file: a link from outside opens posts, never any file it names. */
    private readonly inLibrary: (uri: vscode.Uri) => boolean,
  ) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    const link = parsePreviewLink(uri);
    if (!link) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Kexue Reader does not know the address {0}.', uri.toString(true)));
      return;
    }
    try {
      await vscode.workspace.fs.stat(vscode.Uri.file(link.file));
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('The post {0} of this link is not there any more.', link.file));
      return;
    }
    const target = vscode.Uri.file(link.file);
    if (!this.inLibrary(target)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a post of your library: Kexue Reader opens only its posts from a link.', link.file));
      return;
    }
    await this.openAt(target, link.line);
  }
}
