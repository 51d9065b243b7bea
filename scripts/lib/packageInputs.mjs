// What the .vsix is made of, as one hash: `npm start` packages and installs the extension again only
// when this changes (packaging with vsce takes ≈ 14 s here; most starts change nothing it holds).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

/**
 * Folders and files that end up in the package (see .vscodeignore) or decide what does: the bundles,
 * the manifest and its strings, media, grammars, translations, the sample library, the lockfile (the
 * production dependencies vsce copies) and the packaging code itself.
 */
export const PACKAGE_INPUTS = [
  'dist', 'media', 'syntaxes', 'l10n', 'sample', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json',
  'package-lock.json', '.vscodeignore', 'README.md', 'scripts/lib/vsix.mjs',
];

function filesUnder(relative) {
  const full = path.join(repoRoot, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)))
    .sort();
}

/** sha256 over every input file's path and bytes, in a fixed order. */
export function packageInputsHash(inputs = PACKAGE_INPUTS) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder)) {
    hash.update(file.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(path.join(repoRoot, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}
