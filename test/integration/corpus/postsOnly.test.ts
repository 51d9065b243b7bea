// The editor features — outline symbols (and their "Kexue" breadcrumb), hovers, diagnostics, the Run
// CodeLens — apply to files the library recognises as posts, never to every Markdown file: a README.md
// in the workspace shows VS Code's own outline once, not twice. The same text with front matter (a
// post) is the control: it gets every feature.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, kexueApi } from '../kexueApi';

const BODY = [
  '# 说明',
  '',
  '## 公式',
  '',
  '行内 $x^2 + y^2$ 与出错的 $\\frac{1}{$ 公式。',
  '',
  '\\begin{equation}E = mc^2\\label{eq:e}\\end{equation}',
  '',
  '```kexue-compute',
  'kind: pinv',
  'matrix: [[1, 2], [2, 4]]',
  '```',
  '',
].join('\n');

async function write(name: string, text: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

function names(symbols: vscode.DocumentSymbol[]): string[] {
  return symbols.flatMap((s) => [s.name, ...names(s.children ?? [])]);
}

function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kexue-editor');
}

async function hoverText(document: vscode.TextDocument, needle: string): Promise<string> {
  const position = document.positionAt(document.getText().indexOf(needle) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

async function runLenses(document: vscode.TextDocument): Promise<number> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
  return lenses.filter((lens) => lens.command?.command === 'kexueReader.compute.runBlock').length;
}

describe('Editor features apply to posts only', function () {
  this.timeout(120_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a README.md gets VS Code\'s outline once and none of ours; a post gets all of them', async () => {
    await kexueApi();
    const readme = await write('README.md', BODY);
    const post = await write('posts-only-control.md', `---\ntitle: 说明\n---\n${BODY}`);

    // Diagnostics: wait until the post's KaTeX error is published; the README (opened first) has none.
    await eventually('the post\'s KaTeX diagnostic', () => ourDiagnostics(post.uri).length > 0 || undefined, 30_000);
    assert.deepEqual(ourDiagnostics(readme.uri), [], 'no kexue-editor diagnostics in a README');

    // Outline: the README's headings once each (VS Code's Markdown outline), no equation entries.
    const readmeSymbols = names(await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', readme.uri));
    assert.equal(readmeSymbols.filter((n) => n.includes('说明')).length, 1, `README outline: ${readmeSymbols.join(' | ')}`);
    assert.equal(readmeSymbols.filter((n) => n.includes('公式')).length, 1, `README outline: ${readmeSymbols.join(' | ')}`);
    assert.ok(!readmeSymbols.some((n) => n.includes('mc^2')), `no equation in the README outline: ${readmeSymbols.join(' | ')}`);
    const postSymbols = names(await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', post.uri));
    assert.ok(postSymbols.some((n) => n.includes('mc^2')), `the post's outline lists its equation: ${postSymbols.join(' | ')}`);

    // Hovers: a formula in the post shows rendered (an SVG image); in the README, nothing of ours.
    assert.match(await hoverText(post, 'x^2'), /data:image\/svg\+xml/);
    assert.doesNotMatch(await hoverText(readme, 'x^2'), /data:image\/svg\+xml/);

    // CodeLens: Run above the post's kexue-compute block only.
    assert.equal(await runLenses(post), 1);
    assert.equal(await runLenses(readme), 0);
  });
});
