// The one way our host code posts to a webview page. A panel can close while a render or a result is on
// its way: VS Code then throws ("Webview is disposed") or rejects the postMessage promise. Neither is an
// error of ours — there is no page left to tell — so the message is dropped quietly, never left as an
// unhandled rejection.
import type * as vscode from 'vscode';

/** Posts `message` (typed by the caller's protocol); resolves to whether the page was sent it. */
export function postSafely<Message>(webview: vscode.Webview, message: Message): Promise<boolean> {
  try {
    return Promise.resolve(webview.postMessage(message)).then(
      (delivered) => delivered,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}
