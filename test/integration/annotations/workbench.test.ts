// The notes workbench in the real extension host, on a copy of test/fixtures/annotations (two parts of
// the series 读书笔记 and one standalone post, all our own text): the Notes view's series → post → note
// levels with counts and the filter at every level; a pinned definition edited, recoloured and its
// neighbour deleted from the Notes view, its `describing` body kept on disk; a click on a note opening
// the preview at the note's line; reading progress saved as the preview scrolls, restored when the
// post's preview opens (also after an edit above the place), Continue Reading, and "read" at the end.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Annotation } from '../../../src/core/annotations/index';
import type { SeriesTreeNode } from '../../../src/library/seriesTree';
import type { NotesTreeNode } from '../../../src/notes/notesTree';
import type { PostPreview } from '../../../src/preview/postPreview';
import type { KexueReaderApi } from '../../../src/extension';
import { eventually, kexueApi } from '../kexueApi';
import { postOfFile, rangeOf, record, workspaceUri } from './workspacePosts';

const PINV = '伪逆笔记.md';
const NORMS = '范数笔记.md';
const ESSAY = '独立随笔.md';

type SeriesNode = Extract<NotesTreeNode, { kind: 'series' }>;
type PostNode = Extract<NotesTreeNode, { kind: 'post' }>;
type NoteNode = Extract<NotesTreeNode, { kind: 'note' }>;

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** The Notes view as the reader sees it: [series label, [post title, [note quotes]]]. */
async function notesView(): Promise<{ roots: SeriesNode[]; shape: [string, [string, string[]][]][] }> {
  const tree = (await kexueApi()).notes.tree;
  const roots = (await tree.getChildren()) as SeriesNode[];
  const shape: [string, [string, string[]][]][] = [];
  for (const root of roots) {
    const posts = (await tree.getChildren(root)) as PostNode[];
    const rows: [string, string[]][] = [];
    for (const post of posts) rows.push([labelOf(tree.getTreeItem(post)), ((await tree.getChildren(post)) as NoteNode[]).map((n) => n.entry.anchor.exact)]);
    shape.push([labelOf(tree.getTreeItem(root)), rows]);
  }
  return { roots, shape };
}

async function noteNode(quote: string): Promise<NoteNode> {
  const tree = (await kexueApi()).notes.tree;
  for (const root of await tree.getChildren()) {
    for (const post of await tree.getChildren(root)) {
      const hit = ((await tree.getChildren(post)) as NoteNode[]).find((n) => n.entry.anchor.exact === quote);
      if (hit) return hit;
    }
  }
  assert.fail(`no note on “${quote}” in the Notes view`);
}

describe('Notes workbench', function () {
  this.timeout(360_000); // several previews rendered on a shared 2-core machine

  it('Notes view: series → post → note with counts, filtered at every level; a pin edited and recoloured keeps its describing body', async () => {
    const api = await kexueApi();
    await api.library();
    const pinv = await vscode.workspace.openTextDocument(workspaceUri(PINV));
    const norms = await vscode.workspace.openTextDocument(workspaceUri(NORMS));
    const essay = await vscode.workspace.openTextDocument(workspaceUri(ESSAY));
    await api.notes.service.add(pinv, rangeOf(pinv, '伪逆可以看作带正则项的最小二乘解'), { note: '极限的看法', color: 'green', tags: ['极限'] });
    await api.notes.service.add(norms, rangeOf(norms, '第6节第2段'), { note: '第六节 $x^2$', color: 'blue' });
    await api.notes.service.add(essay, rangeOf(essay, '好的记号让推导一目了然'), { note: '同意' });
    const pinAt = rangeOf(pinv, '$A^+$');
    const pin = await vscode.commands.executeCommand<Annotation>('kexueReader.pinDefinition', {
      uri: pinv.uri,
      tex: 'A^+',
      definition: '伪逆',
      start: pinv.offsetAt(pinAt.start) + 1,
      end: pinv.offsetAt(pinAt.end) - 1,
    });
    assert.equal(pin?.motivation, 'describing', 'Pin Definition wrote through the notes service');

    let view = await notesView();
    const labels = view.shape.map(([series]) => series);
    assert.deepEqual(labels, ['读书笔记', 'Standalone'], 'the series first, posts of no series last');
    const [series, standalone] = view.shape;
    assert.deepEqual(
      series[1].map(([title]) => title),
      ['读书笔记（三）：伪逆的几种求法', '读书笔记（四）：矩阵范数的几种估计'],
      'the parts in reading order',
    );
    assert.ok(series[1][0][1].includes('A^+') && series[1][0][1].includes('伪逆可以看作带正则项的最小二乘解'), JSON.stringify(series[1][0]));
    assert.deepEqual(series[1][1][1], ['第6节第2段']);
    assert.deepEqual(standalone[1], [['关于记号的一点随笔', ['好的记号让推导一目了然']]]);
    const seriesItem = api.notes.tree.getTreeItem(view.roots[0]);
    const notesInSeries = series[1].reduce((sum, [, notes]) => sum + notes.length, 0);
    assert.equal(seriesItem.description, `${notesInSeries} notes · 2 posts`);
    assert.equal(api.notes.tree.getTreeItem(view.roots[1]).description, '1 note · 1 post');

    // Export Notes of one series: its parts in reading order under the series' name, nothing else.
    const exported = await vscode.commands.executeCommand<string>('kexueReader.exportNotes', { series: '读书笔记' });
    assert.ok(exported.startsWith('# 读书笔记'), exported.slice(0, 80));
    const third = exported.indexOf('读书笔记（三）：伪逆的几种求法');
    const fourth = exported.indexOf('读书笔记（四）：矩阵范数的几种估计');
    assert.ok(third > 0 && fourth > third, 'the series\' parts in reading order');
    assert.ok(exported.includes('第六节 $x^2$') && !exported.includes('好的记号让推导一目了然'), 'the series\' notes only, math as written');

    // The filter reaches every level: a series or post shows only with a note that passes.
    api.notes.tree.setFilter('color:blue');
    assert.deepEqual((await notesView()).shape, [['读书笔记', [['读书笔记（四）：矩阵范数的几种估计', ['第6节第2段']]]]]);
    api.notes.tree.setFilter('tag:极限');
    assert.deepEqual((await notesView()).shape, [['读书笔记', [['读书笔记（三）：伪逆的几种求法', ['伪逆可以看作带正则项的最小二乘解']]]]]);
    api.notes.tree.setFilter('推导');
    assert.deepEqual((await notesView()).shape, [['Standalone', [['关于记号的一点随笔', ['好的记号让推导一目了然']]]]]);
    api.notes.tree.setFilter('A^+ 伪逆'); // a pin is found by its definition
    view = await notesView();
    assert.deepEqual(view.shape, [['读书笔记', [['读书笔记（三）：伪逆的几种求法', ['A^+']]]]]);
    const postItem = api.notes.tree.getTreeItem((await api.notes.tree.getChildren(view.roots[0]))[0]);
    assert.match(String(postItem.description), /^1 of \d+$/, 'a filtered post says how many of its notes show');
    api.notes.tree.setFilter('');

    // The pin from the Notes view: recoloured, its definition corrected, a neighbour deleted.
    const pinNode = await noteNode('A^+');
    assert.match(String(api.notes.tree.getTreeItem(pinNode).description), /pinned · \$A\^\+\$: 伪逆/);
    assert.equal(await vscode.commands.executeCommand('kexueReader.notes.recolor', pinNode, 'pink'), true);
    assert.equal(await vscode.commands.executeCommand('kexueReader.notes.edit', await noteNode('A^+'), '$A^+$: 广义逆'), true);
    assert.equal(await vscode.commands.executeCommand('kexueReader.notes.delete', await noteNode('伪逆可以看作带正则项的最小二乘解'), true), true);
    const stored = JSON.parse(readFileSync(workspaceUri('.kexue', 'annotations', 'archives-90003.json').fsPath, 'utf8')) as { annotations: Annotation[] };
    const kept = stored.annotations.find((a) => a.id === pin.id);
    assert.ok(kept, 'the pin is still stored');
    assert.deepEqual([kept.motivation, kept.color, kept.body.map((b) => `${b.purpose}:${b.value}`)], ['describing', 'pink', ['describing:$A^+$: 广义逆']]);
    assert.ok(!stored.annotations.some((a) => a.target.selector[0].exact === '伪逆可以看作带正则项的最小二乘解'), 'the deleted note is gone');
  });

  it('a click on a note opens the preview with its line at the top; Open Source at Note selects it in the editor', async () => {
    const api = await kexueApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', await postOfFile(workspaceUri(ESSAY)));
    const tab = await painted(api, workspaceUri(ESSAY), 'the essay painted');
    const node = await noteNode('第6节第2段');
    const norms = await vscode.workspace.openTextDocument(workspaceUri(NORMS));
    const line = norms.positionAt(node.entry.anchor.start).line;
    assert.ok(line > 50, `the note is far down the post (line ${line})`);

    const { sent, stop } = record(tab);
    try {
      await vscode.commands.executeCommand('kexueReader.notes.reveal', node);
      assert.equal(api.previews.previewOf(norms.uri), tab, 'the preview tab that follows the library shows the note\'s post');
      await eventually(`a render of ${NORMS} at line ${line}`, () => sent.find((m) => m.type === 'render' && m.line === line), 60_000);
      await eventually('the post painted', () => tab.showPaintMs, 60_000);
      // Clicked again while its preview is open: scrolled there.
      sent.length = 0;
      await vscode.commands.executeCommand('kexueReader.notes.reveal', node);
      assert.ok(sent.some((m) => m.type === 'scrollToLine' && m.line === line), JSON.stringify(sent.map((m) => m.type)));
    } finally {
      stop();
    }

    await vscode.commands.executeCommand('kexueReader.notes.openSource', node);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, norms.uri.fsPath);
    assert.ok(editor.selection.isEqual(rangeOf(norms, '第6节第2段')));
  });

  it('reading progress: saved as the preview scrolls, restored when the post opens (also after an edit), Continue Reading, read at the end', async () => {
    const api = await kexueApi();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const post = await postOfFile(workspaceUri(NORMS));
    const uri = workspaceUri(NORMS);
    const norms = await vscode.workspace.openTextDocument(uri);
    const place = rangeOf(norms, '第5节第1段').start.line;

    await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', post);
    const preview = await painted(api, uri, 'the post painted');
    // The page reports the line at its top as the reader scrolls (what scroll sync sends the editor).
    await preview.handleMessage({ type: 'revealLine', line: place });
    await eventually(`the place saved at line ${place}`, () => (api.reading.lineOf(post, uri) === place ? true : undefined));
    await api.reading.settled();
    assert.equal(api.reading.stateOf(post), 'reading');
    assert.equal(api.previews.sourceOf(post)?.line, place, 'the post opens from the library at the saved place');

    // Opened again from the library, into the preview tab that shows another post: rendered at the place.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', await postOfFile(workspaceUri(ESSAY)));
    const tab = await painted(api, workspaceUri(ESSAY), 'the essay painted');
    const { sent, stop } = record(tab);
    try {
      await vscode.commands.executeCommand('kexueReader.openPreview', post);
      await eventually(`a render at line ${place}`, () => sent.find((m) => m.type === 'render' && m.line === place), 60_000);

      // Continue Reading: the last post read, at its place.
      sent.length = 0;
      await vscode.commands.executeCommand('kexueReader.continueReading');
      assert.ok(sent.some((m) => m.type === 'scrollToLine' && m.line === place), JSON.stringify(sent.map((m) => m.type)));

      // The reader reaches the end of the post in the preview: read, in the Series view too.
      await tab.handleMessage({ type: 'revealLine', line: norms.lineCount - 10, atEnd: true });
      await eventually('the post read', () => (api.reading.stateOf(post) === 'read' ? true : undefined));
      const node: SeriesTreeNode = { kind: 'post', post, inSeries: true };
      assert.match(String(api.seriesTree.getTreeItem(node).description), /· read$/);
      await api.reading.settled();
    } finally {
      stop();
    }

    // The place is words, not a line number: two paragraphs inserted above it, it is found below them.
    await api.reading.savePlace({ uri, line: place, atEnd: false });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(14, 0), '编辑时新加的一段。\n\n又一段。\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(api.previews.sourceOf(post)?.line, place + 4);
    assert.equal(api.reading.stateOf(post), 'read', 'a read post stays read as its place moves');
  });
});

/**
 * The preview of `uri` once its page has painted. Not the panel the command returned: a page that
 * never loads is opened again in a new panel (PageLoadWatchdog), as seen right after closing all editors.
 */
async function painted(api: KexueReaderApi, uri: vscode.Uri, what: string): Promise<PostPreview> {
  return eventually(what, () => {
    const preview = api.previews.previewOf(uri);
    return preview?.firstPaintMs !== undefined ? preview : undefined;
  }, 60_000);
}
