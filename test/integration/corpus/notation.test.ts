// The Notation view in the real extension host, on a copy of the corpus: it lists the symbols of the
// post in the active editor with their definitions (checked against the post's own lines), a click goes
// to the line, a pinned definition (stored as a `describing` note) shows first with kind `reader` in the
// view and in `kexue symbols`, and the next part of the series lists what it carries over.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KexueReaderApi } from '../../../src/extension';
import type { NotationNode } from '../../../src/notation/notationTree';
import { EXTENSION_ID, eventually, kexueApi } from '../kexueApi';

const PART_ONE = 'posts/低秩近似之路一伪逆.md';
const PART_TWO = 'posts/低秩近似之路二svd.md';

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

async function showPost(api: KexueReaderApi, relative: string): Promise<vscode.TextDocument> {
  await api.library();
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(document);
  await api.refreshNotation();
  // Parsing a long post's formulas takes seconds on a loaded machine.
  await eventually('the Notation view to show the post', () => (api.notation.shown?.uri.toString() === document.uri.toString() ? true : undefined), 90_000);
  return document;
}

function symbolNode(api: KexueReaderApi, tex: string, roots: NotationNode[] = api.notation.getChildren()): NotationNode | undefined {
  for (const node of roots) {
    if (node.kind === 'symbol' && node.symbol.tex === tex) return node;
    if (node.kind === 'earlier') {
      const inner = symbolNode(api, tex, api.notation.getChildren(node));
      if (inner) return inner;
    }
  }
  return undefined;
}

describe('Notation view', function () {
  this.timeout(360_000);

  it('lists the symbols of the post in the editor with their definitions; a click goes to the first occurrence', async () => {
    const api = await kexueApi();
    const document = await showPost(api, PART_ONE);
    const roots = api.notation.getChildren();
    assert.ok(roots.length > 50, `${roots.length} symbols listed`);
    const node = symbolNode(api, '\\boldsymbol{A}^{\\dagger}');
    assert.ok(node && node.kind === 'symbol');
    const formula = node.symbol.definitions.find((d) => d.kind === 'formula' && d.line === 32);
    assert.ok(formula, 'the defining formula on line 32 is listed');
    assert.match(document.lineAt(31).text, /\\boldsymbol\{A\}\^\{\\dagger\}\s*=/, 'line 32 of the post defines A†');
    const item = api.notation.getTreeItem(node);
    assert.equal(item.label, '\\boldsymbol{A}^{\\dagger}');
    assert.ok(typeof item.description === 'string' && item.description.length > 0);
    assert.equal(item.command?.command, 'kexueReader.openNotationLine');
    // The symbol drawn by MathJax as the item's icon (light and dark), written to the extension's storage.
    const icon = await eventually('the symbol drawn as its icon', () => {
      const path = api.notation.getTreeItem(node).iconPath;
      return path && typeof path === 'object' && 'light' in path && path.light instanceof vscode.Uri ? path : undefined;
    }, 60_000);
    assert.ok(icon.light instanceof vscode.Uri && icon.dark instanceof vscode.Uri);
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(icon.dark));
    assert.match(svg, /^<svg[^>]*viewBox="[-\d.]+ [-\d.]+ ([\d.]+) \1"/, 'a square icon');
    assert.match(svg, /<path/);
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const first = node.symbol.lines[0];
    assert.ok(document.lineAt(first - 1).text.includes('\\boldsymbol{A}^{\\dagger}'), 'the first occurrence is on that line');
    await eventually('the editor to go to the first occurrence', () => (vscode.window.activeTextEditor?.selection.active.line === first - 1 ? true : undefined));
  });

  it('pins a definition: shown first as `reader` in the view and by kexue symbols, carried into part two', async () => {
    const api = await kexueApi();
    const document = await showPost(api, PART_ONE);
    const quote = '其中$\\sigma_1$是$\\boldsymbol{A}$的最大非零奇异值';
    const start = document.getText().indexOf(quote);
    assert.ok(start >= 0);
    const pinned = await vscode.commands.executeCommand('kexueReader.pinDefinition', {
      uri: document.uri,
      tex: '\\sigma_1',
      start,
      end: start + quote.length,
      definition: 'A 的最大奇异值（读者固定）',
    });
    assert.ok(pinned, 'the command stored an annotation');
    const sigma = await eventually('the view to show the pinned definition', () => {
      const node = symbolNode(api, '\\sigma_1');
      return node && node.kind === 'symbol' && node.symbol.definitions[0]?.kind === 'reader' ? node : undefined;
    }, 90_000);
    assert.ok(sigma.kind === 'symbol');
    assert.equal(sigma.symbol.definitions[0].text, 'A 的最大奇异值（读者固定）');
    assert.equal(sigma.symbol.definitions[0].line, document.positionAt(start).line + 1);
    assert.equal(api.notation.getTreeItem(sigma).description, 'A 的最大奇异值（读者固定）');
    const stored = await vscode.workspace.findFiles('.kexue/annotations/*.json');
    assert.equal(stored.length, 1);
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(stored[0]))) as { annotations: { motivation: string }[] };
    assert.deepEqual(file.annotations.map((a) => a.motivation), ['describing']);

    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const out = execFileSync(process.execPath, [path.join(extension.extensionPath, 'dist', 'cli.js'), 'symbols', document.uri.fsPath, '--json'], { encoding: 'utf8' });
    const cli = JSON.parse(out) as { symbols: { tex: string; definitions: { text: string; kind: string; source: string }[] }[] };
    const fromCli = cli.symbols.find((s) => s.tex === '\\sigma_1');
    assert.deepEqual(fromCli?.definitions[0], { line: sigma.symbol.definitions[0].line, text: 'A 的最大奇异值（读者固定）', kind: 'reader', source: 'this post' });

    // A pin on a symbol part two leaves undefined (D: only part one's formula defines it) carries over.
    const dQuote = '其中$\\boldsymbol{D} = \\text{diag}';
    const dStart = document.getText().indexOf(dQuote);
    assert.ok(dStart >= 0);
    assert.ok(await vscode.commands.executeCommand('kexueReader.pinDefinition', { uri: document.uri, tex: '\\boldsymbol{D}', start: dStart, end: dStart + dQuote.length, definition: '尾部奇异值平方的对角阵（读者固定）' }));

    await showPost(api, PART_TWO);
    const earlier = api.notation.getChildren().find((n) => n.kind === 'earlier');
    assert.ok(earlier, 'part two has a root for definitions from earlier parts');
    const d = await eventually('part two to show the pin carried from part one', () => {
      const node = symbolNode(api, '\\boldsymbol{D}');
      return node && node.kind === 'symbol' && node.symbol.definitions[0]?.kind === 'reader' ? node : undefined;
    }, 90_000);
    assert.ok(d.kind === 'symbol');
    assert.deepEqual([d.symbol.definitions[0].kind, d.symbol.definitions[0].source, d.symbol.definitions[0].text], ['reader', '低秩近似之路（一）：伪逆', '尾部奇异值平方的对角阵（读者固定）']);
    // Part two defines σ_1 itself (其中…$\\sigma_1\\geq\\cdots\\geq\\sigma_\\rho > 0$是…奇异值): its own meaning, not part one's pin.
    const own = symbolNode(api, '\\sigma_1');
    assert.ok(own && own.kind === 'symbol');
    assert.deepEqual([own.symbol.definitions[0].kind, own.symbol.definitions[0].source], ['pattern', 'this post']);
  });
});
