// Loads a CommonJS bundle of the CLI with V8's code cache kept under the user's cache folder, so that
// a one-shot command (`kexue compute pinv …`) does not parse and compile its bundle's functions anew on
// every run. The cache is written after the first run that had none (or had a stale one), once the
// command has run: it then holds the functions that run compiled, not just the top level. V8 checks
// every cache against its own version and flags and rejects a mismatch (cachedDataRejected), but of
// the source it checks only the length: so the file starts with the very bytes of the bundle it was
// made from (their length, then the bytes), and a cache of another build (a rebuilt bundle of the same
// length) is never handed to V8. Compared byte for byte (a memcmp): a hash of the bundle needed
// node:crypto, whose loading alone cost each one-shot command 5–15 ms. Either way the bundle then
// compiles as usual and the cache is rewritten. Anything going wrong here (no cache folder, read-only
// home, a torn file) falls back to a plain require.
// Used by `kexue compute` (dist/cliCompute.js) and by every other command (dist/cliCommands.js:
// KaTeX, markdown-it and the render engine compiled for `kexue render` each run cost ≈ 0.1 s of CPU).
import { isAscii } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** Where the cache files go: $XDG_CACHE_HOME, %LOCALAPPDATA% or ~/.cache, in kexue-reader/code-cache. */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || (process.platform === 'win32' ? env.LOCALAPPDATA : undefined) || path.join(homedir(), '.cache');
  return path.join(base, 'kexue-reader', 'code-cache');
}

/** A cache file: the bundle's length (4 bytes, little-endian), the bundle, then V8's data. */
const HEADER_BYTES = 4;

/** One cache file per bundle path (two installs do not overwrite each other's). */
function cacheFileFor(bundle: string, folder: string): string {
  // FNV-1a of the path: a name, not a check (V8 checks the contents).
  let h = 0x811c9dc5;
  for (let i = 0; i < bundle.length; i++) h = Math.imul(h ^ bundle.charCodeAt(i), 0x01000193) >>> 0;
  return path.join(folder, `${path.basename(bundle, '.js')}-${h.toString(16).padStart(8, '0')}.bin`);
}

/** The bundle's module.exports, as require would return them. */
export function requireWithCodeCache(bundle: string, env: NodeJS.ProcessEnv = process.env): unknown {
  if (env.KEXUE_CODE_CACHE === '0') return createRequire(bundle)(bundle);
  let bytes: Buffer;
  try {
    bytes = readFileSync(bundle);
  } catch {
    return createRequire(bundle)(bundle);
  }
  // esbuild writes ASCII (it escapes the rest): read as latin1, the same text in half the time of UTF-8.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const file = cacheFileFor(bundle, codeCacheFolder(env));
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(file);
    // Only a cache made from this very bundle; anything else (another build, a torn file) is none.
    const from = HEADER_BYTES + bytes.length;
    const same = stored.length > from && stored.readUInt32LE(0) === bytes.length && stored.subarray(HEADER_BYTES, from).equals(bytes);
    cachedData = same ? stored.subarray(from) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    cachedData,
    // The LP solver's WebAssembly loader imports node:module dynamically.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // After the command, with what it compiled; never in the way of its exit code or output.
    process.once('beforeExit', () => writeCache(script, file, bytes));
  }
  const exports = {};
  const module = { exports, id: bundle, filename: bundle, loaded: false, children: [], paths: [] };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(exports, exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  return module.exports;
}

function writeCache(script: vm.Script, file: string, bundle: Buffer): void {
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(bundle.length, 0);
    const data = Buffer.concat([header, bundle, script.createCachedData()]);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole then renamed: a reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // No cache this time: the next run compiles as this one did.
  }
}
