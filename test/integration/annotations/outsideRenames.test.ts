// A post renamed or deleted outside VS Code (a terminal's `mv` or `git mv`, a checkout) while its preview
// is open (real extension host, a copy of test/fixtures/annotations; the files are changed with Node's
// fs, so VS Code sees only its watcher's delete and create, no onDidRenameFiles):
// - renamed: the same tab shows the post under its new name, where the reader had scrolled to;
// - moved with its folder (`mv notes archive`, reported as that folder's delete and create): followed too;
// - deleted for good: the tab keeps the last render and says, in the reader's words, that the file is
//   gone; the file put back, the notice goes and the post renders again.
// Every test leaves the workspace as it found it (readerNotes.test.ts and workbench.test.ts run after).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/preview';
import { eventually, kexueApi } from '../kexueApi';
import { postOfFile, recordedPreview, workspaceUri } from './workspacePosts';

const POST = '范数笔记.md';

describe('A post renamed or deleted outside VS Code', function () {
  this.timeout(240_000); // previews rendered on a shared 2-core machine

  it('renamed in a terminal: its open preview shows it under the new name, at the reader’s place', async () => {
    const api = await kexueApi();
    const from = workspaceUri(POST);
    const to = workspaceUri('范数笔记（终端改名）.md');
    const { tab, sent, stop } = await recordedPreview(from, { whole: true });
    try {
      // The reader scrolled to line 60 (what the page says when it is scrolled).
      await tab.handleMessage({ type: 'revealLine', line: 60 });
      renameSync(from.fsPath, to.fsPath);
      await eventually('the preview tracked under the new name', () => api.previews.previewOf(to) === tab, 30_000);
      assert.equal(api.previews.previewOf(from), undefined, 'no preview of a file that is gone');
      assert.equal(tab.documentUri.fsPath, to.fsPath);
      assert.ok(sent.some((m) => m.type === 'showPost' && m.uri === to.toString()), 'the page was told it shows the new file');
      const render = await eventually('the renamed post rendered', () => sent.find((m): m is Extract<HostToWebview, { type: 'render' }> => m.type === 'render'), 60_000);
      assert.equal(render.line, 60, 'shown where the reader was');
      assert.ok(!sent.some((m) => m.type === 'fileGone' && m.notice !== undefined), 'no “deleted” notice for a renamed post');
      // And back, the same way: the tab follows again.
      renameSync(to.fsPath, from.fsPath);
      await eventually('the preview back under the old name', () => api.previews.previewOf(from) === tab, 30_000);
    } finally {
      stop();
      if (existsSync(to.fsPath) && !existsSync(from.fsPath)) renameSync(to.fsPath, from.fsPath);
    }
  });

  it('moved with its folder: the preview follows it into the folder’s new name', async () => {
    const api = await kexueApi();
    const home = workspaceUri(POST);
    const before = workspaceUri('笔记', POST);
    const after = workspaceUri('归档', POST);
    mkdirSync(workspaceUri('笔记').fsPath);
    renameSync(home.fsPath, before.fsPath);
    try {
      const { tab, stop } = await recordedPreview(before, { whole: true });
      try {
        renameSync(workspaceUri('笔记').fsPath, workspaceUri('归档').fsPath);
        await eventually('the preview tracked in the renamed folder', () => api.previews.previewOf(after) === tab, 30_000);
        assert.equal(tab.documentUri.fsPath, after.fsPath);
      } finally {
        stop();
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const file of [before, after]) if (existsSync(file.fsPath)) renameSync(file.fsPath, home.fsPath);
      for (const folder of ['笔记', '归档']) rmSync(workspaceUri(folder).fsPath, { recursive: true, force: true });
      await postOfFile(home);
    }
  });

  it('deleted: the preview keeps the post and says it is gone; the file put back, the notice goes', async () => {
    const api = await kexueApi();
    const uri = workspaceUri(POST);
    const text = readFileSync(uri.fsPath);
    const { tab, sent, stop } = await recordedPreview(uri, { whole: true });
    const rendered = tab.lastResult;
    try {
      unlinkSync(uri.fsPath);
      const notice = await eventually('the notice sent', () => sent.find((m): m is Extract<HostToWebview, { type: 'fileGone' }> => m.type === 'fileGone' && m.notice !== undefined), 30_000);
      assert.match(notice.notice ?? '', /范数笔记\.md/, 'the notice names the file');
      assert.match(notice.notice ?? '', /deleted or moved|已被删除或移走/);
      // Nothing lost: the same tab, the same file, its last render; no render of a file that is gone.
      assert.equal(api.previews.previewOf(uri), tab);
      assert.equal(tab.lastResult, rendered);
      assert.ok(!sent.some((m) => m.type === 'render' || m.type === 'showPost'), 'the page keeps what it shows');
      let renders = 0;
      const counting = tab.onDidRender(() => renders++);
      writeFileSync(uri.fsPath, text);
      await eventually('the notice taken away', () => sent.some((m) => m.type === 'fileGone' && m.notice === undefined), 30_000);
      // (The same text renders to what the page shows: the render is not sent again, only made.)
      await eventually('the post rendered again', () => renders > 0, 60_000);
      counting.dispose();
    } finally {
      stop();
      if (!existsSync(uri.fsPath)) writeFileSync(uri.fsPath, text);
    }
  });
});
