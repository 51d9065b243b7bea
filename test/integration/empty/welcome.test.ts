// Runs in the real extension host on an empty workspace: no posts, so the welcome view shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, kexueApi } from '../kexueApi';

describe('Empty workspace', () => {
  it('indexes to an empty library and offers Open Folder and Open Sample Library', async () => {
    const api = await kexueApi();
    const library = await api.library();
    assert.equal(library.posts.length, 0);
    assert.deepEqual(await api.seriesTree.getChildren(), []);
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { viewsWelcome: { view: string; contents: string; when: string }[] };
    };
    const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === 'kexueReader.series');
    assert.ok(welcome, 'the Series view has a welcome view');
    assert.match(welcome.when, /!kexueReader\.hasPosts/);
    // The localised contents still hold both command links.
    assert.match(welcome.contents, /command:workbench\.action\.files\.openFolder/);
    assert.match(welcome.contents, /command:kexueReader\.openSampleLibrary/);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('kexueReader.openSampleLibrary'));
  });
});
