// What a reader met walking through the notes (real extension host, a copy of test/fixtures/annotations;
// every test leaves the workspace as it found it, for workbench.test.ts after it):
// - a notes file that does not parse: the preview says so above the post (instead of showing the post
//   as if it had no notes), adding is refused in the reader's words naming the file, the file untouched;
// - tags typed in one box from the Notes view (Edit Tags…), found by `tag:` and shown on the thread,
//   whose label names the colour as the UI does ("Yellow", not the stored id "yellow");
// - a post renamed in VS Code: its open preview follows it instead of showing a file that is gone;
// - notes that arrive in a notes folder that did not exist (a git checkout, the CLI's first note) show
//   without a window reload;
// - a note whose words are deleted in the editor loses its comment thread (it is an orphan now, as the
//   Notes view says), and gets it back when the words are restored.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createAnnotation, postIdentity, serializeAnnotationFile } from '../../../src/core/annotations/index';
import type { HostToWebview } from '../../../src/core/protocol/preview';
import type { NoteComment } from '../../../src/notes/noteComments';
import type { NotesTreeNode } from '../../../src/notes/notesTree';
import { eventually, kexueApi } from '../kexueApi';
import { rangeOf, recordedPreview, workspaceUri } from './workspacePosts';

const ESSAY = '独立随笔.md';
const QUOTE = '好的记号让推导一目了然';

/** The essay's notes file (named by its blog address, archives/90010). */
const notesFile = (): string => workspaceUri('.kexue', 'annotations', 'archives-90010.json').fsPath;

async function noteNode(quote: string): Promise<Extract<NotesTreeNode, { kind: 'note' }>> {
  const tree = (await kexueApi()).notes.tree;
  for (const root of await tree.getChildren()) {
    for (const post of await tree.getChildren(root)) {
      const hit = (await tree.getChildren(post)).find((n): n is Extract<NotesTreeNode, { kind: 'note' }> => n.kind === 'note' && n.entry.anchor.exact === quote);
      if (hit) return hit;
    }
  }
  assert.fail(`no note on “${quote}” in the Notes view`);
}

describe('Notes as a reader meets them', function () {
  this.timeout(240_000); // previews rendered on a shared 2-core machine

  afterEach(async () => {
    rmSync(notesFile(), { force: true });
    (await kexueApi()).notes.service.refresh();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an unreadable notes file: the preview says so, adding is refused naming the file, the file is left as it was', async () => {
    const api = await kexueApi();
    const essay = await vscode.workspace.openTextDocument(workspaceUri(ESSAY));
    await api.notes.service.add(essay, rangeOf(essay, QUOTE), { note: '同意' });
    // Cut off mid-write by some other tool: no longer JSON.
    const broken = readFileSync(notesFile(), 'utf8').slice(0, 120);
    writeFileSync(notesFile(), broken);

    const { sent, stop } = await recordedPreview(workspaceUri(ESSAY));
    try {
      api.notes.service.refresh();
      const shown = await eventually('the notes sent with a problem', () => sent.find((m): m is Extract<HostToWebview, { type: 'annotations' }> => m.type === 'annotations' && m.problem !== undefined));
      assert.deepEqual(shown.annotations, []);
      assert.ok(shown.problem?.includes(notesFile()), `the problem names the file: ${shown.problem}`);
      assert.match(shown.problem ?? '', /left untouched/);
    } finally {
      stop();
    }

    await assert.rejects(api.notes.service.add(essay, rangeOf(essay, QUOTE), { color: 'green' }), (error: Error) => {
      assert.match(error.message, /^This post's notes file cannot be read/);
      assert.ok(error.message.includes(notesFile()), error.message);
      return true;
    });
    assert.equal(readFileSync(notesFile(), 'utf8'), broken, 'the file is byte for byte what it was');
  });

  it('Edit Tags… from the Notes view: tags typed in one box, found by tag:, shown on the thread with the colour named', async () => {
    const api = await kexueApi();
    const uri = workspaceUri(ESSAY);
    const essay = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(essay);
    await api.notes.service.add(essay, rangeOf(essay, QUOTE), { note: '同意' });

    await vscode.commands.executeCommand('kexueReader.notes.editTags', await noteNode(QUOTE), '#记号， 推导、记号');
    const stored = JSON.parse(readFileSync(notesFile(), 'utf8')) as { annotations: { body: { purpose: string; value: string }[] }[] };
    assert.deepEqual(stored.annotations[0].body.filter((b) => b.purpose === 'tagging').map((b) => b.value), ['记号', '推导']);
    assert.equal(stored.annotations[0].body.find((b) => b.purpose === 'commenting')?.value, '同意', 'the note itself is kept');

    api.notes.tree.setFilter('tag:推导');
    try {
      const node = await noteNode(QUOTE);
      assert.equal(api.notes.tree.getTreeItem(node).description, '同意 · #记号 · #推导');
    } finally {
      api.notes.tree.setFilter('');
    }
    const thread = await eventually('the thread with its tags', () =>
      api.notes.comments.threadsOf(uri).find((t) => (t.comments[0] as NoteComment | undefined)?.label?.includes('#推导')),
    );
    assert.equal((thread.comments[0] as NoteComment).label, 'Yellow #记号 #推导');

    // An empty box clears them.
    await vscode.commands.executeCommand('kexueReader.notes.editTags', await noteNode(QUOTE), '');
    assert.equal(api.notes.tree.getTreeItem(await noteNode(QUOTE)).description, '同意');
  });

  it('notes written into a notes folder that did not exist yet (a git checkout, the CLI) show without a reload', async () => {
    const api = await kexueApi();
    const folder = workspaceUri('新文库').fsPath;
    const post = path.join(folder, '记号小记.md');
    const text = '---\ntitle: 记号小记\ndate: 2025-06-01\n---\n\n# 记号小记\n\n**原文链接**: [https://example.org/archives/90077](https://example.org/archives/90077)\n\n---\n\n同一个字母在不同章节里表示不同的量，是读者最常见的困扰。\n';
    mkdirSync(folder, { recursive: true });
    writeFileSync(post, text);
    try {
      const identity = postIdentity(text);
      assert.ok(identity);
      const start = text.indexOf('是读者最常见的困扰');
      const annotation = createAnnotation({ identity, text, start, end: start + 9, note: '别处写下的笔记', now: new Date().toISOString() });
      let changes = 0;
      let last = Date.now();
      const listening = api.notes.service.onDidChange(() => {
        changes++;
        last = Date.now();
      });
      // Events from earlier tests' files (their notes removed) may still be on their way: let them pass.
      const quiet = (what: string) => eventually(`${what}: no notes event for 1.5 s`, () => Date.now() - last > 1_500, 20_000);
      try {
        await quiet('before');
        // Folder and file in one go, as git or the CLI writes them: the file comes before any watch on its new folder.
        changes = 0;
        mkdirSync(path.join(folder, '.kexue', 'annotations'), { recursive: true });
        const file = { version: 1 as const, post: { key: identity.key, url: identity.url, slug: identity.slug, title: identity.title, date: identity.date }, annotations: [annotation] };
        writeFileSync(path.join(folder, '.kexue', 'annotations', `${identity.key}.json`), serializeAnnotationFile(file));
        await eventually('the notes views told to redraw', () => changes > 0, 15_000);
        assert.equal((await noteNode('是读者最常见的困扰')).entry.annotation.id, annotation.id);
        // A later change in that folder (the CLI's next note, a pull) is seen too, not only its first file.
        await quiet('after the new folder');
        changes = 0;
        writeFileSync(path.join(folder, '.kexue', 'annotations', `${identity.key}.json`), serializeAnnotationFile({ ...file, annotations: [{ ...annotation, color: 'green' }] }));
        await eventually('a later change in the new folder seen', () => changes > 0, 15_000);
      } finally {
        listening.dispose();
      }
      assert.equal((await noteNode('是读者最常见的困扰')).entry.annotation.color, 'green');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a note whose words are deleted loses its thread once the typing pauses, and gets it back with them', async () => {
    const api = await kexueApi();
    const uri = workspaceUri(ESSAY);
    const essay = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(essay);
    await api.notes.service.add(essay, rangeOf(essay, QUOTE), { note: '同意' });
    await eventually('the thread', () => api.notes.comments.threadsOf(uri).length === 1);
    const range = rangeOf(essay, QUOTE);
    try {
      const cut = new vscode.WorkspaceEdit();
      cut.delete(uri, range);
      assert.ok(await vscode.workspace.applyEdit(cut));
      // No save, no reload: the open text is what the notes are anchored in.
      await eventually('no thread on words that are gone', () => api.notes.comments.threadsOf(uri).length === 0, 10_000);
      assert.equal((await noteNode(QUOTE)).entry.anchor.status, 'orphan');
      const back = new vscode.WorkspaceEdit();
      back.insert(uri, range.start, QUOTE);
      assert.ok(await vscode.workspace.applyEdit(back));
      const thread = await eventually('the thread back on its words', () => api.notes.comments.threadsOf(uri)[0], 10_000);
      assert.ok(thread.range?.isEqual(rangeOf(essay, QUOTE)));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('a post renamed in VS Code: its open preview shows it under the new name, and its notes go with it', async () => {
    const api = await kexueApi();
    const from = workspaceUri(ESSAY);
    const to = workspaceUri('记号随笔（改名）.md');
    const essay = await vscode.workspace.openTextDocument(from);
    await api.notes.service.add(essay, rangeOf(essay, QUOTE), { note: '同意' });
    const { tab, sent, stop } = await recordedPreview(workspaceUri(ESSAY));
    try {
      const rename = new vscode.WorkspaceEdit();
      rename.renameFile(from, to);
      assert.ok(await vscode.workspace.applyEdit(rename), 'renamed');
      await eventually('the preview tracked under the new name', () => api.previews.previewOf(to) === tab);
      assert.equal(api.previews.previewOf(from), undefined, 'no preview of a file that is gone');
      assert.equal(tab.documentUri.fsPath, to.fsPath);
      await eventually('the renamed post rendered', () => sent.some((m) => m.type === 'render'), 60_000);
      // Its notes come along: found by the post's identity, not its file name.
      const shown = await eventually('the notes sent for the new name', () =>
        sent.find((m): m is Extract<HostToWebview, { type: 'annotations' }> => m.type === 'annotations' && m.uri === to.toString() && m.annotations.length === 1),
      );
      assert.equal(shown.annotations[0].note, '同意');
    } finally {
      stop();
      if (existsSync(to.fsPath)) {
        const back = new vscode.WorkspaceEdit();
        back.renameFile(to, from);
        await vscode.workspace.applyEdit(back);
      }
    }
  });
});
