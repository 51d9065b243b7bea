// The UI speaks English and 简体中文: every string the extension shows through vscode.l10n.t (and all the
// words core makes for it, localizable()), and every string package.json contributes, has a Chinese
// translation. Found by parsing the sources with the TypeScript compiler, so escapes in the literals are
// read as the runtime reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../repoRoot';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.m?ts$/.test(entry.name) ? [full] : [];
  });
}

/** The first argument of every `l10n.t('…')` or `t('…')` call whose message is a plain string literal. */
function l10nMessages(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const messages: string[] = [];
  const visit = (node: ts.Node): void => {
    // vscode.l10n.t('…') in the extension, and t('…') in core, where the host passes vscode.l10n.t in as `t`.
    const isT =
      ts.isCallExpression(node) &&
      ((ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't' && node.expression.expression.getText(source).endsWith('l10n')) ||
        (ts.isIdentifier(node.expression) && node.expression.text === 't'));
    // localizable('…') (core/l10n/localizable.ts) makes words that the host shows through vscode.l10n.t:
    // the message must be a literal, or no translation could be checked for it (the module's own
    // definitions pass their parameter on).
    const isWords =
      ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'localizable' && !file.endsWith(path.join('l10n', 'localizable.ts'));
    if (isT || isWords) {
      const [message] = node.arguments;
      if (message && (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message))) messages.push(message.text);
      else if (isWords) messages.push(`(localizable words whose message is not a literal, line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return messages;
}

const root = repoRoot();

test('every vscode.l10n.t message has a zh-cn translation', () => {
  const bundle = JSON.parse(readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const messages = sourceFiles(path.join(root, 'src')).flatMap((file) => l10nMessages(file).map((message) => ({ file, message })));
  assert.ok(messages.length > 50, `found ${messages.length} messages`);
  const missing = messages.filter(({ message }) => !(message in bundle)).map(({ file, message }) => `${path.relative(root, file)}: ${message}`);
  assert.deepEqual(missing, []);
  for (const { message } of messages) {
    const placeholders = (text: string) => [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');
    assert.equal(placeholders(bundle[message]), placeholders(message), `placeholders of "${message}"`);
  }
});

test('every string package.json contributes has a zh-cn translation', () => {
  const english = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const chinese = JSON.parse(readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
  const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(used.length > 10);
  assert.deepEqual(used.filter((key) => !(key in english)), [], 'keys package.json uses that package.nls.json lacks');
  assert.deepEqual(Object.keys(english).filter((key) => !(key in chinese)), [], 'keys without a Chinese string');
});
