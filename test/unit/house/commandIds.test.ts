// Command ids live in one place (src/commands/commandIds.ts) and every command goes through the one
// CommandManager that extension.ts builds: checked against package.json and against the sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { CommandIds, INTERNAL_COMMANDS } from '../../../src/commands/commandIds';
import { repoRoot } from '../repoRoot';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const root = repoRoot();
const ids = new Set<string>(Object.values(CommandIds));

test('package.json contributes exactly the commands of CommandIds that are not internal', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  const expected = [...ids].filter((id) => !INTERNAL_COMMANDS.includes(id as (typeof INTERNAL_COMMANDS)[number])).sort();
  assert.deepEqual(contributed, expected);
  assert.equal(ids.size, Object.keys(CommandIds).length, 'no id listed twice');
});

test('no source file but commandIds.ts spells a command id', () => {
  const spelled: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    if (file.endsWith(path.join('commands', 'commandIds.ts'))) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && ids.has(node.text)) spelled.push(`${path.relative(root, file)}: '${node.text}'`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  assert.deepEqual(spelled, []);
});

test('one CommandManager, built in extension.ts, registers every command', () => {
  const builders: string[] = [];
  const registrars: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(root, file);
    if (/new CommandManager\(/.test(text)) builders.push(relative);
    if (/commands\.registerCommand\(/.test(text)) registrars.push(relative);
  }
  assert.deepEqual(builders, [path.join('src', 'extension.ts')]);
  assert.deepEqual(registrars, [path.join('src', 'commands', 'commandManager.ts')]);
});
