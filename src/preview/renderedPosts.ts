// Whole rendered posts of this window, as the CLI keeps them on disk: a post shown again (clicked again
// in the Series view, the panel closed and reopened, series navigation back and forth) is sent from
// here, without markdown-it, numbering or a formula lookup. One entry per file, the most recently
// used kept; an entry holds only while the text, the macros and the library (its 《title》 links,
// series) are the ones it was rendered with.
import { createHash } from 'node:crypto';
import type { RenderResult } from '../core/render/types';

interface Entry {
  textHash: string;
  macros: string;
  /** The library lookup the 《title》 links were resolved with (undefined: none yet). */
  library: object | undefined;
  result: RenderResult;
}

export interface RenderedPostKey {
  file: string;
  text: string;
  macros: Readonly<Record<string, string>>;
  library: object | undefined;
}

export class RenderedPosts {
  private readonly entries = new Map<string, Entry>();
  /** Counted for tests and the bench: renders this cache spared. */
  hits = 0;

  /** A few long posts' HTML (≈ 2 MB each for the longest). */
  constructor(private readonly capacity = 8) {}

  get(key: RenderedPostKey): RenderResult | undefined {
    const entry = this.entries.get(key.file);
    if (!entry || entry.library !== key.library || entry.macros !== JSON.stringify(key.macros) || entry.textHash !== hashOf(key.text)) return undefined;
    this.entries.delete(key.file);
    this.entries.set(key.file, entry);
    this.hits++;
    return entry.result;
  }

  /** Keeps a whole, finished render (not a first-screens one, not one waiting for MathJax). */
  set(key: RenderedPostKey, result: RenderResult): void {
    if (result.partial || result.stats.pendingFallbacks > 0) return;
    this.entries.delete(key.file);
    this.entries.set(key.file, { textHash: hashOf(key.text), macros: JSON.stringify(key.macros), library: key.library, result });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
