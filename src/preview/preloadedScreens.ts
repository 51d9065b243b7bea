// The first screens of posts a preview page holds ahead of a click (the series neighbours of the post
// on screen, sent while the page is idle): the host's record of what it sent, with what each was
// rendered from. A click on one of them is answered with a tiny `showPost` naming it instead of
// ≈ 100–200 KB of first screens relayed through the workbench — but only while the post's text, the
// macros, the library (series bar, 《title》 links) and the landing line are the ones it was rendered
// with: an edited post is never shown stale. No vscode here: unit-tested as it is.
import { createHash } from 'node:crypto';
import { PRELOADS_KEPT, type RenderBody } from '../core/protocol/preview';

/** What a preload was rendered from. */
export interface PreloadKey {
  text: string;
  macros: Readonly<Record<string, string>>;
  /** The library lookup its series bar and links were resolved with. */
  library: object | undefined;
  /** The 0-based landing line its first screens start around (undefined: the top). */
  line: number | undefined;
}

interface Entry {
  id: number;
  uri: string;
  textHash: string;
  macros: string;
  library: object | undefined;
  line: number | undefined;
  body: RenderBody;
}

export function textHashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

export class PreloadedScreens {
  /** In the order sent: the page drops its oldest beyond PRELOADS_KEPT, and so does this record. */
  private readonly entries: Entry[] = [];
  private lastId = 0;

  constructor(private readonly kept = PRELOADS_KEPT) {}

  /** Records a preload about to be sent; returns its id (the message's). */
  add(uri: string, key: PreloadKey, body: RenderBody): number {
    this.remove(uri);
    const id = ++this.lastId;
    this.entries.push({ id, uri, textHash: textHashOf(key.text), macros: JSON.stringify(key.macros), library: key.library, line: key.line, body });
    while (this.entries.length > this.kept) this.entries.shift();
    return id;
  }

  /** Whether the page holds a preload of `uri` at all (before the text is read to check it). */
  holds(uri: string): boolean {
    return this.entries.some((entry) => entry.uri === uri);
  }

  /** Whether a preload of `uri` rendered from exactly this is held (no need to send it again). */
  holdsCurrent(uri: string, key: PreloadKey): boolean {
    return this.find(uri, key) !== undefined;
  }

  /**
   * The preload of `uri` if it was rendered from exactly `key`, handed over once (the page swaps it
   * in and drops it); any preload of `uri` is forgotten either way.
   */
  take(uri: string, key: PreloadKey): { id: number; body: RenderBody } | undefined {
    const entry = this.find(uri, key);
    this.remove(uri);
    return entry && { id: entry.id, body: entry.body };
  }

  /** The page was loaded anew (or lost what it held): it holds nothing. */
  clear(): void {
    this.entries.length = 0;
  }

  get size(): number {
    return this.entries.length;
  }

  private find(uri: string, key: PreloadKey): Entry | undefined {
    const entry = this.entries.find((e) => e.uri === uri);
    if (!entry || entry.library !== key.library || entry.line !== key.line || entry.macros !== JSON.stringify(key.macros)) return undefined;
    return entry.textHash === textHashOf(key.text) ? entry : undefined;
  }

  private remove(uri: string): void {
    const at = this.entries.findIndex((e) => e.uri === uri);
    if (at >= 0) this.entries.splice(at, 1);
  }
}
