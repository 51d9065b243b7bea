// Rendered formulas on disk, across sessions: reopening a post after a restart runs no KaTeX and no
// MathJax. One file, read once on first use and written whole (temp file + rename, so a crash or a
// second process never leaves half a file); least recently used entries go first past `maxBytes`.
// A file that does not parse, or has another layout, is ignored and replaced on the next save —
// never an error. Node only (the extension host and the CLI); keys come from the render engine,
// which puts the engines' versions, display mode and every macro definition in them.
//
// The file is a header line, then one entry per line, least recently used first:
// `<key hash>\t<value length>\t<value>\n`. Values (KaTeX's HTML, mostly) go in as they are: the
// JSON array this replaced escaped every quote of the HTML (a stored outcome was JSON already, so
// twice), and writing the corpus's 2 657 formulas cost a first `kexue render` more than a third of
// its time. A length, not a separator, ends a value, so a value may hold any character.

import { createHash, hash as oneShotHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FormulaStore } from '../core/render/katexCache';

const FILE_NAME = 'formulas-v2.txt';
/** The file of the previous layout: removed when this one is written, so it does not linger. */
const OLD_FILE_NAME = 'formulas-v1.json';
const HEADER = 'kexue-formula-cache-2\n';
/** ≈ 30 long posts' formulas; the file loads in a few tens of ms. */
export const DEFAULT_MAX_BYTES = 48 * 1024 * 1024;
/** Entries written per buffer handed to the file. */
const ENTRIES_PER_CHUNK = 500;

export class FormulaDiskCache implements FormulaStore {
  private entries: Map<string, string> | undefined;
  private bytes = 0;
  private dirty = false;
  /** Entries set since construction, kept only for a worker to hand to the process that saves. */
  readonly added: [string, string][] = [];
  private readonly trackAdded: boolean;
  /** Why the file on disk was not used, when it was not ('missing' is not a problem). */
  problem: string | undefined;

  private readonly autoSaveMs: number | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `autoSaveMs`: save (without blocking) that long after the last change, and on dispose — for
   * the extension host, where no command end tells us when.
   */
  constructor(
    readonly dir: string,
    options: { maxBytes?: number; trackAdded?: boolean; autoSaveMs?: number } = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.trackAdded = options.trackAdded ?? false;
    this.autoSaveMs = options.autoSaveMs;
  }

  /** Saves what is not saved yet; a failure to write costs the next session time, nothing else. */
  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      this.save();
    } catch {
      // Read-only or full disk: the formulas are rendered again next time.
    }
  }

  private scheduleSave(): void {
    if (this.autoSaveMs === undefined) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saveAsync().catch(() => undefined);
    }, this.autoSaveMs);
    this.saveTimer.unref?.();
  }

  private readonly maxBytes: number;

  get file(): string {
    return path.join(this.dir, FILE_NAME);
  }

  get size(): number {
    return this.load().size;
  }

  get(key: string): string | undefined {
    const entries = this.load();
    const hash = this.hashOf(key);
    const value = entries.get(hash);
    if (value !== undefined) {
      // Most recently used last.
      entries.delete(hash);
      entries.set(hash, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    // UTF-8 on disk would turn a lone surrogate into U+FFFD: such a value is not kept.
    if (!isWellFormed(value)) return;
    this.setHashed(this.hashOf(key), value);
  }

  /** The engine looks a key up and, on a miss, sets it: the second hash is the first one's. */
  private hashOf(key: string): string {
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastHash = sha1(key);
    }
    return this.lastHash;
  }

  private lastKey: string | undefined;
  private lastHash = '';

  /** Entries another process (a render worker) made, already hashed. */
  merge(added: readonly [string, string][]): void {
    for (const [hash, value] of added) this.setHashed(hash, value);
  }

  private setHashed(hash: string, value: string): void {
    const entries = this.load();
    const previous = entries.get(hash);
    if (previous !== undefined) {
      this.bytes -= previous.length;
      entries.delete(hash);
    }
    entries.set(hash, value);
    this.bytes += value.length;
    if (this.trackAdded) this.added.push([hash, value]);
    this.dirty = true;
    this.scheduleSave();
    for (const [oldest, oldValue] of entries) {
      if (this.bytes <= this.maxBytes) break;
      entries.delete(oldest);
      this.bytes -= oldValue.length;
    }
  }

  /** Writes the file if anything changed; for the CLI, at the end of a command. */
  save(): void {
    if (!this.dirty || !this.entries) return;
    const chunks = this.serialise();
    mkdirSync(this.dir, { recursive: true });
    const temp = this.tempFile();
    try {
      writeFileSync(temp, chunks.shift() ?? '');
      for (const chunk of chunks) writeFileSync(temp, chunk, { flag: 'a' });
      renameSync(temp, this.file);
    } catch (error: unknown) {
      // Full disk, read-only folder: no half-written temp file left behind.
      rmSync(temp, { force: true });
      throw error;
    }
    rmSync(path.join(this.dir, OLD_FILE_NAME), { force: true });
  }

  /** The same without blocking: for the extension host. */
  async saveAsync(): Promise<void> {
    if (!this.dirty || !this.entries) return;
    const chunks = this.serialise();
    await mkdir(this.dir, { recursive: true });
    const temp = this.tempFile();
    try {
      await writeFile(temp, chunks.shift() ?? '');
      for (const chunk of chunks) await writeFile(temp, chunk, { flag: 'a' });
      await rename(temp, this.file);
    } catch (error: unknown) {
      await rm(temp, { force: true });
      throw error;
    }
    await rm(path.join(this.dir, OLD_FILE_NAME), { force: true });
  }

  /**
   * A temp file of this save's own: the file is written in chunks, and a save at exit (`dispose`)
   * may start while a timed one is still writing.
   */
  private tempFile(): string {
    return `${this.file}.${process.pid}.${++this.saves}.tmp`;
  }

  private saves = 0;

  /**
   * The file's bytes in a few buffers (header first), taken at once (entries may change while an
   * asynchronous save writes). Each value is encoded straight into bytes: building each chunk as
   * one string first (most values are two-byte strings: KaTeX's output holds U+200B) copied the
   * corpus's 11 M characters once more and cost a first `kexue render` ≈ 90 ms of its 135 ms save.
   */
  private serialise(): Buffer[] {
    this.dirty = false;
    const chunks = [Buffer.from(HEADER)];
    let pieces: Buffer[] = [];
    let count = 0;
    for (const [hash, value] of this.entries ?? []) {
      // The hash is base64url and the length digits: ASCII, so latin1 is their UTF-8.
      pieces.push(Buffer.from(`${hash}\t${value.length}\t`, 'latin1'), Buffer.from(value, 'utf8'), NEWLINE);
      if (++count % ENTRIES_PER_CHUNK === 0) {
        chunks.push(Buffer.concat(pieces));
        pieces = [];
      }
    }
    if (pieces.length > 0) chunks.push(Buffer.concat(pieces));
    return chunks;
  }

  private load(): Map<string, string> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      this.problem = 'missing';
      return this.entries;
    }
    try {
      if (!text.startsWith(HEADER)) throw new Error('not a formula cache of this version');
      for (let at = HEADER.length; at < text.length; ) {
        const tab = text.indexOf('\t', at);
        const lengthEnd = tab < 0 ? -1 : text.indexOf('\t', tab + 1);
        const length = lengthEnd < 0 ? NaN : Number(text.slice(tab + 1, lengthEnd));
        const end = lengthEnd + 1 + length;
        if (!Number.isInteger(length) || length < 0 || text[end] !== '\n') throw new Error('a damaged entry');
        const value = text.slice(lengthEnd + 1, end);
        this.entries.set(text.slice(at, tab), value);
        this.bytes += value.length;
        at = end + 1;
      }
    } catch (error: unknown) {
      // Corrupt or foreign: start empty; the next save replaces it.
      this.entries.clear();
      this.bytes = 0;
      this.problem = error instanceof Error ? error.message : String(error);
    }
    return this.entries;
  }
}

/**
 * `crypto.hash` (Node ≥ 20.12) hashes in one call; createHash builds a Hash object per key, which
 * cost as much as the hashing itself for the corpus's 2 × 2 657 short keys.
 */
const sha1 =
  typeof oneShotHash === 'function'
    ? (key: string) => oneShotHash('sha1', key, 'base64url')
    : (key: string) => createHash('sha1').update(key).digest('base64url');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEWLINE = Buffer.from('\n');

/**
 * No lone surrogate in `value`. String.prototype.isWellFormed (V8 11.1; not in our ES2022 lib's
 * types) scans natively: the regex above took ≈ 24 ms of a first `kexue render` of the corpus, it ≈ 5.
 */
const isWellFormed: (value: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (value) => (value as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (value) => !LONE_SURROGATE.test(value);

/** The CLI's cache folder: $KEXUE_CACHE_DIR, else $XDG_CACHE_HOME/kexue-reader, else ~/.cache/kexue-reader. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KEXUE_CACHE_DIR) return env.KEXUE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'kexue-reader');
}
