#!/usr/bin/env node
// `npm start`: builds the extension, installs it from a .vsix into a private code-server profile (.start/)
// and serves VS Code on 127.0.0.1 with the sample library open, until Ctrl-C.
//
//   npm start [-- --port 8080] [-- --folder <path>] [-- --dev]
//     --dev   run the extension straight from this folder (extensionDevelopmentPath) instead of the .vsix:
//             reload the browser window after `npm run watch` rebuilt it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeServerCli, startCodeServer } from './codeServer.mjs';
import { ensureSystem } from './ensure-system.mjs';
import { installCodeServer } from './install-code-server.mjs';
import { corpusDir, repoRoot } from './lib/paths.mjs';
import { packageVsix } from './lib/vsix.mjs';
import { workbenchUrl } from './lib/workbench.mjs';

const { values: opts } = parseArgs({
  options: { port: { type: 'string' }, folder: { type: 'string' }, dev: { type: 'boolean', default: false } },
});

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

if (!ensureSystem()) process.exit(1);
installCodeServer();

console.log('start: building (node esbuild.mjs)');
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed');

const profile = path.join(repoRoot, '.start'); // gitignored; settings you change in the browser persist here
mkdirSync(profile, { recursive: true });
if (!opts.dev) {
  const vsix = packageVsix(path.join(profile, 'kexue-reader.vsix'));
  await codeServerCli(['--install-extension', vsix, '--force'], { dataDir: profile });
}

const sample = path.join(repoRoot, 'sample');
const folder = path.resolve(opts.folder ?? (existsSync(sample) ? sample : (corpusDir() ?? repoRoot)));
const server = await startCodeServer({
  dataDir: profile,
  workspace: folder,
  port: opts.port ? Number(opts.port) : undefined,
  quiet: true,
  settings: { 'workbench.startupEditor': 'none' },
});
const url = opts.dev ? workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot }) : server.url;
console.log(`\nKexue Reader in VS Code (code-server), folder ${folder}${opts.dev ? ' — development mode' : ''}:\n\n  ${url}\n`);
console.log(`server log: ${path.relative(process.cwd(), server.logFile)} · stop with Ctrl-C`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nstart: ${signal}, stopping code-server`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
server.exited.then((code) => {
  if (!stopping) fail(`code-server exited unexpectedly (${code}); see ${server.logFile}`);
});
