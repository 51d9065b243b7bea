// The Library Graph view in the real extension host: the command opens it, its page draws every post.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, kexueApi } from '../kexueApi';

describe('Library Graph of the real corpus', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens with "Kexue: Show Library Graph" and draws one node per post, with edges', async () => {
    const api = await kexueApi();
    const library = await api.library();
    assert.ok(library.posts.length > 0);
    await vscode.commands.executeCommand('kexueReader.showGraph');
    const drawn = await eventually('the graph page to report a drawn graph', () => (api.graph.lastDrawn?.nodes ? api.graph.lastDrawn : undefined), 30_000);
    assert.equal(drawn.nodes, library.posts.length);
    const seriesEdges = library.series.reduce((n, s) => n + Math.max(0, s.parts.length - 1), 0);
    assert.ok(drawn.edges > seriesEdges, `${drawn.edges} edges: the ${seriesEdges} series edges and citations`);
    console.log(`    library graph: ${drawn.nodes} nodes, ${drawn.edges} edges`);
  });

  it('highlights the post of the active editor', async () => {
    const api = await kexueApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'posts', '重温ssm二hippo的一些遗留问题.md');
    await vscode.window.showTextDocument(uri);
    const library = await api.library();
    const post = library.posts.find((p) => p.sources.some((s) => s.kind === 'post' && s.file === uri.fsPath));
    assert.ok(post, 'the post of the file');
    await eventually('the graph to highlight 重温SSM（二）', () => api.graph.currentPost() === post.id || undefined);
  });

  it('is drawn again when the library changes: a new post citing 重温SSM（一） adds a node and an edge', async function () {
    this.timeout(240_000);
    const api = await kexueApi();
    await vscode.commands.executeCommand('kexueReader.showGraph');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const before = await eventually('a drawn graph', () => api.graph.lastDrawn);
    const uri = vscode.Uri.joinPath(folder.uri, 'posts', 'graph-test-new-post.md');
    const text = '---\ntitle: 关系图测试新文章\ndate: 2025-01-01\n---\n\n# 关系图测试新文章\n\n正如《重温SSM（一）：线性系统和HiPPO矩阵》所说。\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      await eventually('the library to hold the new post', () => api.library().then((l) => l.posts.some((p) => p.title === '关系图测试新文章') || undefined), 30_000);
      const after = await eventually('the graph to be redrawn with the new post', () => (api.graph.lastDrawn && api.graph.lastDrawn.nodes === before.nodes + 1 ? api.graph.lastDrawn : undefined), 30_000);
      assert.equal(after.edges, before.edges + 1);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
    await eventually('the graph to drop the deleted post', () => api.graph.lastDrawn?.nodes === before.nodes || undefined, 30_000);
  });
});
