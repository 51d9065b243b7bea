// A text that remembers, for every character, where it came from — so an edit made at test time tells
// us exactly where each annotation should be found afterwards (or that its words are gone). Shared by
// the re-anchoring tests and the bench (test/bench/annotations.bench.ts).

export class TrackedText {
  private current: string;
  /** origin[i] is the offset in the original text of the unit now at i, or -1 when it was inserted. */
  private origin: number[];

  constructor(text: string) {
    this.current = text;
    this.origin = Array.from({ length: text.length }, (_, i) => i);
  }

  get text(): string {
    return this.current;
  }

  get length(): number {
    return this.current.length;
  }

  insert(at: number, text: string): this {
    this.edits++;
    this.current = this.current.slice(0, at) + text + this.current.slice(at);
    this.origin.splice(at, 0, ...new Array<number>(text.length).fill(-1));
    return this;
  }

  delete(start: number, end: number): this {
    this.edits++;
    this.current = this.current.slice(0, start) + this.current.slice(end);
    this.origin.splice(start, end - start);
    return this;
  }

  /** Replaces one unit in place (it keeps its origin: the same character, written differently). */
  replaceChar(at: number, ch: string): this {
    this.current = this.current.slice(0, at) + ch + this.current.slice(at + 1);
    return this;
  }

  /** Moves [start, end) so that it begins at `to` (an offset in the text before the move, outside the range). */
  move(start: number, end: number, to: number): this {
    this.edits++;
    const piece = this.current.slice(start, end);
    const origin = this.origin.splice(start, end - start);
    const rest = this.current.slice(0, start) + this.current.slice(end);
    const target = to > start ? to - (end - start) : to;
    this.current = rest.slice(0, target) + piece + rest.slice(target);
    this.origin.splice(target, 0, ...origin);
    return this;
  }

  /** Current offset of every original offset (-1 when gone); rebuilt after each edit, on demand. */
  private currentOf(): Int32Array {
    if (this.cache && this.cacheLength === this.current.length && this.cacheEdits === this.edits) return this.cache;
    const size = this.origin.reduce((m, o) => Math.max(m, o + 1), 0);
    const current = new Int32Array(size).fill(-1);
    this.origin.forEach((o, i) => {
      if (o >= 0) current[o] = i;
    });
    this.cache = current;
    this.cacheLength = this.current.length;
    this.cacheEdits = this.edits;
    return current;
  }

  private cache: Int32Array | undefined;
  private cacheLength = -1;
  private cacheEdits = -1;
  private edits = 0;

  /**
   * Where the original range [start, end) is now: from the first to the last of its surviving characters,
   * or null when none survives.
   */
  expected(start: number, end: number): { start: number; end: number } | null {
    const current = this.currentOf();
    let first = Infinity;
    let last = -1;
    for (let o = start; o < end && o < current.length; o++) {
      const i = current[o];
      if (i < 0) continue;
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
    return last < 0 ? null : { start: first, end: last + 1 };
  }
}

const FULL_TO_HALF: Record<string, string> = { '，': ',', '。': '.', '：': ':', '；': ';', '（': '(', '）': ')', '！': '!', '？': '?', '、': ',' };

/** Full-width punctuation inside [start, end) made half-width (what a different html2text run does). */
export function halfWidthPunctuation(tracked: TrackedText, start: number, end: number): number {
  let changed = 0;
  const text = tracked.text;
  for (let i = start; i < end; i++) {
    const half = FULL_TO_HALF[text[i]];
    if (half) {
      tracked.replaceChar(i, half);
      changed++;
    }
  }
  return changed;
}
