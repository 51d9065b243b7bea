// Opens the preview at the place a "Copy Link to Here" address names (core/annotations/previewLink.ts),
// from a chat, a notes file or another program: VS Code hands such addresses to this UriHandler.
import * as vscode from 'vscode';
import { parsePreviewLink } from '../core/annotations/previewLink';

export class PreviewLinkHandler implements vscode.UriHandler {
  constructor(private readonly openAt: (uri: vscode.Uri, line: number) => Promise<void>) {}

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
    await this.openAt(vscode.Uri.file(link.file), link.line);
  }
}
