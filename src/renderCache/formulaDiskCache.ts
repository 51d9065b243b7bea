// Rendered formulas on disk, across sessions: reopening a post after a restart runs no KaTeX and no
// MathJax. One file, read once on first use and written whole (temp file + rename, so a crash or a
// second process never leaves half a file); least recently used entries go first past `maxBytes`.
// A file that does not parse, or has another layout, is ignored and replaced on the next save —
// never an error. Node only (the extension host and the CLI); keys come from the render engine,
// which puts the engines' versions, display mode and every macro definition in them.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FormulaStore } from '../core/render/katexCache';

const FILE_NAME = 'formulas-v1.json';
const LAYOUT = 'kexue-formula-cache-1';
/** ≈ 30 long posts' formulas; the file loads in a few tens of ms. */
export const DEFAULT_MAX_BYTES = 48 * 1024 * 1024;

interface CacheFile {
  layout: string;
  /** [key hash, value], least recently used first. */
  entries: [string, string][];
}

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
    const hash = hashOf(key);
    const value = entries.get(hash);
    if (value !== undefined) {
      // Most recently used last.
      entries.delete(hash);
      entries.set(hash, value);
    }
    return value;
  }

  set(key: string, value: string): void {
    this.setHashed(hashOf(key), value);
  }

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
    const text = this.serialise();
    mkdirSync(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, this.file);
  }

  /** The same without blocking: for the extension host. */
  async saveAsync(): Promise<void> {
    if (!this.dirty || !this.entries) return;
    const text = this.serialise();
    await mkdir(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, this.file);
  }

  private serialise(): string {
    this.dirty = false;
    const file: CacheFile = { layout: LAYOUT, entries: [...(this.entries ?? [])] };
    return JSON.stringify(file);
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
      const parsed = JSON.parse(text) as Partial<CacheFile> | null;
      if (parsed?.layout !== LAYOUT || !Array.isArray(parsed.entries)) throw new Error('not a formula cache of this version');
      for (const entry of parsed.entries) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
        this.entries.set(entry[0], entry[1]);
        this.bytes += entry[1].length;
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

function hashOf(key: string): string {
  return createHash('sha1').update(key).digest('base64url');
}

/** The CLI's cache folder: $KEXUE_CACHE_DIR, else $XDG_CACHE_HOME/kexue-reader, else ~/.cache/kexue-reader. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KEXUE_CACHE_DIR) return env.KEXUE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'kexue-reader');
}
