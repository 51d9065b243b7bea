// The preview as a reader uses it, in the real extension host on the corpus: one tab follows the posts
// picked in the Series view (its webview reused), kept once the reader settles in it; the page's
// series bar, header and outline rows; the Problems panel keeping a previewed post's errors.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/preview';
import type { Post } from '../../../src/core/library/model';
import type { PostPreview } from '../../../src/preview/postPreview';
import { eventually, kexueApi } from '../kexueApi';

type RenderMessage = Extract<HostToWebview, { type: 'render' }>;

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('kexueReader.preview'));
}

/** Records the render messages a preview sends until `stop` is called. */
function recordRenders(preview: PostPreview): { renders: RenderMessage[]; stop: () => void } {
  const renders: RenderMessage[] = [];
  const original = preview.post.bind(preview);
  preview.post = (message) => {
    if (message.type === 'render') renders.push(message);
    original(message);
  };
  return { renders, stop: () => (preview.post = original) };
}

async function fullPostsInReadingOrder(): Promise<Post[]> {
  const library = await (await kexueApi()).library();
  return library.posts.filter((p) => p.sources.some((s) => s.kind === 'post'));
}

describe('The preview tab that follows the Series view', function () {
  // Eight posts rendered one after another on a shared 2-core machine.
  this.timeout(360_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows eight clicked posts in one tab, reusing its webview, until the reader keeps it', async () => {
    const api = await kexueApi();
    const posts = await fullPostsInReadingOrder();
    assert.ok(posts.length >= 8, `${posts.length} full posts`);
    const first = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', posts[0]);
    await eventually('the first post painted', () => first.firstPaintMs, 60_000);
    assert.ok(api.previews.isTransient(first), 'a post clicked in the Series view opens in the preview tab');
    const switches: number[] = [];
    for (const post of posts.slice(1, 8)) {
      const shown = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', post);
      assert.equal(shown, first, 'the same panel shows the next post');
      assert.equal(shown.panel.webview, first.panel.webview);
      const ms = await eventually(`${post.title} painted`, () => shown.showPaintMs, 60_000);
      switches.push(ms);
      assert.equal(shown.documentUri.fsPath, post.sources.find((s) => s.kind === 'post')?.file);
      // The whole post follows its first screens (the tab's title names it then).
      await eventually(`the whole of ${post.title} rendered`, () => (post.title && shown.panel.title.includes(post.title) ? true : undefined), 60_000);
    }
    await eventually(`8 clicks, one preview tab (${previewTabs().length})`, () => (previewTabs().length === 1 ? true : undefined));
    console.log(`    next post in the open preview tab, click → on screen: ${switches.join(', ')} ms`);

    // The reader scrolls in it for a while (the page says so): the next click opens a tab of its own.
    await first.handleMessage({ type: 'keep' });
    assert.ok(!api.previews.isTransient(first));
    const second = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', posts[0]);
    assert.notEqual(second, first);
    assert.ok(api.previews.isTransient(second));
    // The tab model reaches the extension host a moment after the panel.
    await eventually('two preview tabs', () => (previewTabs().length === 2 ? true : undefined));
    // "Open Preview to the Side" keeps its own panel: it is never the one replaced.
    const side = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreviewToSide', vscode.Uri.file(posts[2].sources[0].file));
    assert.ok(side && !api.previews.isTransient(side));
    await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', posts[3]);
    assert.equal(side.documentUri.fsPath, posts[2].sources[0].file, 'the side preview still shows its post');
    await eventually(`three preview tabs (${previewTabs().length})`, () => (previewTabs().length === 3 ? true : undefined));
  });

  it('holds the next part\'s first screens in the page: its click sends no render; an edited part is not shown from them', async () => {
    const api = await kexueApi();
    const parts = (await fullPostsInReadingOrder()).filter((p) => p.series === '重温SSM').sort((a, b) => (a.part ?? 0) - (b.part ?? 0));
    assert.ok(parts.length >= 3, `${parts.length} parts of 重温SSM`);
    const fileOf = (p: Post): string => p.sources.find((s) => s.kind === 'post')?.file ?? '';
    // The previous test's tabs are gone (their panels' disposal reaches the host after the close command).
    await eventually('no preview tab left', () => (previewTabs().length === 0 && api.previews.active() === undefined ? true : undefined));
    const preview = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', parts[0]);
    // Recorded from before the page is up: the preload goes once its first screens are.
    const sent: HostToWebview[] = [];
    const original = preview.post.bind(preview);
    preview.post = (message) => {
      sent.push(message);
      original(message);
    };
    const painted: number[] = [];
    const paints = preview.onDidPaint((version) => painted.push(version));
    const preloadOf = (p: Post) => () => sent.find((m): m is Extract<HostToWebview, { type: 'preload' }> => m.type === 'preload' && vscode.Uri.parse(m.uri).fsPath === fileOf(p));
    const showPostOf = (p: Post) => () => sent.find((m): m is Extract<HostToWebview, { type: 'showPost' }> => m.type === 'showPost' && vscode.Uri.parse(m.uri).fsPath === fileOf(p));
    const third = fileOf(parts[2]);
    const before = readFileSync(third, 'utf8');
    try {
      const preload = await eventually('the second part preloaded', preloadOf(parts[1]), 60_000).catch((error: unknown) => {
        // What the panel sent instead, to tell a slow page from a preload that never went.
        throw new Error(`${String(error)}; sent: ${sent.map((m) => m.type).join(', ')}; the panel shows ${preview.documentUri.fsPath}, tracked: ${api.previews.previewOf(preview.documentUri) === preview}`);
      });
      assert.match(preload.body.html, /class="katex"/);
      await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', parts[1]);
      const show = await eventually('the second part shown', showPostOf(parts[1]), 30_000);
      assert.deepEqual(show.preloaded && { id: show.preloaded.id }, { id: preload.id }, 'the click names the preload');
      // The page painted the preloaded screens as that version (a page without them would have asked).
      const version = show.preloaded?.version;
      await eventually('the preloaded screens painted', () => (painted.some((v) => version !== undefined && v >= version) ? true : undefined), 30_000);
      assert.ok(painted.includes(version ?? -1), `painted ${painted.join(', ')}; the preload was ${version}`);
      // The third part is preloaded next; then its file changes: the click must not show the old screens.
      await eventually('the third part preloaded', preloadOf(parts[2]), 60_000);
      writeFileSync(third, `${before}\n\n改动过的一行。\n`);
      await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', parts[2]);
      const edited = await eventually('the third part shown', showPostOf(parts[2]), 30_000);
      assert.equal(edited.preloaded, undefined, 'an edited part is not shown from its preload');
      const at = sent.indexOf(edited);
      await eventually('its first screens sent instead', () => sent.slice(at + 1).find((m) => m.type === 'render'), 30_000);
    } finally {
      paints.dispose();
      preview.post = original;
      writeFileSync(third, before);
    }
  });

  it('shows the post\'s own part number, the date and source from the front matter, and outline rows', async () => {
    const posts = await fullPostsInReadingOrder();
    const twelve = posts.find((p) => p.series === '生成扩散模型漫谈' && p.part === 12);
    assert.ok(twelve, '生成扩散模型漫谈(十二) is in the corpus');
    const preview = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', twelve);
    const { renders, stop } = recordRenders(preview);
    try {
      // The reader opens the outline's equation list: from then on renders carry its rows.
      await preview.handleMessage({ type: 'wantOutlineRows' });
      await preview.render();
      const message = renders.at(-1);
      assert.ok(message?.series);
      assert.equal(message.series.part, 12, 'part 12, not its place among the parts the library holds');
      assert.ok(message.series.index <= message.series.count);
      assert.match(message.header.source ?? '', /^https:\/\/spaces\.ac\.cn\/archives\/\d+$/);
      const numbered = preview.lastResult?.equations.filter((e) => e.number) ?? [];
      assert.equal(message.outlineEquations?.length, numbered.length, 'one outline row per numbered equation');
      assert.ok(message.outlineEquations?.every((row) => row.html.includes('class="katex"') || row.tex), 'rows drawn by KaTeX');
    } finally {
      stop();
    }
  });

  it('keeps a previewed post\'s problems listed after its editor closes, and clears them with the preview', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder, 'posts', 'problems-stay.md');
    const text = ['---', 'title: 问题列表测试', '---', '', '# 问题列表测试', '', '坏的 $\\frac{1}{$ 和 $\\undefinedcontrol$。', ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const katexProblems = (): number => vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'katex').length;
    try {
      await vscode.window.showTextDocument(uri);
      const preview = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreviewToSide', uri);
      await eventually('a render', () => preview.lastResult, 60_000);
      const listed = await eventually('the KaTeX problems listed', () => (katexProblems() >= 2 ? katexProblems() : undefined), 60_000);
      assert.equal(listed, preview.lastResult?.errors.length, 'the Problems panel and the preview agree');
      // Close the editor: VS Code closes the text document; the preview still shows the post.
      const editorTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
      assert.ok(editorTab);
      await vscode.window.tabGroups.close(editorTab);
      const closed = new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidCloseTextDocument((d) => {
          if (d.uri.toString() === uri.toString()) {
            sub.dispose();
            resolve();
          }
        });
      });
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000))]);
      await preview.render();
      assert.equal(katexProblems(), listed, 'still listed while the preview is open');
      preview.panel.dispose();
      await eventually('the problems cleared with the preview', () => {
        const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
        return open || katexProblems() === 0 ? true : undefined;
      }, 30_000);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
