// A stand-in language pack, so that the e2e tests can run the extension in 简体中文 in code-server.
// VS Code shows an extension's vscode.l10n bundle and package.nls.<lang>.json only when the display
// language resolves to that language, and it resolves only to a language some installed language pack
// contributes: `code-server --locale zh-cn` alone leaves everything English (tried: the workbench and
// our strings both stayed English). The real pack (MS-CEINTL.vscode-language-pack-zh-hans) is a
// marketplace download, which the tests may not make; this one contributes zh-cn with no translations
// of VS Code's own strings — the workbench stays English and only the extension speaks Chinese, which
// is what the tests look at. Packaged with vsce like the extension itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

const PUBLISHER = 'kexue-test';
const packName = (locale) => `kexue-test-language-pack-${locale}`;

/** VS Code's language ids of the packs this can stand in for. */
const NAMES = { 'zh-cn': { languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)' } };

/** Writes the stand-in pack for `locale` as a .vsix at `outFile`; returns outFile. */
export function packageStandInLanguagePack(locale, outFile) {
  const names = NAMES[locale];
  if (!names) throw new Error(`no stand-in language pack for ${locale}; one of ${Object.keys(NAMES).join(', ')}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kexue-langpack-'));
  try {
    mkdirSync(path.join(dir, 'translations'));
    writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
    writeFileSync(path.join(dir, 'README.md'), `Test-only stand-in language pack for ${locale}: translates none of VS Code's strings.\n`);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
      name: packName(locale),
      displayName: `Stand-in language pack (${locale}) for Kexue Reader's tests`,
      publisher: PUBLISHER,
      version: '1.0.0',
      engines: { vscode: '^1.90.0' },
      categories: ['Language Packs'],
      contributes: { localizations: [{ languageId: locale, ...names, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
    }, null, 2));
    mkdirSync(path.dirname(outFile), { recursive: true });
    const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const result = spawnSync(process.execPath, [vsce, 'package', '--out', outFile, '--allow-missing-repository', '--skip-license'], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`vsce package of the stand-in language pack failed (${result.status ?? result.error?.message}):\n${result.stdout}\n${result.stderr}`);
    return outFile;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Registers the installed pack where the server looks for language packs at start (languagepacks.json
 * in the user-data folder): VS Code's server writes that file from its extension service, which
 * `--install-extension` from the command line does not run, and without it `--locale` resolves to English.
 */
export function registerStandInLanguagePack(locale, { userDataDir, extensionsDir }) {
  const id = `${PUBLISHER}.${packName(locale)}`;
  const translations = path.join(extensionsDir, `${id}-1.0.0`, 'translations', 'main.i18n.json');
  const entry = { hash: `stand-in-${locale}`, extensions: [{ extensionIdentifier: { id }, version: '1.0.0' }], translations: { vscode: translations }, label: NAMES[locale].localizedLanguageName };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }, null, 2));
}
