// "Copy Link to Here": a `vscode://<extension id>/preview?file=…&line=…` address (the editor's own
// scheme: `vscode`, `vscode-insiders`, `code-oss` …) that opens the post's preview scrolled to that
// source line, from a chat, a notes file or another program. VS Code hands such addresses to the
// extension's UriHandler below.
import * as vscode from 'vscode';

export const PREVIEW_LINK_PATH = '/preview';

export function previewLink(scheme: string, extensionId: string, file: string, line: number): string {
  return `${scheme}://${extensionId}${PREVIEW_LINK_PATH}?file=${encodeURIComponent(file)}&line=${line}`;
}

/** The file and 0-based line of a preview link; undefined for any other address. */
export function parsePreviewLink(uri: vscode.Uri): { file: string; line: number } | undefined {
  if (uri.path !== PREVIEW_LINK_PATH) return undefined;
  const query = new URLSearchParams(uri.query);
  const file = query.get('file');
  const line = Number(query.get('line') ?? '0');
  if (!file || !Number.isInteger(line) || line < 0) return undefined;
  return { file, line };
}

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
