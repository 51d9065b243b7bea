// Closing-delimiter search kept linear in the text, shared by the markdown-it math rules and the editor's math regions.

/**
 * Where the rules look for closing delimiters, kept linear in the text. A paragraph of 10⁵ unclosed
 * `\(` or `\begin{equation}` used to search to its end once per opener (quadratic: 26 s for 200k);
 * here each (text, needle) remembers its last forward search, and environments are paired for the
 * whole text in one pass. `scanned` counts the characters searched, for the linear-time tests.
 */
export class DelimiterIndex {
  /** Characters examined by searches since construction (an upper bound; for tests and the bench). */
  scanned = 0;
  private src = '';
  private readonly lastSearch = new Map<string, { from: number; at: number }>();
  private readonly pairs = new Map<string, Map<number, number>>();

  /** Switch to another text (a no-op for the same text). */
  private use(src: string): void {
    if (src === this.src) return;
    this.src = src;
    this.lastSearch.clear();
    this.pairs.clear();
  }

  /** First occurrence of `needle` at or after `from`, or -1 — src.indexOf, amortised over forward calls. */
  indexOf(src: string, needle: string, from: number): number {
    this.use(src);
    const last = this.lastSearch.get(needle);
    // The first occurrence at or after last.from is last.at: it is also the first at or after any
    // `from` between the two (and when there was none, there is none after a later `from` either).
    if (last && last.from <= from && (last.at < 0 || last.at >= from)) return last.at;
    const at = src.indexOf(needle, from);
    this.scanned += (at < 0 ? src.length : at + needle.length) - from;
    this.lastSearch.set(needle, { from, at });
    return at;
  }

  /** Start of the first match of the global `pattern` at or after `from`, or -1; memoised like indexOf. */
  search(src: string, pattern: RegExp, from: number): number {
    this.use(src);
    const key = `/${pattern.source}/`;
    const last = this.lastSearch.get(key);
    if (last && last.from <= from && (last.at < 0 || last.at >= from)) return last.at;
    pattern.lastIndex = from;
    const match = pattern.exec(src);
    const at = match ? match.index : -1;
    this.scanned += (match ? at + match[0].length : src.length) - from;
    this.lastSearch.set(key, { from, at });
    return at;
  }

  /** Index just past the `\end{name}` that closes the `\begin{name}` at `from`, or -1. */
  environmentEnd(src: string, from: number, name: string): number {
    this.use(src);
    let pairs = this.pairs.get(name);
    if (!pairs) {
      pairs = pairEnvironments(src, name);
      this.scanned += src.length;
      this.pairs.set(name, pairs);
    }
    return pairs.get(from) ?? -1;
  }
}

/** Every `\begin{name}` paired with the end of its `\end{name}` (nesting counted), in one pass. */
function pairEnvironments(src: string, name: string): Map<number, number> {
  const open = `\\begin{${name}}`;
  const close = `\\end{${name}}`;
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  let nextOpen = src.indexOf(open);
  let nextClose = src.indexOf(close);
  while (nextClose >= 0) {
    if (nextOpen >= 0 && nextOpen < nextClose) {
      stack.push(nextOpen);
      nextOpen = src.indexOf(open, nextOpen + open.length);
    } else {
      const begin = stack.pop();
      const end = nextClose + close.length;
      if (begin !== undefined) pairs.set(begin, end);
      nextClose = src.indexOf(close, end);
    }
  }
  return pairs;
}

/** One DelimiterIndex per markdown-it parse, kept in its env (a test may put its own there to count). */
export interface MathParseEnv {
  delimiters?: DelimiterIndex;
}

/** Used when a caller parses without an env object; it is keyed by the text, so sharing it is safe. */
const sharedDelimiters = new DelimiterIndex();

export function delimitersOf(env: unknown): DelimiterIndex {
  if (typeof env !== 'object' || env === null) return sharedDelimiters;
  const holder = env as MathParseEnv;
  holder.delimiters ??= new DelimiterIndex();
  return holder.delimiters;
}
