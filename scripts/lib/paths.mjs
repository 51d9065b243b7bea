// Paths shared by the test and start scripts. Everything generated lives in gitignored folders.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** Cache folder, like @vscode/test-electron's download: never a dependency of the extension. */
export const vscodeTestDir = path.join(repoRoot, '.vscode-test');
export const codeServerDir = path.join(vscodeTestDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.KEXUE_CHROMIUM ?? '/usr/bin/chromium';
export const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
export const testResultsDir = path.join(repoRoot, 'test-results');

/** The scraped blog corpus: `$KEXUE_CORPUS`, else `<repo>/../shared/corpus`; undefined when absent. */
export function corpusDir() {
  const candidate = process.env.KEXUE_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
  return existsSync(candidate) ? candidate : undefined;
}

/** The bundled sample library, else the test fixtures; undefined when neither holds a file. */
export function sampleLibraryDir() {
  return existsSync(path.join(repoRoot, 'sample')) ? path.join(repoRoot, 'sample') : undefined;
}
