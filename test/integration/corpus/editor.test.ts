// Editor features (hovers, label navigation, outline, digests, diagnostics) in the real extension
// host, on a workspace holding a copy of the corpus. Expected numbers and lines are worked out from
// the file text with the render engine, independently of the providers under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseDigest, detectDigestLayout, renderPost } from '../../../src/core/render/index';
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
    const content = '# 标题\n\n\\begin{equation}a = b\\label{eq:known}\\end{equation}\n\n见$\\eqref{eq:unknown}$和$\\frac{1}{$。\n\n$\\eqref{\n';
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
    const katex = diagnostics.find((diagnostic) => diagnostic.code === 'katex');
    assert.ok(katex);
    assert.equal(katex.range.start.line, 4);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(6, 8), '{');
    const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('eq:known'), `eq:known in ${labels.slice(0, 10).join(', ')}`);
  });
});
