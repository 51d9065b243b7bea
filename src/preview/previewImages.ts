// The images beside a post (`![图](figs/a.png)`) in the preview: the rendered HTML names them by their
// address relative to the post only (core/render/localImages.ts); here each gets the webview's address
// of that file, which the page may load because the post's root (postRoot) is one of its resource roots.
import * as vscode from 'vscode';
import type { HostToWebview } from '../core/protocol/preview';
import { resolveLocalImages } from '../core/render/localImages';
import { isInside, postRoot } from './previewWebviewOptions';

/** `html` with its local images' `src` set to the webview's addresses of the files, inside the post's root (postRoot). */
export function withLocalImages(html: string, webview: vscode.Webview, post: vscode.Uri): string {
  const folder = vscode.Uri.joinPath(post, '..');
  const root = postRoot(post);
  return resolveLocalImages(
    html,
    (path) => {
      const file = vscode.Uri.joinPath(folder, path);
      return isInside(root, file) ? webview.asWebviewUri(file).toString() : undefined;
    },
    (address) => vscode.l10n.t('{0}: not an image file inside the workspace', address),
  );
}

/** A message to the page with the local images of its HTML resolved (`shown`: the post a render is of). */
export function messageWithLocalImages(message: HostToWebview, webview: vscode.Webview, shown: vscode.Uri): HostToWebview {
  switch (message.type) {
    case 'render':
    case 'renderPart':
      return { ...message, html: withLocalImages(message.html, webview, shown) };
    case 'preload':
      return { ...message, body: { ...message.body, html: withLocalImages(message.body.html, webview, vscode.Uri.parse(message.uri, true)) } };
    default:
      return message;
  }
}
