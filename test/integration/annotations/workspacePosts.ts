// What the notes suites share: the copied fixture workspace's files, its posts in the library, a
// range of words in a document, and a preview whose messages to its page are recorded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Post } from '../../../src/core/library/model';
import type { HostToWebview } from '../../../src/core/protocol/preview';
import type { PostPreview } from '../../../src/preview/postPreview';
import { eventually, kexueApi } from '../kexueApi';

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${document.uri.fsPath}`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/** The post of a file (waited for: a file just written is listed once the watcher has read it). */
export async function postOfFile(uri: vscode.Uri): Promise<Post> {
  const api = await kexueApi();
  return eventually(`${uri.fsPath} a post of the library`, async () => (await api.library()).posts.find((p) => p.sources.some((s) => s.kind === 'post' && s.file === uri.fsPath)));
}

/** Records what the host sends a preview's page until `stop`. */
export function record(preview: PostPreview): { sent: HostToWebview[]; stop: () => void } {
  const sent: HostToWebview[] = [];
  const original = preview.post.bind(preview);
  preview.post = (message) => {
    sent.push(message);
    original(message);
  };
  return { sent, stop: () => (preview.post = original) };
}

/**
 * The post's preview alone in the window, painted, with what the host sends its page from now on.
 * `whole`: wait until the whole post is on the page, not only its first screens.
 */
export async function recordedPreview(uri: vscode.Uri, options: { whole?: boolean } = {}): Promise<{ tab: PostPreview; sent: HostToWebview[]; stop: () => void }> {
  const api = await kexueApi();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('kexueReader.openPreview', await postOfFile(uri));
  const tab = await eventually('the post painted', () => {
    const preview = api.previews.previewOf(uri);
    return preview?.firstPaintMs !== undefined ? preview : undefined;
  }, 60_000);
  if (options.whole) await eventually('the whole post rendered', () => tab.lastResult, 60_000);
  return { tab, ...record(tab) };
}
