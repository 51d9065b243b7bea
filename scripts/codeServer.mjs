// Starts and stops code-server (VS Code 1.100.3 in the browser) for tests and `npm start`:
// a free 127.0.0.1 port, private user-data / extensions / HOME folders, its own process group.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry, swiftShaderIcd, vscodeTestDir } from './lib/paths.mjs';

/** Settings for a quiet, deterministic workbench: no welcome page, no update or gallery checks. */
export const testUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'github.copilot.enable': { '*': false },
};

/** Whether `port` on 127.0.0.1 can be listened on right now. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** A fresh data folder under .vscode-test/runs/ (gitignored), unless the caller passes one. */
export function newDataDir(label = 'run') {
  const runs = path.join(vscodeTestDir, 'runs');
  mkdirSync(runs, { recursive: true });
  return mkdtempSync(path.join(runs, `${label}-`));
}

/**
 * @param {{
 *   workspace?: string,           folder opened by default
 *   dataDir?: string,             holds ud/ (user data), ext/ (extensions), home/, runtime/, code-server.log
 *   extensionsDir?: string,       overrides dataDir/ext
 *   port?: number,
 *   env?: Record<string,string>,  extra environment for the server and so its extension host
 *   settings?: Record<string,unknown>,  user settings merged over testUserSettings
 *   extraArgs?: string[],
 *   timeoutMs?: number,           how long to wait for /healthz
 *   quiet?: boolean,              do not echo the server log
 * }} options
 */
export async function startCodeServer(options = {}) {
  if (!existsSync(codeServerEntry)) throw new Error('code-server is not installed: run `node scripts/install-code-server.mjs`');
  const dataDir = options.dataDir ?? newDataDir();
  const userDataDir = path.join(dataDir, 'ud');
  const extensionsDir = options.extensionsDir ?? path.join(dataDir, 'ext');
  const home = path.join(dataDir, 'home');
  // IPC sockets live here and a Unix socket path may not pass 107 characters: keep it short.
  const runtimeDir = mkdtempSync(path.join(os.tmpdir(), 'kexue-rt-'));
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, home]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  const previous = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8') || '{}') : {};
  writeFileSync(settingsFile, JSON.stringify({ ...testUserSettings, ...previous, ...options.settings }, null, 2));

  const port = options.port ?? (await freePort());
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // Dawn (the compute helper) needs a Vulkan driver; SwiftShader stands in where there is no GPU.
    XDG_RUNTIME_DIR: runtimeDir,
    ...(process.env.VK_ICD_FILENAMES || !existsSync(swiftShaderIcd) ? {} : { VK_ICD_FILENAMES: swiftShaderIcd }),
    // No extension gallery: nothing is fetched from open-vsx.org (tests run offline).
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  };
  // Variables that would make code-server attach to another instance or a terminal.
  for (const key of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'PASSWORD', 'HASHED_PASSWORD', 'ELECTRON_RUN_AS_NODE']) delete env[key];

  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.extraArgs ?? []),
    ...(options.workspace ? [options.workspace] : []),
  ];
  const logFile = path.join(dataDir, 'code-server.log');
  const log = createWriteStream(logFile);
  // detached: the server leads its own process group, so stop() ends it with every extension host.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      log.write(chunk);
      if (!options.quiet) process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '[code-server] '));
    });
  }
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const onParentExit = () => killGroup('SIGKILL');
  process.on('exit', onParentExit);

  const url = `http://127.0.0.1:${port}/`;
  const server = {
    url,
    port,
    pid: child.pid,
    dataDir,
    userDataDir,
    extensionsDir,
    logFile,
    env,
    exited: exitPromise,
    /** Ends the whole process group: SIGTERM, then SIGKILL after graceMs. */
    async stop(graceMs = 3000) {
      process.off('exit', onParentExit);
      if (!exited) {
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), graceMs);
        await exitPromise;
        clearTimeout(timer);
      }
      killGroup('SIGKILL'); // stragglers (extension hosts, helpers) of the same group
      await new Promise((resolve) => log.end(resolve));
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while ((await get(`${url}healthz`)) !== 200) {
    if (exited || Date.now() > deadline) {
      await server.stop();
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`code-server did not become healthy on ${url} (${exited ? 'it exited' : 'timeout'}):\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return server;
}

/** Runs code-server's CLI (e.g. --install-extension) against the same profile folders, and waits. */
export function codeServerCli(args, { dataDir, extensionsDir } = {}) {
  return new Promise((resolve, reject) => {
    const home = path.join(dataDir, 'home');
    mkdirSync(home, { recursive: true });
    const full = [
      codeServerEntry,
      '--user-data-dir', path.join(dataDir, 'ud'),
      '--extensions-dir', extensionsDir ?? path.join(dataDir, 'ext'),
      ...args,
    ];
    const child = spawn(process.execPath, full, {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`code-server ${args.join(' ')} exited with ${code}`))));
  });
}
