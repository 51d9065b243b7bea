// Runs in the real extension host on a workspace holding a copy of ../shared/corpus.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LibraryIndex } from '../../../src/library/libraryIndex';
import { ProblemLog } from '../../../src/library/problemLog';
import { SeriesTreeProvider, type SeriesTreeNode } from '../../../src/library/seriesTree';
import { eventually, kexueApi, label, treeChildren } from '../kexueApi';

describe('Series tree on the real corpus', () => {
  it('lists series first, then standalone posts by year with the unknown year last', async () => {
    const api = await kexueApi();
    const roots = await treeChildren(api);
    const kinds = roots.map((n) => n.kind);
    const firstYear = kinds.indexOf('year');
    assert.ok(firstYear > 0, 'there are series and year groups');
    assert.ok(kinds.slice(0, firstYear).every((k) => k === 'series'), 'series come first');
    assert.ok(kinds.slice(firstYear).every((k) => k === 'year'), 'then years');
    const years = roots.filter((n): n is Extract<SeriesTreeNode, { kind: 'year' }> => n.kind === 'year').map((n) => n.year);
    assert.equal(years.at(-1), null, 'unknown year is the last group');
    const known = years.filter((y): y is number => y !== null);
    assert.deepEqual(known, [...known].sort((a, b) => b - a), 'known years newest first');
    const names = roots.filter((n) => n.kind === 'series').map((n) => label(api, n));
    for (const expected of ['重温SSM', '生成扩散模型漫谈', 'Transformer升级之路', '低秩近似之路']) {
      assert.ok(names.includes(expected), `series ${expected} in ${names.join(', ')}`);
    }
  });

  it('shows 重温SSM parts 1–4 in order with their dates', async () => {
    const api = await kexueApi();
    const ssm = (await treeChildren(api)).find((n) => n.kind === 'series' && n.series.name === '重温SSM');
    assert.ok(ssm);
    const item = api.seriesTree.getTreeItem(ssm);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.match(String(item.description), /4/);
    assert.match(String(item.description), /2024/);
    const parts = await treeChildren(api, ssm);
    assert.deepEqual(
      parts.map((p) => (p.kind === 'post' ? p.post.part : -1)),
      [1, 2, 3, 4],
    );
    const first = api.seriesTree.getTreeItem(parts[0]);
    assert.equal(first.label, '1. 线性系统和HiPPO矩阵');
    // Other suites may have opened the post: its reading state (" · in progress") may follow the date.
    assert.match(String(first.description), /^2024-05-24(?: · (?:in progress|read))?$/);
    assert.equal(first.command?.command, 'kexueReader.openPreview');
  });

  it('marks the inferred part 11 of 生成扩散模型漫谈 and gives the evidence in the tooltip', async () => {
    const api = await kexueApi();
    const diffusion = (await treeChildren(api)).find((n) => n.kind === 'series' && n.series.name === '生成扩散模型漫谈');
    assert.ok(diffusion);
    const parts = await treeChildren(api, diffusion);
    const eleven = parts.find((p) => p.kind === 'post' && p.post.part === 11);
    assert.ok(eleven && eleven.kind === 'post');
    assert.equal(eleven.post.titleInferred, true);
    const item = api.seriesTree.getTreeItem(eleven);
    assert.match(typeof item.label === 'string' ? item.label : (item.label?.label ?? ''), /\(inferred\)/);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /生成扩散模型漫谈\\\(十\\\)/, 'the cited previous part is the evidence');
    // Its year is not fixed by the evidence: shown as unknown, never guessed.
    assert.match(String(item.description), /year unknown/);
  });

  it('Open Source opens the post file at its line', async () => {
    const api = await kexueApi();
    const library = await api.library();
    const post = library.posts.find((p) => p.title?.startsWith('重温SSM(三)') || p.title?.startsWith('重温SSM（三）'));
    assert.ok(post, 'part 3 of 重温SSM is in the library');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('kexueReader.openSource', post);
    assert.ok(editor);
    assert.equal(editor.document.uri.fsPath, post.sources[0].file);
    assert.equal(editor.selection.active.line, post.sources[0].line - 1);
    const digestOnly = library.posts.find((p) => p.sources.every((s) => s.file.endsWith('.txt')) && p.sources[0].line > 1);
    assert.ok(digestOnly);
    const digestEditor = await vscode.commands.executeCommand<vscode.TextEditor>('kexueReader.openSource', { kind: 'post', post: digestOnly, inSeries: false });
    assert.equal(digestEditor.selection.active.line, digestOnly.sources[0].line - 1);
  });

  it('Copy Title puts the title on the clipboard', async () => {
    const api = await kexueApi();
    const post = (await api.library()).posts.find((p) => p.title !== null && !p.titleInferred);
    assert.ok(post);
    const copied = await vscode.commands.executeCommand<string>('kexueReader.copyTitle', post);
    assert.equal(copied, post.title);
    assert.equal(await vscode.env.clipboard.readText(), post.title);
  });
});

describe('Series tree: a change redraws only the rows that changed', () => {
  // A provider of its own over a LibraryIndex of its own (the workspace copy), so that the events seen
  // are this provider's. Redrawing the root replaces every row, and a click landing on a row as it is
  // replaced runs nothing: an edit must redraw its own row, a new post its group.
  const folder = (): string => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'a workspace folder is open');
    return path.join(first.uri.fsPath, 'posts');
  };
  const post = (title: string, date: string): string => `---\ntitle: ${title}\ndate: ${date}\n---\n\n# ${title}\n\nA post of the rows test.\n`;
  const log = new ProblemLog();
  const index = new LibraryIndex(log);
  const tree = new SeriesTreeProvider(index);
  const events: (readonly SeriesTreeNode[] | 'root')[] = [];
  const subscription = tree.onDidChangeTreeData((e) => events.push(e === undefined ? 'root' : Array.isArray(e) ? e : [e]));

  after(() => {
    subscription.dispose();
    tree.dispose();
    index.dispose();
    log.dispose();
    for (const name of ['rows-test-a.md', 'rows-test-b.md']) rmSync(path.join(folder(), name), { force: true });
  });

  /** Asks for every row as the view would (roots, their children, each item). */
  async function showAll(): Promise<SeriesTreeNode[]> {
    const shown: SeriesTreeNode[] = [];
    for (const group of await tree.getChildren()) {
      tree.getTreeItem(group);
      shown.push(group);
      for (const child of await tree.getChildren(group)) {
        tree.getTreeItem(child);
        shown.push(child);
      }
    }
    return shown;
  }

  async function nextEvent(what: string): Promise<readonly SeriesTreeNode[] | 'root'> {
    const seen = events.length;
    return eventually(what, () => events[seen]);
  }

  it('an edit or the reading state redraws the post\'s row, a new post its group, never the whole view', async () => {
    await index.ensureIndexed();
    await showAll();
    const added = nextEvent('the new post');
    writeFileSync(path.join(folder(), 'rows-test-a.md'), post('Rows test A', '2024-08-01'));
    await added; // its year group, or the root when the corpus has no standalone post of 2024
    const shown = await showAll();
    const row = shown.find((n) => n.kind === 'post' && n.post.title === 'Rows test A');
    assert.ok(row, 'the new post is shown');

    const edited = nextEvent('the edit');
    writeFileSync(path.join(folder(), 'rows-test-a.md'), post('Rows test A', '2024-08-02'));
    const rows = await edited;
    assert.ok(rows !== 'root', 'not the whole view');
    assert.equal(rows.length, 1);
    assert.equal(rows[0], row, 'the very node VS Code was given (it refreshes no other)');
    assert.match(String(tree.getTreeItem(row).description), /^2024-08-02/);

    // The reader finishes it: the reading state redraws that row alone.
    const reading = new vscode.EventEmitter<void>();
    const finished = new Set<string>();
    tree.setReadState({ stateOf: (p) => (finished.has(p.id) ? 'read' : 'unread'), onDidChange: reading.event });
    await showAll();
    const read = nextEvent('the reading state');
    assert.ok(row.kind === 'post');
    finished.add(row.post.id);
    reading.fire();
    const readRows = await read;
    reading.dispose();
    assert.ok(readRows !== 'root', 'not the whole view');
    assert.deepEqual(readRows, [row]);
    assert.match(String(tree.getTreeItem(row).description), /· read$/);

    const second = nextEvent('a second post in the same year');
    writeFileSync(path.join(folder(), 'rows-test-b.md'), post('Rows test B', '2024-08-03'));
    const groups = await second;
    assert.ok(groups !== 'root', 'not the whole view');
    assert.deepEqual(groups.map((n) => n.kind), ['year']);
    assert.ok(shown.includes(groups[0]), 'the year group VS Code was given');
    assert.ok((await tree.getChildren(groups[0])).some((n) => n.kind === 'post' && n.post.title === 'Rows test B'));
  });
});
