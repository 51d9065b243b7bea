#!/usr/bin/env node
// Installs code-server (a real VS Code 1.100.3 that runs on Node 20) into .vscode-test/, the way
// @vscode/test-electron caches its download. It is never a dependency of the extension itself.
//
//   node scripts/install-code-server.mjs          install unless already there
//   node scripts/install-code-server.mjs --force  reinstall
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, codeServerDir, codeServerEntry, vscodeTestDir } from './lib/paths.mjs';

// @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here: it first looks in
// `$TMPDIR/vscode-ripgrep-cache-<pkg version>/<asset>`, so a tarball of Debian's rg satisfies it.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function run(cmd, args, options) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

// code-server's postinstall refuses to run as root under npm unless npm_config_unsafe_perm is "true"
// (an option npm 7+ no longer knows, so npm warns "Unknown env config"). We set it for that check
// only, and drop npm's warning about it: it says nothing a newcomer could act on.
const UNSAFE_PERM = 'npm_config_unsafe_perm';
const UNKNOWN_CONFIG_WARNING = /^npm warn Unknown env config "unsafe-perm".*\n?/gm;

/** `run`, with npm's stderr passed through minus the warning above. */
function runNpm(args, options) {
  const result = spawnSync('npm', args, { stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8', ...options });
  if (result.stderr) process.stderr.write(result.stderr.replace(UNKNOWN_CONFIG_WARNING, ''));
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** Returns the path of code-server's entry script, installing it first when needed. */
export function installCodeServer({ force = false } = {}) {
  if (!force && existsSync(codeServerEntry)) {
    console.log(`code-server ${CODE_SERVER_VERSION}: already installed in ${path.relative(process.cwd(), codeServerDir) || '.'}`);
    return codeServerEntry;
  }
  const started = Date.now();
  const staging = `${codeServerDir}.partial`;
  const scratch = path.join(vscodeTestDir, 'install-scratch');
  rmSync(staging, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  for (const dir of [staging, scratch, path.join(scratch, 'tmp', RIPGREP_CACHE)]) mkdirSync(dir, { recursive: true });
  // An own package.json keeps npm from walking up into the project's package.json.
  // allowScripts (npm ≥ 11.16): the install scripts we know this install runs and need — code-server's
  // postinstall (VS Code's own modules) and argon2's prebuilt binary — so npm does not list them as
  // unreviewed, and npm 12, which blocks unlisted ones, still runs them.
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2));

  // node-gyp builds code-server's native modules (kerberos, …) against the running Node's headers;
  // pointing it at them avoids a header download from nodejs.org (unreachable in CI).
  const nodedir = [path.resolve(path.dirname(process.execPath), '..'), '/usr', '/usr/local'].find((d) => existsSync(path.join(d, 'include', 'node', 'node.h')));
  if (!nodedir) throw new Error(`no Node.js headers (include/node/node.h) next to ${process.execPath} or in /usr: install Node with its headers`);

  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is missing: run `node scripts/ensure-system.mjs` first');
  run('tar', ['czf', path.join(scratch, 'tmp', RIPGREP_CACHE, RIPGREP_ASSET), '-C', path.dirname(rg), path.basename(rg)]);

  // Keep the user's npm cache (HOME moves to the scratch folder, which would otherwise move it too).
  const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
  const env = {
    ...process.env,
    HOME: scratch,
    TMPDIR: path.join(scratch, 'tmp'),
    XDG_CONFIG_HOME: path.join(scratch, 'config'),
    XDG_DATA_HOME: path.join(scratch, 'data'),
    XDG_CACHE_HOME: path.join(scratch, 'cache'),
    npm_config_cache: npmCache || path.join(scratch, 'npm-cache'),
    npm_config_yes: 'true',
    npm_config_nodedir: nodedir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...(process.getuid?.() === 0 ? { [UNSAFE_PERM]: 'true' } : {}),
  };
  console.log(`code-server ${CODE_SERVER_VERSION}: installing into ${codeServerDir} (≈ 2 min, 300 MB)`);
  runNpm(['install', '--no-save', '--no-package-lock', '--prefix', staging, `code-server@${CODE_SERVER_VERSION}`], { env, cwd: staging });
  const stagedEntry = path.join(staging, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(stagedEntry)) throw new Error(`code-server install finished but ${stagedEntry} is missing`);
  // code-server's postinstall installs VS Code's own modules (and rg); an npm that skips install
  // scripts leaves a server that starts but cannot search or run extensions.
  const rgBin = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (!existsSync(rgBin)) throw new Error(`code-server's postinstall did not complete (${rgBin} is missing): is npm skipping install scripts?`);
  rmSync(codeServerDir, { recursive: true, force: true });
  renameSync(staging, codeServerDir);
  rmSync(scratch, { recursive: true, force: true });
  console.log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerEntry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    installCodeServer({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(`install-code-server: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
