// Editor features (hovers, label navigation, outline, digests, diagnostics) in the real extension
// host, on a workspace holding a copy of the corpus. Expected numbers and lines are worked out from
// the file text with the render engine, independently of the providers under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseDigest, detectDigestLayout, renderPost } from '../../../src/core/render/index';
import { HoverImageCache } from '../../../src/editor/hoverMath/hoverImages';
import { MathJaxSvgRenderer } from '../../../src/editor/hoverMath/mathJaxSvg';
import { MathHoverProvider } from '../../../src/editor/mathHover';
import { PostAnalyses } from '../../../src/editor/postDocuments';
import type { PostInfoProvider } from '../../../src/editor/postInfo';
import { eventually, kexueApi } from '../kexueApi';

const POST = 'posts/低秩近似之路一伪逆.md';
const UNDATED_DIGEST = 'digests/000_c90bed06b213b611.txt';
const DATED_DIGEST = 'digests/002_37331eacd5a43904.txt';

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

async function open(relative: string): Promise<vscode.TextDocument> {
  await kexueApi();
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position of `needle` (its `delta`-th character) in the document. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${document.uri.path}`);
  return document.positionAt(at + delta);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

function flatten(symbols: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...flatten(symbol.children ?? [])]);
}

/** The first label the post both defines and references with $\eqref{…}$, and its number. */
function referencedLabel(document: vscode.TextDocument): { label: string; number: string; labelLine: number } {
  const text = document.getText();
  const result = renderPost(text);
  for (const equation of result.equations) {
    if (!equation.label || !text.includes(`$\\eqref{${equation.label}}$`)) continue;
    const labelLine = document.positionAt(text.indexOf(`\\label{${equation.label}}`)).line;
    return { label: equation.label, number: equation.number, labelLine };
  }
  assert.fail('the post references one of its labels');
}

describe('Editor features on the real corpus', () => {
  it('hovering a numbered display shows its MathJax SVG as a data-URL image and its number', async () => {
    const document = await open(POST);
    const { label, number } = referencedLabel(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, `\\label{${label}}`, -3));
    const text = hoverText(hovers);
    const image = /!\[eq\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(text);
    assert.ok(image, `an SVG data URL in the hover: ${text.slice(0, 200)}`);
    assert.match(Buffer.from(image[1], 'base64').toString('utf8'), /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(text.includes(`**(${number})**`), `the hover shows (${number})`);
  });

  it('hovering $\\eqref{…}$ shows the labelled equation with a link to it', async () => {
    const document = await open(POST);
    const { label, number, labelLine } = referencedLabel(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, `$\\eqref{${label}}$`, 3));
    const text = hoverText(hovers);
    assert.match(text, /data:image\/svg\+xml;base64,/);
    assert.ok(text.includes(`**(${number})**`));
    assert.ok(text.includes('command:kexueReader.editor.revealLine?'), 'a command link to the equation');
    assert.ok(text.includes(`line ${labelLine + 1}`));
  });

  it('Go to Definition on \\eqref lands on the \\label line', async () => {
    const document = await open(POST);
    const { label, labelLine } = referencedLabel(document);
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      positionOf(document, `$\\eqref{${label}}$`, 9),
    );
    const lines = locations.map((location) => ('targetRange' in location ? location.targetRange : location.range).start.line);
    assert.deepEqual(lines, [labelLine]);
  });

  it('Find All References lists the \\label and every \\eqref/\\ref of it; Rename edits them all at once', async () => {
    const document = await open(POST);
    const { label } = referencedLabel(document);
    const text = document.getText();
    const uses = text.split(`\\label{${label}}`).length - 1 + text.split(`\\eqref{${label}}`).length - 1 + text.split(`\\ref{${label}}`).length - 1;
    const position = positionOf(document, `\\label{${label}}`, 8);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
    assert.equal(references.length, uses);
    for (const reference of references) assert.equal(document.getText(reference.range), label);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'eq:renamed');
    const edits = edit.get(document.uri);
    assert.equal(edits.length, uses);
    assert.ok(edits.every((change) => change.newText === 'eq:renamed'));
  });

  it('the outline nests numbered equations, shown as "(n) TeX", under headings without a trailing #', async () => {
    const document = await open(POST);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const all = flatten(symbols);
    const equations = all.filter((symbol) => symbol.kind === vscode.SymbolKind.Number);
    const expected = renderPost(document.getText()).equations.map((equation) => equation.number);
    // A display with several numbered rows is one symbol named "(3) (4) …": consume them in order.
    let next = 0;
    for (const symbol of equations) {
      let rest = symbol.name;
      const before = next;
      while (next < expected.length && rest.startsWith(`(${expected[next]}) `)) rest = rest.slice(expected[next++].length + 3);
      assert.ok(next > before, `"${symbol.name}" starts with (${expected[before]})`);
    }
    assert.equal(next, expected.length, 'every number the engine gives appears in the outline');
    const headings = all.filter((symbol) => symbol.kind === vscode.SymbolKind.String && symbol.children.some((child) => /^\(\d+\) /.test(child.name)));
    assert.ok(headings.length > 0, 'equations sit under headings');
    assert.ok(!all.some((symbol) => / #$/.test(symbol.name)), 'no html2text closing #');
  });

  it('digest pages of both layouts get the kexue-digest language and one symbol per entry', async () => {
    for (const file of [UNDATED_DIGEST, DATED_DIGEST]) {
      await open(file);
      const document = await eventually(`${file} in kexue-digest`, () =>
        vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === workspaceUri(file).toString() && candidate.languageId === 'kexue-digest'),
      );
      const text = document.getText();
      const layout = detectDigestLayout(text);
      assert.ok(layout);
      const entries = parseDigest(text, layout);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      assert.equal(symbols.length, entries.length, file);
      assert.deepEqual(symbols.map((symbol) => symbol.range.start.line), entries.map((entry) => entry.line));
    }
  });

  it('reports unknown labels and KaTeX errors, and completes \\eqref{ with the labels', async () => {
    const uri = workspaceUri('scratch/editor-diagnostics.md');
    // A post (front matter): the editor features answer only in files the library recognises.
    const content = '---\ntitle: 诊断\n---\n# 标题\n\n\\begin{equation}a = b\\label{eq:known}\\end{equation}\n\n见$\\eqref{eq:unknown}$和$\\frac{1}{$。\n\n$\\eqref{\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await eventually('kexue-editor diagnostics', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'kexue-editor');
      return found.length >= 2 ? found : undefined;
    });
    const unknown = diagnostics.find((diagnostic) => diagnostic.code === 'unknown-label');
    assert.ok(unknown);
    assert.equal(document.getText(unknown.range), 'eq:unknown');
    // Core's words, put into the UI's language by the host (English here).
    assert.equal(unknown.message, 'No \\label named "eq:unknown" in this post: the reference shows as (??).');
    const katex = diagnostics.find((diagnostic) => diagnostic.code === 'katex');
    assert.ok(katex);
    assert.equal(katex.range.start.line, 7);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(9, 8), '{');
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('eq:known'), `eq:known in ${labels.slice(0, 10).join(', ')}`);
  });

  it('hovering a formula with breaking kexueReader.math.macros renders it without them and says so', async () => {
    const document = await open(POST);
    const text = document.getText();
    const at = text.indexOf('\\frac{');
    assert.ok(at > 0, 'the post has a \\frac');
    const settings = vscode.workspace.getConfiguration('kexueReader.math');
    await settings.update('macros', { '\\frac': '\\nosuchmacro' }, vscode.ConfigurationTarget.Workspace);
    try {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(at + 2));
      const hover = hoverText(hovers);
      assert.match(hover, /data:image\/svg\+xml;base64,/, 'still an image');
      assert.match(hover, /Rendered without `kexueReader\.math\.macros`/);
      assert.match(hover, /nosuchmacro/);
    } finally {
      await settings.update('macros', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('offers a quick fix for html2text’s \\\\\\ inside math', async () => {
    const document = await open(POST);
    const at = document.getText().indexOf('\\\\\\ ');
    assert.ok(at > 0, 'the post has an html2text `\\\\\\`');
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + 3));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title.includes('html2text') && action.edit);
    assert.ok(fix, `a quick fix among ${actions.map((action) => action.title).join(' | ')}`);
    const edits = fix.edit?.get(document.uri) ?? [];
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '\\\\');
    assert.equal(edits[0].range.start.isEqual(range.start), true);
  });

  it('hovering a 《title》 asks the PostInfoProvider and shows the post with a link', async () => {
    await kexueApi();
    const asked: string[] = [];
    const posts: PostInfoProvider = {
      findByTitle: (title) => {
        asked.push(title);
        return title === '测试标题(一)' ? { title, date: '2026-01-02', series: '测试系列', part: '一', summary: '一段摘要。', uri: workspaceUri(POST), line: 8 } : undefined;
      },
    };
    const provider = new MathHoverProvider(new PostAnalyses(), new HoverImageCache(new MathJaxSvgRenderer()), posts);
    // A post (front matter): the editor features answer only in files the library recognises.
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '---\ntitle: 测试\n---\n在《测试标题(一)》和《不存在的文章》中。' });
    const hover = await provider.provideHover(document, new vscode.Position(3, 4));
    assert.ok(hover);
    // appendText escapes Markdown punctuation and spaces; compare what the reader sees.
    const markdown = hoverText([hover]).replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1').replace(/&nbsp;/g, ' ');
    for (const part of ['测试标题(一)', '2026-01-02', '测试系列', '一段摘要。', 'command:kexueReader.editor.revealLine?']) {
      assert.ok(markdown.includes(part), `${part} in ${markdown}`);
    }
    assert.deepEqual(hover.range && [hover.range.start.character, hover.range.end.character], [1, 10]);
    assert.equal(await provider.provideHover(document, new vscode.Position(3, 13)), undefined, 'no hover for a title the library lacks');
    assert.deepEqual(asked, ['测试标题(一)', '不存在的文章']);
  });
});
