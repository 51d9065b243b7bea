// "Copy Link to Here": the address of a place in a post, `<scheme>://<extension id>/preview?file=…&line=…`
// (the editor's own scheme: `vscode`, `vscode-insiders`, `code-oss` …). VS Code hands such an address to
// the extension's UriHandler (src/preview/previewLinks.ts), which opens the post's preview at the line.

export const PREVIEW_LINK_PATH = '/preview';

export function previewLink(scheme: string, extensionId: string, file: string, line: number): string {
  return `${scheme}://${extensionId}${PREVIEW_LINK_PATH}?file=${encodeURIComponent(file)}&line=${line}`;
}

/** The file and 0-based line of a preview link (its path and query); undefined for any other address. */
export function parsePreviewLink(uri: { path: string; query: string }): { file: string; line: number } | undefined {
  if (uri.path !== PREVIEW_LINK_PATH) return undefined;
  const query = new URLSearchParams(uri.query);
  const file = query.get('file');
  const line = Number(query.get('line') ?? '0');
  if (!file || !Number.isInteger(line) || line < 0) return undefined;
  return { file, line };
}
