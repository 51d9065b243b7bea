// Search in the real extension host, on test/fixtures/search: the index builds in the background
// with the library (files cut into documents in a worker thread), follows a file as it changes, fills the Search Results view, and a hit opens the
// preview of its post.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, kexueApi } from '../kexueApi';

const root = (): vscode.Uri => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
};

describe('Search', () => {
  it('builds in the background and finds titles, text and numbered formulas', async () => {
    const api = await kexueApi();
    await api.library();
    await api.search.whenIdle();
    const hits = await api.search.search('伪逆');
    assert.equal(hits[0].kind, 'title');
    assert.equal(hits[0].title, '矩阵之路（一）：伪逆');
    const msign = await api.search.search('\\msign');
    assert.equal(msign[0].kind, 'math');
    assert.equal(msign[0].equation, '3');
    assert.equal(msign[0].line, 24);
    // A fresh workspace has no cache: its files were cut into documents by the worker thread
    // (dist/searchSpansWorker.js), not in the extension host's own thread.
    assert.ok(api.search.filesCutByWorker >= 3, `${api.search.filesCutByWorker} files cut by the worker`);
  });

  it('follows a file as it is created, edited and deleted', async () => {
    const api = await kexueApi();
    await api.search.whenIdle();
    const file = vscode.Uri.joinPath(root(), 'watched.md');
    const post = (body: string) => new TextEncoder().encode(`---\ntitle: 监视测试\ndate: 2024-03-01\n---\n\n# 监视测试\n\n${body}\n`);
    await vscode.workspace.fs.writeFile(file, post('这一段提到了勒让德多项式。'));
    await eventually('the new post to be searchable', async () => ((await api.search.search('勒让德多项式')).some((h) => h.file === file.fsPath) ? true : undefined), 20_000);
    await vscode.workspace.fs.writeFile(file, post('这一段改为切比雪夫多项式。'));
    await eventually('the edit to be searchable', async () => ((await api.search.search('切比雪夫')).some((h) => h.file === file.fsPath) ? true : undefined), 20_000);
    assert.ok(!(await api.search.search('勒让德')).some((h) => h.file === file.fsPath), 'the old text is gone');
    await vscode.workspace.fs.delete(file);
    await eventually('the deleted post to leave the index', async () => ((await api.search.search('切比雪夫')).length === 0 ? true : undefined), 20_000);
  });

  it('lists hits by post in the Search Results view, and a hit opens the preview at its line', async () => {
    const api = await kexueApi();
    await api.search.whenIdle();
    await vscode.commands.executeCommand('kexueReader.searchInView', '矩阵');
    const posts = api.searchResults.getChildren();
    assert.ok(posts.length >= 2, `${posts.length} posts listed`);
    const first = posts[0];
    assert.equal(first.kind, 'post');
    const hits = api.searchResults.getChildren(first);
    assert.ok(hits.length >= 1);
    const item = api.searchResults.getTreeItem(hits[0]);
    assert.equal(item.command?.command, 'kexueReader.openSearchHit');
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const hit = hits[0].kind === 'hit' ? hits[0].hit : undefined;
    assert.ok(hit);
    const preview = await eventually('the preview to open', () => api.previews.previewOf(vscode.Uri.file(hit.file)));
    assert.ok(preview);
  });
});

describe('Notation hover', () => {
  it('lists the definitions of a formula\'s symbols, the one in force at that line', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'notation.md'));
    // Line 16 (0-based 15): `$\hat{y}$` after its defining formula on line 13.
    const line = document.lineAt(15).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(15, line.indexOf('\\hat') + 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Notation/);
    // The formula's symbols with the definition in force here: \hat{y} from line 13, x_t from line 8
    // (its redefinition on line 18 comes later).
    assert.match(text, /`\\hat\{y\}` ×2 — .*boldsymbol.* _\(line 13\)_/);
    assert.match(text, /`x_t` ×4 — 其中.*表示.* _\(line 8\)_/);
  });
});

describe('Search over notes', () => {
  // The file watcher's event can take a while on a loaded machine (seen: over 20 s once in CI-style runs).
  it('finds a note as soon as it is written to the annotation store', async function () {
    this.timeout(180_000);
    const api = await kexueApi();
    await api.search.whenIdle();
    const extension = vscode.extensions.getExtension('kexue-reader.kexue-reader');
    assert.ok(extension);
    const post = vscode.Uri.joinPath(root(), 'plain.md').fsPath;
    // The workspace's file watcher starts a moment after the window does, and a file written before it
    // runs is never reported: wait until a probe written next to the notes is seen.
    await watcherRunning(path.join(root().fsPath, '.kexue'));
    // The notes feature's own writer (kexue notes add) files the note under .kexue/annotations.
    execFileSync(process.execPath, [path.join(extension.extensionPath, 'dist', 'cli.js'), 'notes', 'add', post, '--quote', '记忆框架', '--note', '与勒让德多项式有关的笔记']);
    const hit = await eventually('the note to be searchable', async () => (await api.search.search('勒让德多项式有关')).find((h) => h.kind === 'note'), 80_000);
    assert.equal(hit.file, post);
    assert.equal(hit.line, 15);
  });

  it('finds notes written into a notes folder made whole while the window is open, and the ones written after', async function () {
    this.timeout(180_000);
    const api = await kexueApi();
    const extension = vscode.extensions.getExtension('kexue-reader.kexue-reader');
    assert.ok(extension);
    const post = vscode.Uri.joinPath(root(), 'plain.md').fsPath;
    const cli = path.join(extension.extensionPath, 'dist', 'cli.js');
    // The library's notes folder goes, then comes back made and filled at once (a checkout, the CLI's
    // first note): the workspace's watcher reports the folder but nothing written inside it later.
    rmSync(path.join(root().fsPath, '.kexue'), { recursive: true, force: true });
    execFileSync(process.execPath, [cli, 'notes', 'add', post, '--quote', '记忆框架', '--note', '第一条关于切比雪夫的笔记']);
    await eventually('the first note to be searchable', async () => (await api.search.search('切比雪夫')).find((h) => h.kind === 'note'), 80_000);
    execFileSync(process.execPath, [cli, 'notes', 'add', post, '--quote', '记忆框架', '--note', '第二条关于拉盖尔的笔记']);
    await eventually('the second note, written into that folder later, to be searchable', async () => (await api.search.search('拉盖尔')).find((h) => h.kind === 'note'), 60_000);
  });
});

/** Resolves once the workspace's file watcher reports a file created in `folder` (written again until it does). */
async function watcherRunning(folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const probe = path.join(folder, 'watcher.probe');
  const watcher = vscode.workspace.createFileSystemWatcher('**/.kexue/watcher.probe');
  let seen = false;
  const events = [watcher.onDidCreate(() => (seen = true)), watcher.onDidChange(() => (seen = true))];
  try {
    await eventually('the file watcher to report a file', () => {
      writeFileSync(probe, String(Date.now()));
      return seen || undefined;
    }, 60_000);
  } finally {
    for (const event of events) event.dispose();
    watcher.dispose();
    rmSync(probe, { force: true });
  }
}
