// Notes in the real extension host, on a copy of test/fixtures/annotations: a note made from a
// selection is written to .kexue/annotations/, drawn as a comment thread, found again at its moved
// place when the threads are rebuilt from disk after an edit (what a window reload does), edited in
// its thread and seen in the Notes view, and exported as Markdown with its quote and `$…$` intact.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Annotation } from '../../../src/core/annotations/index';
import type { NoteComment } from '../../../src/notes/noteComments';
import type { NotesTreeNode } from '../../../src/notes/notesTree';
import { eventually, kexueApi } from '../kexueApi';
import { rangeOf, workspaceUri } from './workspacePosts';

const POST = '伪逆笔记.md';
const QUOTE = '只要初值选得足够小，它就会二次收敛到伪逆';

describe('Notes', () => {
  it('a note from a selection: stored, drawn as a thread, found again after an edit and a reload, exported', async function () {
    this.timeout(240_000); // one long scenario on a shared 2-core machine
    const api = await kexueApi();
    const uri = workspaceUri(POST);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const range = rangeOf(document, QUOTE);
    editor.selection = new vscode.Selection(range.start, range.end);

    const annotation = await vscode.commands.executeCommand<Annotation>('kexueReader.addNote', '收敛很快：误差 $x^2$');
    assert.ok(annotation?.id, 'Add Note returned the annotation');
    const file = workspaceUri('.kexue', 'annotations', 'archives-90003.json').fsPath;
    assert.ok(existsSync(file), `${file} written`);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { annotations: Annotation[] };
    assert.equal(stored.annotations[0].target.selector[0].exact, QUOTE);

    const thread = await eventually('the note thread', () => api.notes.comments.threadsOf(uri).find((t) => t.range?.isEqual(range)));
    const comment = thread.comments[0] as NoteComment;
    assert.equal(comment.saved, '收敛很快：误差 $x^2$');
    // Its formula drawn in the thread (an image, as the math hover draws it), its words as written.
    // (The thread shown now: the threads are drawn anew whenever the notes change.)
    const shownComment = (): NoteComment => {
      const shown = api.notes.comments.threadsOf(uri).find((t) => t.range?.isEqual(range))?.comments[0];
      assert.ok(shown, 'the note has a thread');
      return shown as NoteComment;
    };
    const body = (): string => {
      const shown = shownComment().body;
      return typeof shown === 'string' ? shown : shown.value;
    };
    await eventually('the note\'s formula drawn in its thread', () => /^收敛很快：误差 !\[\\\$x\^2\\\$\]\(data:image\/svg\+xml;base64,[^)]+\)$/.test(body()));
    // Edited, it is the text the reader wrote.
    const editing = shownComment();
    await vscode.commands.executeCommand('kexueReader.notes.editComment', editing);
    assert.equal(body(), '收敛很快：误差 $x^2$');
    await vscode.commands.executeCommand('kexueReader.notes.cancelComment', editing);
    await eventually('drawn again after the edit is cancelled', () => body().includes('data:image/svg+xml'));
    // Another theme: the formula is painted again in that theme's text colour.
    const drawn = body();
    const workbench = vscode.workspace.getConfiguration('workbench');
    const theme = workbench.inspect<string>('colorTheme')?.globalValue;
    const other = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark ? 'Default Light Modern' : 'Default Dark Modern';
    await workbench.update('colorTheme', other, vscode.ConfigurationTarget.Global);
    try {
      await eventually('the theme changed', () => vscode.window.activeColorTheme.kind !== (other.includes('Dark') ? vscode.ColorThemeKind.Light : vscode.ColorThemeKind.Dark) || undefined, 10_000);
      await eventually('the formula painted in the new theme', () => body() !== drawn && body().includes('data:image/svg+xml'));
    } finally {
      await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
    }

    // An edit above the note (the open document is what notes are anchored in); then every thread rebuilt from the files on disk.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(document.lineAt(14).lineNumber, 0), '这是编辑时新加的一段，位于笔记之前。\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await api.notes.comments.reload();
    const moved = rangeOf(document, QUOTE);
    assert.ok(!moved.isEqual(range), 'the quote moved down');
    const again = await eventually('the thread at the moved range', () => api.notes.comments.threadsOf(uri).find((t) => t.range?.isEqual(moved)));
    assert.equal(api.notes.comments.threadsOf(uri).length, 1);

    // Edited in its thread → the store and the Notes view show the new text.
    const note = again.comments[0] as NoteComment;
    await vscode.commands.executeCommand('kexueReader.notes.editComment', note);
    note.body = '改过的笔记 $x^2$';
    await vscode.commands.executeCommand('kexueReader.notes.saveComment', note);
    const series = await api.notes.tree.getChildren();
    assert.equal(series.length, 1, 'one series holds notes: 读书笔记');
    const posts = await api.notes.tree.getChildren(series[0]);
    assert.equal(posts.length, 1);
    const notes = (await api.notes.tree.getChildren(posts[0])) as Extract<NotesTreeNode, { kind: 'note' }>[];
    assert.equal(notes.length, 1);
    assert.equal(notes[0].entry.annotation.body[0].value, '改过的笔记 $x^2$');
    assert.equal(notes[0].entry.anchor.status, 'anchored', 'the moved selectors were written back with the edit');
    const item = api.notes.tree.getTreeItem(notes[0]);
    assert.match(String(item.description), /改过的笔记/);

    // Next Note selects it.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('kexueReader.nextNote');
    assert.ok(vscode.window.activeTextEditor?.selection.isEqual(moved));

    // Export: Markdown of this post, the quote as a block quote, the note's math as written, a link back.
    await vscode.window.showTextDocument(document);
    const markdown = await vscode.commands.executeCommand<string>('kexueReader.exportNotes', 'post');
    assert.ok(markdown.startsWith('# 读书笔记（三）：伪逆的几种求法'), markdown);
    assert.ok(markdown.includes(`> ${QUOTE}`));
    assert.ok(markdown.includes('改过的笔记 $x^2$'));
    assert.match(markdown, /\[伪逆笔记\.md:\d+\]\(/);
    await vscode.window.showTextDocument(document); // the export opened a new editor
    const w3c = JSON.parse(await vscode.commands.executeCommand<string>('kexueReader.exportNotesW3c', 'post')) as { type: string; total: number };
    assert.deepEqual([w3c.type, w3c.total], ['AnnotationCollection', 1]);
  });

  it("the editor's highlights follow edits: gone with their words, back with an undo, kept when the whole text is replaced", async function () {
    this.timeout(120_000);
    const api = await kexueApi();
    const uri = workspaceUri(POST);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const words = '极限形式便于理论推导';
    const added = await api.notes.service.add(document, rangeOf(document, words), { note: '', color: 'green' });
    const highlighted = (): boolean => api.notes.highlights.rangesOf(uri).some((r) => r.isEqual(rangeOf(document, words)));
    await eventually('the highlight drawn', highlighted);
    const drawn = api.notes.highlights.rangesOf(uri).length;
    try {
      const cut = new vscode.WorkspaceEdit();
      cut.delete(uri, rangeOf(document, words));
      assert.ok(await vscode.workspace.applyEdit(cut));
      await eventually('no highlight on words that are gone', () => api.notes.highlights.rangesOf(uri).length === drawn - 1, 10_000);
      assert.ok(api.notes.highlights.rangesOf(uri).every((r) => !r.isEmpty));
      await vscode.commands.executeCommand('undo');
      assert.ok(document.getText().includes(words), 'the undo brought the words back');
      await eventually('the highlight back on its words after the undo', highlighted, 10_000);
      // The whole text replaced (what a reload from disk after a checkout does): a paragraph now comes first.
      const whole = new vscode.WorkspaceEdit();
      const text = document.getText();
      const body = text.indexOf('这是一篇为测试而写的短文');
      whole.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), `${text.slice(0, body)}新加的一段，位于最前面。\n\n${text.slice(body)}`);
      assert.ok(await vscode.workspace.applyEdit(whole));
      await eventually('the highlight on its words in the replaced text', highlighted, 10_000);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await api.notes.service.remove(document, added.id); // the later suites count this post's notes
    }
  });

  it('the Notes view: a quote with a formula reads without its $ signs, and the tooltip draws the formulas of the quote and the note', async function () {
    this.timeout(120_000);
    const api = await kexueApi();
    const document = await vscode.workspace.openTextDocument(workspaceUri(POST));
    const words = '它的伪逆记为$A^+$，是满足';
    const added = await api.notes.service.add(document, rangeOf(document, words), { note: '即 $A^+AA^+ = A^+$，*不是*星号' });
    try {
      const node = await eventually('the note in the Notes view', async () => {
        for (const series of await api.notes.tree.getChildren())
          for (const post of await api.notes.tree.getChildren(series))
            for (const note of await api.notes.tree.getChildren(post)) if (note.kind === 'note' && note.entry.annotation.id === added.id) return note;
        return undefined;
      });
      const item = api.notes.tree.getTreeItem(node);
      assert.equal(item.label, '“它的伪逆记为A^+，是满足”');
      const resolved = await api.notes.tree.resolveTreeItem(item, node);
      const tooltip = resolved.tooltip as vscode.MarkdownString;
      assert.equal(tooltip.value.match(/\]\(data:image\/svg\+xml;base64,/g)?.length, 2, tooltip.value);
      assert.ok(!tooltip.value.replace(/!\[(?:\\.|[^\]\\])*\]/g, '').includes('$'), `no TeX but the images' alternative text: ${tooltip.value}`);
      assert.ok(tooltip.value.startsWith('它的伪逆记为![\\$A^\\+\\$](data:image/svg+xml;base64,'), tooltip.value);
      assert.match(tooltip.value, /\\\*不是\\\*星号/, "the note's words are text, not Markdown");
    } finally {
      await api.notes.service.remove(document, added.id);
    }
  });

  it('reading progress: Mark as Read shows in the Series view, Mark as Unread clears it', async function () {
    this.timeout(120_000);
    const api = await kexueApi();
    await api.library();
    const document = await vscode.workspace.openTextDocument(workspaceUri(POST));
    await vscode.window.showTextDocument(document);
    const postNode = async () => {
      const roots = await api.seriesTree.getChildren();
      for (const root of roots) {
        for (const child of await api.seriesTree.getChildren(root)) if (child.kind === 'post') return child;
      }
      return roots.find((r) => r.kind === 'post');
    };
    const node = await eventually('the post in the Series view', postNode);
    await vscode.commands.executeCommand('kexueReader.markAsRead', node);
    assert.match(String(api.seriesTree.getTreeItem(node).description), /read/);
    await vscode.commands.executeCommand('kexueReader.markAsUnread');
    assert.doesNotMatch(String(api.seriesTree.getTreeItem(node).description), /read/);
  });
});
