// The extension is installed, activates, and registers every command package.json contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'kexue-reader.kexue-reader';

describe('smoke: Kexue Reader in a real VS Code', () => {
  it('is installed', () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not among the installed extensions`);
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    await extension.activate();
    const packageJson = extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
    const contributed = (packageJson.contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
  });
});
