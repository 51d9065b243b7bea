// The preview in the real extension host: a real webview in code-server renders the corpus posts.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/preview';
import type { PostPreview } from '../../../src/preview/postPreview';
import { eventually, kexueApi } from '../kexueApi';

const folder = (): vscode.Uri => {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
};
const post = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), 'posts', name);

/** Waits for the webview to acknowledge a render of this preview (it is on screen). */
function painted(preview: PostPreview, ms = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the webview never painted the preview')), ms);
    const sub = preview.onDidPaint((version) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(version);
    });
  });
}

describe('Preview of the real corpus', function () {
  // Long real posts: the whole page of one comes in parts, each after the page took the one before.
  this.timeout(120_000);
  let preview: PostPreview;

  before(async () => {
    await kexueApi();
    const opened = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', post('重温ssm一线性系统和hippo矩阵.md'));
    assert.ok(opened, 'Open Preview returns the preview');
    preview = opened;
    if (preview.firstPaintMs === undefined) await painted(preview);
    // The first paint may be the post's first screens alone: the whole render follows.
    if (preview.lastResult === undefined) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the whole post never rendered')), 20_000);
        const sub = preview.onDidRender(() => {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        });
      });
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('renders 重温SSM(一) with numbered equations and every \\eqref resolved', async () => {
    const result = preview.lastResult;
    assert.ok(result);
    assert.ok(result.equations.length >= 10, `${result.equations.length} numbered equations`);
    assert.deepEqual(result.equations.slice(0, 3).map((e) => e.number), ['1', '2', '3']);
    assert.ok(result.eqrefs.length > 0);
    assert.equal(result.stats.unresolvedEqrefs, 0);
    assert.match(preview.panel.title, /重温SSM/);
    assert.ok(preview.firstPaintMs !== undefined && preview.firstPaintMs < 15_000, `first paint ${preview.firstPaintMs} ms`);
    console.log(`    first paint of 重温SSM(一): ${preview.firstPaintMs} ms`);
  });

  it('keeps editor and preview scrolled together, both ways', async () => {
    const sent: HostToWebview[] = [];
    const original = preview.post.bind(preview);
    preview.post = (message) => {
      sent.push(message);
      original(message);
    };
    try {
      const editor = await vscode.window.showTextDocument(preview.documentUri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
      editor.revealRange(new vscode.Range(200, 0, 200, 0), vscode.TextEditorRevealType.AtTop);
      const scroll = await eventually('a scrollToLine message for line ~200', () =>
        sent.find((m): m is Extract<HostToWebview, { type: 'scrollToLine' }> => m.type === 'scrollToLine' && Math.abs(m.line - 200) <= 2),
      );
      assert.ok(scroll);
      // The webview reports its top line as the reader scrolls: the editor follows.
      await preview.handleMessage({ type: 'revealLine', line: 320 });
      await eventually(`the editor to show line 320 at the top (it shows ${editor.visibleRanges[0].start.line}…)`, () =>
        // Sticky scroll may pin a few heading lines above the revealed one.
        Math.abs(editor.visibleRanges[0].start.line - 320) <= 6 ? true : undefined,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; now at ${editor.visibleRanges[0].start.line}, messages: ${JSON.stringify(sent.map((m) => m.type === 'scrollToLine' ? m.line : m.type))}`);
      });
    } finally {
      preview.post = original;
    }
  });

  it('steps to the next part of the series in the same panel', async () => {
    const api = await kexueApi();
    const paint = painted(preview);
    await api.previews.navigateSeries(preview, 'next');
    await paint;
    assert.match(preview.documentUri.path, /重温ssm二/);
    assert.equal(api.previews.previewOf(preview.documentUri), preview);
    await api.previews.navigateSeries(preview, 'previous');
    await eventually('back at part one', () => (/重温ssm一/.test(preview.documentUri.path) ? true : undefined));
  });

  it('puts a long post on screen in two steps: its first screens, then the whole page', async () => {
    const api = await kexueApi();
    const renders: Extract<HostToWebview, { type: 'render' }>[] = [];
    const paints: number[] = [];
    const original = preview.post.bind(preview);
    preview.post = (message) => {
      if (message.type === 'render') renders.push({ ...message });
      // The whole page of a long post comes in parts after its render message: put them together.
      const last = renders.at(-1);
      if (message.type === 'renderPart' && last?.version === message.version) last.html += message.html;
      original(message);
    };
    const subscription = preview.onDidPaint((version) => paints.push(version));
    try {
      // Series navigation loads a new page into the panel, as opening a preview does.
      await api.previews.navigateSeries(preview, 'next');
      const whole = await eventually('the whole page of 重温SSM(二) painted', () => {
        const last = renders.at(-1);
        return renders.length >= 2 && last && paints.includes(last.version) && last.html === preview.lastResult?.html ? last : undefined;
      }, 40_000);
      const first = renders[0];
      assert.ok(first.html.length * 5 < whole.html.length, `first screens ${first.html.length} chars, whole page ${whole.html.length}`);
      assert.ok((whole.parts ?? 1) > 1, `the whole page came in ${whole.parts ?? 1} parts`);
      assert.equal(whole.html.slice(0, 1000), first.html.slice(0, 1000), 'the first screens are the top of the page');
      assert.deepEqual(first.equations, whole.equations, 'equation numbers are final from the first step');
      assert.ok(paints.includes(first.version), `the first screens were painted on their own (painted: ${paints.join(', ')})`);
    } finally {
      preview.post = original;
      subscription.dispose();
      await api.previews.navigateSeries(preview, 'previous');
      await eventually('back at part one', () => (/重温ssm一/.test(preview.documentUri.path) ? true : undefined));
    }
  });

  it('lists the posts that cite a post under "Cited by"', async () => {
    const api = await kexueApi();
    const library = await api.library();
    const first = library.posts.find((p) => p.series === '重温SSM' && p.part === 1);
    assert.ok(first);
    const citers = await api.previews.library.citedBy(first);
    assert.ok(citers.some((c) => /重温SSM/.test(c.title)), `cited by ${citers.map((c) => c.title).join(', ')}`);
  });

  it('puts KaTeX errors in the Problems panel at their line and column', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'posts', 'broken-math.md');
    const text = ['---', 'title: 坏公式测试', 'date: 2024-01-01', '---', '', '# 坏公式测试', '', '一个好的 $x^2$ 和一个坏的 $\\frac{1}{$。', '', '\\begin{equation}', 'a + \\undefinedcontrol b', '\\end{equation}', ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const broken = await vscode.commands.executeCommand<PostPreview>('kexueReader.openPreview', uri);
      await eventually('a render of the broken post', () => broken.lastResult);
      const diagnostics = await eventually('KaTeX diagnostics', () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.code === 'katex');
        return d.length >= 2 ? d : undefined;
      });
      const lines = diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b);
      assert.equal(lines[0], 7, 'the broken inline formula is on line 8');
      assert.ok(lines.includes(10), `the undefined control sequence is on line 11: ${lines.join(',')}`);
      const inline = diagnostics.find((d) => d.range.start.line === 7);
      assert.ok(inline && inline.range.start.character >= text.split('\n')[7].indexOf('$\\frac'), 'column points into the formula');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('exports a post as one self-contained HTML file', async () => {
    const target = vscode.Uri.joinPath(folder(), 'export-test.html');
    const written = await vscode.commands.executeCommand<vscode.Uri>('kexueReader.exportHtml', post('低秩近似之路一伪逆.md'), target);
    assert.equal(written?.toString(), target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /data:font\/woff2;base64,/, 'KaTeX fonts inlined');
    assert.match(html, /class="katex"/);
    assert.match(html, /<a class="eqref" href="#eq-/, 'references link to their equations');
    assert.doesNotMatch(html, /<script/i, 'no script in the export');
    await vscode.workspace.fs.delete(target);
  });

  it('exports a post of the reader’s own with the images beside it inlined', async () => {
    // Outside the workspace: the library (and the other tests' counts) never see this post.
    const dir = vscode.Uri.file(mkdtempSync(path.join(tmpdir(), 'kexue-export-')));
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle r="4" cx="4" cy="4"/></svg>';
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, 'figs', 'dot.svg'), new TextEncoder().encode(svg));
    const source = vscode.Uri.joinPath(dir, 'mine.md');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode('# 我的笔记\n\n![点](figs/dot.svg) 与 ![无](figs/none.png)\n'));
    const target = vscode.Uri.joinPath(dir, 'mine.html');
    await vscode.commands.executeCommand('kexueReader.exportHtml', source, target);
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(html.includes(`<img alt="点" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"`), 'the SVG inlined');
    assert.match(html, /<img alt="无" data-kx-src="figs\/none.png" title="[^"]*none.png[^"]*" class="local-image">/, 'the missing one keeps its alt text');
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });
});
