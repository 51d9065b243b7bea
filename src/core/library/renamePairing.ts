// A post renamed or moved outside VS Code (`mv`, `git mv`, a checkout that renames) reaches the
// extension only as its file watcher's delete of the old name and create of the new one, in either order
// and up to seconds apart. This pairs them: a watched file that went and a file that arrived within a
// short window are one file moved when they hold the same post (postIdentity: its blog address, slug
// or title + date) or the very same text. Pure bookkeeping: the caller reads files, keeps time and
// sets the timers.
import { candidateKeys, postIdentity } from '../annotations/postIdentity';

/** What is compared of a file's text: who its post is, and (for a file that names no post) the text itself. */
export interface PostFingerprint {
  /** Every key the post may be filed under (candidateKeys), best first; none for a text that names no post. */
  keys: string[];
  /** The post's blog archive id, when its text names one: two different ids are two different posts. */
  archive: string | null;
  length: number;
  /** A 53-bit hash of the text: "the same text" without keeping the text of every file that arrived. */
  hash: number;
}

export function postFingerprint(text: string): PostFingerprint {
  const identity = postIdentity(text);
  const keys = identity ? candidateKeys(identity) : [];
  const archive = keys.find((key) => key.startsWith('archives-')) ?? null;
  return { keys, archive, length: text.length, hash: cyrb53(text) };
}

/** How well `after` passes for `before` moved: 2 the same text, 1 the same post, 0 not the same file. */
export function sameness(before: PostFingerprint, after: PostFingerprint): 0 | 1 | 2 {
  // An empty file is anything's twin: it says nothing of which file it was.
  if (before.length > 0 && before.length === after.length && before.hash === after.hash) return 2;
  if (before.archive && after.archive) return before.archive === after.archive ? 1 : 0;
  return before.keys.some((key) => after.keys.includes(key)) ? 1 : 0;
}

export type Pairing =
  /** The file at `from` now lives at `to`. */
  | { kind: 'moved'; from: string; to: string }
  /** The file at `path` came back under its own name (a checkout wrote it anew, an undo). */
  | { kind: 'back'; path: string };

interface Gone {
  path: string;
  /** Undefined: its text was never known (a preview that never rendered): only its own name brings it back. */
  was: PostFingerprint | undefined;
  at: number;
  /** Its window passed without a new name: reported by expired() once. */
  lost: boolean;
}

interface Arrived {
  path: string;
  is: PostFingerprint;
  at: number;
}

/**
 * Watched files that went, and files that arrived, each kept for `windowMs`. A file that went stays
 * known after its window (lost) until forget(): its name coming back is still worth telling.
 */
export class RenamePairing {
  private gone: Gone[] = [];
  private arrivals: Arrived[] = [];

  constructor(readonly windowMs: number) {}

  /** A watched file went at `now`; paired at once with a file that arrived shortly before it (a copy, then a delete). */
  went(path: string, was: PostFingerprint | undefined, now: number): Pairing | undefined {
    this.prune(now);
    if (this.gone.some((g) => g.path === path)) return undefined; // a folder's delete reported file by file too
    const best = was && this.best(this.arrivals.filter((a) => a.path !== path), (a) => sameness(was, a.is));
    if (best) {
      this.arrivals = this.arrivals.filter((a) => a !== best);
      return { kind: 'moved', from: path, to: best.path };
    }
    this.gone.push({ path, was, at: now, lost: false });
    return undefined;
  }

  /** A file arrived at `now`, `is` its text's fingerprint: the watched file it is the new name of, or that came back, if any. */
  arrived(path: string, is: PostFingerprint, now: number): Pairing | undefined {
    this.prune(now);
    const back = this.gone.find((g) => g.path === path);
    if (back) {
      this.gone = this.gone.filter((g) => g !== back);
      return { kind: 'back', path };
    }
    const best = this.best(this.gone.filter((g) => !g.lost && g.was), (g) => (g.was ? sameness(g.was, is) : 0));
    if (best) {
      this.gone = this.gone.filter((g) => g !== best);
      return { kind: 'moved', from: best.path, to: path };
    }
    this.arrivals.push({ path, is, at: now });
    return undefined;
  }

  /** The watched files whose window has passed with no new name: deleted, as far as anyone can tell. Each is reported once. */
  expired(now: number): string[] {
    const lost = this.gone.filter((g) => !g.lost && now - g.at >= this.windowMs);
    for (const g of lost) g.lost = true;
    this.prune(now);
    return lost.map((g) => g.path);
  }

  /** When the next watched file's window ends; undefined when none is waiting. */
  nextDeadline(): number | undefined {
    const waiting = this.gone.filter((g) => !g.lost).map((g) => g.at + this.windowMs);
    return waiting.length > 0 ? Math.min(...waiting) : undefined;
  }

  /** The watched files that went and have neither come back nor been paired (nor forgotten). */
  goneFiles(): string[] {
    return this.gone.map((g) => g.path);
  }

  /** Stop watching for `path` (its preview closed, or shows another file now). */
  forget(path: string): void {
    this.gone = this.gone.filter((g) => g.path !== path);
  }

  /** The candidate most like the file (the same text before the same post; the first of equals); undefined when none is. */
  private best<T>(candidates: T[], score: (candidate: T) => number): T | undefined {
    let best: T | undefined;
    let bestScore = 0;
    for (const candidate of candidates) {
      const s = score(candidate);
      if (s > bestScore) [best, bestScore] = [candidate, s];
    }
    return best;
  }

  private prune(now: number): void {
    this.arrivals = this.arrivals.filter((a) => now - a.at < this.windowMs);
  }
}

/** cyrb53 (bryc, public domain): a fast 53-bit string hash, two 32-bit lanes mixed at the end. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
