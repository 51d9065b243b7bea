// A post renamed or moved in VS Code (the Explorer, a refactoring, WorkspaceEdit.renameFile, its folder
// renamed) keeps its open preview: the same tab shows the file under its new name, where the reader had
// scrolled to. Without this the tab went on showing a file that no longer exists — a highlight made in
// it was looked up in the old file, and a click on one of its notes in the Notes view opened a second
// tab for the new name beside the stale one. A rename made outside VS Code (a terminal, a checkout)
// is seen only as a delete and a create: OutsideRenames pairs them and moves the preview the same way.
import * as vscode from 'vscode';
import { OutsideRenames, type PostFileEvents } from './outsideRenames';
import type { PostPreview } from './postPreview';

/** The new uri of `uri` after renaming `from` to `to` (a file, or a folder above it); undefined if untouched. */
export function renamedUri(uri: vscode.Uri, from: vscode.Uri, to: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme !== from.scheme || uri.authority !== from.authority) return undefined;
  if (uri.path === from.path) return to;
  const folder = from.path.endsWith('/') ? from.path : `${from.path}/`;
  return uri.path.startsWith(folder) ? to.with({ path: `${to.path.replace(/\/$/, '')}/${uri.path.slice(folder.length)}` }) : undefined;
}

export class PreviewRenames implements vscode.Disposable {
  /** The source line each preview's reader last had at the top. */
  private readonly places = new WeakMap<PostPreview, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    /** The previews open now. */
    previews: () => Iterable<PostPreview>,
    /** Shows the preview's post under its new uri, at `line`. */
    move: (preview: PostPreview, uri: vscode.Uri, line: number | undefined) => void,
    /** Post files deleted and created, as the library's watcher sees them (renames outside VS Code). */
    files: PostFileEvents,
  ) {
    const follow = (preview: PostPreview, uri: vscode.Uri): void => move(preview, uri, this.places.get(preview));
    this.subscriptions = [
      vscode.workspace.onDidRenameFiles((event) => {
        for (const preview of [...previews()]) {
          for (const { oldUri, newUri } of event.files) {
            const moved = renamedUri(preview.documentUri, oldUri, newUri);
            if (!moved) continue;
            follow(preview, moved);
            break;
          }
        }
      }),
      new OutsideRenames(previews, files, follow),
    ];
  }

  /** Follows a preview's scrolling, so a rename keeps the reader's place. */
  watch(preview: PostPreview): void {
    preview.onDidScroll(({ line }) => this.places.set(preview, line));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
