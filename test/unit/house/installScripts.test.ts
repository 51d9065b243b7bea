// `npm install` prints nothing a newcomer must wonder about: every dependency in the lockfile that
// has an install script is reviewed in package.json's allowScripts (npm ≥ 11.16 lists the others as
// "not yet covered by allowScripts"; npm 12 will not run them), and no script sets npm's removed
// `unsafe-perm` option (npm warns about an unknown config) — except the code-server install, whose
// postinstall demands it when run as root, and which drops npm's warning about it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';

const root = repoRoot();

test('every dependency with an install script is listed in allowScripts', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && entry.hasInstallScript)
    .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  assert.ok(withScripts.length > 0, 'the lockfile lists install scripts (esbuild, webgpu …)');
  const unreviewed = withScripts.filter((name) => manifest.allowScripts?.[name] === undefined);
  assert.deepEqual(unreviewed, []);
});

test('no script sets the unsafe-perm option npm 7+ no longer knows (but the code-server install, quietly)', () => {
  const offenders: string[] = [];
  const scan = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) scan(full);
      else if (/\.(mjs|js|sh)$/.test(entry.name) && /unsafe[-_]perm/i.test(readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
    }
  };
  scan(path.join(root, 'scripts'));
  scan(path.join(root, '.ci'));
  assert.deepEqual(offenders, [path.join('scripts', 'install-code-server.mjs')]);
  const installer = readFileSync(path.join(root, 'scripts', 'install-code-server.mjs'), 'utf8');
  assert.match(installer, /process\.getuid\?\.\(\) === 0 \? \{ \[UNSAFE_PERM\]: 'true' \}/, 'set for root only');
  assert.match(installer, /UNKNOWN_CONFIG_WARNING/, "npm's warning about it is dropped");
});
