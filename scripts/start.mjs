#!/usr/bin/env node
// `npm start`: builds the extension, installs it from a .vsix into a private code-server profile (.start/)
// and serves VS Code on 127.0.0.1 with the sample library open, until Ctrl-C.
//
//   npm start [-- --port 8080] [-- --folder <path>] [-- --dev]
//     --port  default 8417, or a free port when 8417 is taken (the URL printed at the end says which)
//     --dev   run the extension straight from this folder (extensionDevelopmentPath) instead of the .vsix:
//             reload the browser window after `npm run watch` rebuilt it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeServerCli, freePort, portIsFree, startCodeServer } from './codeServer.mjs';
import { ensureSystem } from './ensure-system.mjs';
import { installCodeServer } from './install-code-server.mjs';
import { corpusDir, repoRoot } from './lib/paths.mjs';
import { packageInputsHash } from './lib/packageInputs.mjs';
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
  // Package and install only when something the package holds changed since the last start.
  const stamp = path.join(profile, 'kexue-reader.vsix.inputs');
  const vsix = path.join(profile, 'kexue-reader.vsix');
  const inputs = packageInputsHash();
  const installed = existsSync(stamp) && existsSync(vsix) ? readFileSync(stamp, 'utf8').trim() : undefined;
  if (installed === inputs) {
    console.log('start: the extension is unchanged since the last start; not packaging it again');
  } else {
    rmSync(stamp, { force: true }); // an interrupted install must not look finished next time
    packageVsix(vsix);
    await codeServerCli(['--install-extension', vsix, '--force'], { dataDir: profile });
    writeFileSync(stamp, `${inputs}\n`);
  }
}

/** A stable address to bookmark: 8417 unless it is taken (then any free port) or --port says otherwise. */
const DEFAULT_PORT = 8417;
async function choosePort() {
  if (opts.port) return Number(opts.port);
  if (await portIsFree(DEFAULT_PORT)) return DEFAULT_PORT;
  const port = await freePort();
  console.log(`start: port ${DEFAULT_PORT} is taken; using ${port}`);
  return port;
}

const sample = path.join(repoRoot, 'sample');
const folder = path.resolve(opts.folder ?? (existsSync(sample) ? sample : (corpusDir() ?? repoRoot)));
const server = await startCodeServer({
  dataDir: profile,
  workspace: folder,
  port: await choosePort(),
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
