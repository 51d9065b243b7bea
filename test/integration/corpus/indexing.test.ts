// Bad input and incremental re-indexing, in the real extension host. Files are written into the
// workspace copy the runner made, never into ../shared/corpus.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually, kexueApi } from '../kexueApi';
import { englishText } from '../../../src/core/l10n/localizable';

const root = (): vscode.Uri => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
};

describe('Indexing', () => {
  it('finishes on bad files, lists every good post and logs each bad file once', async () => {
    const api = await kexueApi();
    const before = (await api.library()).posts.length;
    // Counted before the files exist: the file watcher may report them before the refresh does.
    const reported = api.problemLog.reportedCount();
    const bad = vscode.Uri.joinPath(root(), 'bad');
    await vscode.workspace.fs.createDirectory(bad);
    // Each written under a name no post has, then renamed: the file watcher must not read a file half
    // written (a 50 MB file caught at 20 MB is another problem message, reported after the count below).
    const place = async (name: string, bytes: Uint8Array): Promise<void> => {
      const part = vscode.Uri.joinPath(bad, `${name}.part`);
      await vscode.workspace.fs.writeFile(part, bytes);
      await vscode.workspace.fs.rename(part, vscode.Uri.joinPath(bad, name));
    };
    await place('binary.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
    await place('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]));
    await place('empty.md', new Uint8Array(0));
    await place('huge.txt', new Uint8Array(50 * 1024 * 1024).fill(0x61));
    // A FIFO named like a post: reading it would wait for a writer forever (the refresh never ended).
    assert.equal(spawnSync('mkfifo', [vscode.Uri.joinPath(bad, 'fifo.md').fsPath]).status, 0, 'mkfifo');
    const posts = await vscode.commands.executeCommand<number>('kexueReader.refresh');
    assert.equal(posts, before, 'bad files add no posts and lose none');
    const library = await api.library();
    const problemFiles = library.problems.map((p) => p.file.replace(/\\/g, '/'));
    const fifo = library.problems.find((p) => p.file.replace(/\\/g, '/').endsWith('bad/fifo.md'));
    // File search may not list a FIFO at all; when it does, it is a problem, never a read.
    if (fifo) assert.match(englishText(fifo.words), /FIFO|regular/);
    for (const name of ['binary.md', 'latin1.txt', 'empty.md', 'huge.txt']) {
      assert.ok(problemFiles.some((f) => f.endsWith(`bad/${name}`)), `${name} reported as a problem`);
    }
    assert.ok(api.problemLog.reportedCount() >= reported + 4);
    await vscode.commands.executeCommand('kexueReader.refresh');
    // Once each, whoever saw it first (a refresh or the file watcher, whose events for the files just
    // made may come after the first refresh: the FIFO is listed by one and not always by the other).
    const reports = api.problemLog.reportedProblems().filter((p) => p.file.replace(/\\/g, '/').includes('/bad/'));
    const files = reports.map((p) => p.file);
    assert.equal(new Set(files).size, files.length, `each bad file is reported once, not at every refresh: ${reports.map((p) => `${p.file}: ${p.message}`).join(' | ')}`);
    await vscode.workspace.fs.delete(bad, { recursive: true });
  });

  it('re-indexes a new, changed and deleted post file through the file watcher', async () => {
    const api = await kexueApi();
    await api.library();
    const file = vscode.Uri.joinPath(root(), 'posts', 'watcher-test.md');
    const post = (title: string): Uint8Array =>
      new TextEncoder().encode(`---\ntitle: ${title}\ndate: 2024-07-01\ntags: test\n---\n\n# ${title}\n\nA post written by the watcher test, with $x^2$ in it.\n`);
    await vscode.workspace.fs.writeFile(file, post('重温SSM(五):监视器测试'));
    await eventually('the new post to be listed as part 5', async () =>
      api.seriesTree
        .getChildren()
        .then((roots) => roots.find((n) => n.kind === 'series' && n.series.name === '重温SSM'))
        .then((n) => (n && n.kind === 'series' && n.series.parts.some((p) => p.part === 5) ? true : undefined)),
    );
    await vscode.workspace.fs.writeFile(file, post('一篇独立的监视器测试'));
    await eventually('the renamed post to become standalone', () =>
      api.library().then((l) => (l.posts.some((p) => p.title === '一篇独立的监视器测试' && p.series === null) ? true : undefined)),
    );
    await vscode.workspace.fs.delete(file);
    await eventually('the deleted post to disappear', () =>
      api.library().then((l) => (l.posts.some((p) => p.title === '一篇独立的监视器测试') ? undefined : true)),
    );
  });

  it('lists the posts of a folder that arrives whole (a git pull, a scrape) and drops them when it goes', async () => {
    const api = await kexueApi();
    const folder = path.join(root().fsPath, 'pulled', 'part-two');
    // Made and filled at once, outside VS Code, as git does: the watcher may see the folder but not its files.
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.md'), '---\ntitle: 整个文件夹到达的文章\ndate: 2024-08-01\n---\n\n# 整个文件夹到达的文章\n\n正文 $x$。\n');
    const listed = () => api.library().then((l) => l.posts.some((p) => p.title === '整个文件夹到达的文章'));
    await eventually('the post of the new folder to be listed', async () => ((await listed()) ? true : undefined));
    rmSync(path.join(root().fsPath, 'pulled'), { recursive: true, force: true });
    await eventually('the posts of the removed folder to go', async () => ((await listed()) ? undefined : true));
  });
});
