// Tokens of the search index, shared by indexing and querying so both see text the same way.
//
// Chinese: `Intl.Segmenter('zh')` words plus character bigrams. The segmenter alone splits math
// vocabulary (伪|逆, 权|重) and segments a query differently from the text it came from; bigrams
// recover both, and a query's Chinese must match as bigrams. The segmenter is only ever given one run
// of Han characters (never a whole post: in Node 20 one segment() call over > 65,536 UTF-16 units
// takes tens of seconds), and a run is cut at MAX_SEGMENTER_RUN.
//
// Everything else goes through one scanner that reads LaTeX and prose alike: commands as written
// (`\alpha`, `\msign`), letter and digit runs, and `base_sub` for sub-scripted identifiers
// (`W_k`, `L_{avg}`, `\alpha_t`). Font and accent commands are transparent: `\boldsymbol{A}` yields
// `\boldsymbol`, `\boldsymbol{a}` and `a`, so it matches a plain `A` and a query for the bold form
// prefers it without requiring it. Text is folded (NFKC, lower case) first: full-width and
// half-width forms match.

/** Han characters (CJK unified ideographs and extensions, compatibility ideographs). */
const HAN_RUN = /\p{Script=Han}+/gu;
const HAS_HAN = /\p{Script=Han}/u;
const SURROGATE = /[\ud800-\udfff]/;
/** The segmenter's cost grows steeply with input length; runs of Han are short in real text. */
export const MAX_SEGMENTER_RUN = 2000;

/** Commands that change how a symbol looks, not which symbol it is. */
const DECORATIONS = new Set([
  'boldsymbol', 'mathbf', 'bm', 'mathcal', 'mathbb', 'mathrm', 'mathit', 'mathsf', 'mathfrak', 'mathscr', 'mathtt',
  'hat', 'widehat', 'tilde', 'widetilde', 'bar', 'overline', 'vec', 'dot', 'ddot', 'check', 'breve',
  'boldsymbol', 'pmb', 'text', 'textbf', 'operatorname',
]);

let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/**
 * Words of a Han run, by run: the segmenter is most of what tokenizing costs, and a library repeats
 * runs (listing pages, re-scrapes, a post's phrases). Forgotten all at once past MAX_MEMO_CHARS.
 */
const wordsOfRun = new Map<string, readonly string[]>();
let memoChars = 0;
const MAX_MEMO_CHARS = 4_000_000;

function segmenterWords(run: string): readonly string[] {
  const known = wordsOfRun.get(run);
  if (known) return known;
  const words: string[] = [];
  for (let offset = 0; offset < run.length; offset += MAX_SEGMENTER_RUN) {
    for (const segment of wordSegmenter().segment(run.slice(offset, offset + MAX_SEGMENTER_RUN))) {
      if (segment.segment.length >= 2) words.push(segment.segment);
    }
  }
  if (memoChars + run.length > MAX_MEMO_CHARS) {
    wordsOfRun.clear();
    memoChars = 0;
  }
  wordsOfRun.set(run, words);
  memoChars += run.length;
  return words;
}

export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** What a query asks for: every `required` token must be in a hit; `optional` ones only rank. */
export interface QueryTokens {
  required: string[];
  optional: string[];
}

/** Index tokens of any text: prose, inline math, a display's TeX, a title or a note. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scan(foldText(text), tokens, tokens, tokens);
  return tokens;
}

/** Tokens of a query: its Han bigrams and non-decoration symbols required, segmenter words and decorations optional. */
export function tokenizeQuery(query: string): QueryTokens {
  const required: string[] = [];
  const optional: string[] = [];
  scan(foldText(query), required, optional, optional);
  return { required: unique(required), optional: unique(optional).filter((t) => !required.includes(t)) };
}

function unique(tokens: string[]): string[] {
  return [...new Set(tokens)];
}

/**
 * Splits folded text into Han runs (bigrams → `bigrams`, segmenter words → `words`) and the rest
 * (symbols → `bigrams`, decorations → `decorations`).
 */
function scan(text: string, bigrams: string[], words: string[], decorations: string[]): void {
  let last = 0;
  for (const match of text.matchAll(HAN_RUN)) {
    const start = match.index ?? 0;
    if (start > last) scanSymbols(text.slice(last, start), bigrams, decorations);
    hanTokens(match[0], bigrams, words);
    last = start + match[0].length;
  }
  if (last < text.length) scanSymbols(text.slice(last), bigrams, decorations);
}

function hanTokens(run: string, bigrams: string[], words: string[]): void {
  if (run.length === 1) {
    bigrams.push(run);
    return;
  }
  // Han characters are all in the BMP except extensions B+; bigrams over code points either way.
  // (Testing for a surrogate instead of spreading every run: the spread was a hot allocation.)
  const chars = SURROGATE.test(run) ? [...run] : null;
  const count = chars ? chars.length : run.length;
  for (let i = 0; i + 1 < count; i++) bigrams.push(chars ? chars[i] + chars[i + 1] : run.slice(i, i + 2));
  if (run.length <= 2) return;
  for (const word of segmenterWords(run)) words.push(word);
}

/** `\name`, a letter run, a digit run — and what may follow a symbol: `_x`, `_{…}`, `{…}`. */
const SYMBOL = /\\([a-z]+)|([\p{L}]+)|(\d+)/gu;
const SUBSCRIPT = /^\s*_\s*(?:\{([^{}]{1,24})\}|(\\[a-z]+|[\p{L}\d]))/u;
const BRACED = /^\s*\{([^{}]{1,24})\}/u;

function scanSymbols(text: string, symbols: string[], decorations: string[]): void {
  for (const match of text.matchAll(SYMBOL)) {
    const [whole, command, letters, digits] = match;
    const end = (match.index ?? 0) + whole.length;
    if (digits !== undefined) {
      symbols.push(digits);
      continue;
    }
    if (command !== undefined) {
      if (DECORATIONS.has(command)) {
        decorations.push(whole);
        const braced = BRACED.exec(text.slice(end, end + 28));
        if (braced) {
          const inner = compact(braced[1]);
          if (inner && !HAS_HAN.test(inner)) decorations.push(`${whole}{${inner}}`);
          subscripted(inner, text, end + braced[0].length, symbols);
        }
        continue;
      }
      symbols.push(whole);
      subscripted(whole, text, end, symbols);
      continue;
    }
    if (letters !== undefined) {
      symbols.push(letters);
      // Only a single letter is an identifier that takes a subscript; `avg` in `L_{avg}` is the subscript.
      if (letters.length === 1) subscripted(letters, text, end, symbols);
    }
  }
}

/** Adds `base_sub` when a subscript follows `base` at `at`. */
function subscripted(base: string, text: string, at: number, symbols: string[]): void {
  if (!base || base.length > 24) return;
  const sub = SUBSCRIPT.exec(text.slice(at, at + 30));
  if (!sub) return;
  const inner = compact(sub[1] ?? sub[2] ?? '');
  if (inner) symbols.push(`${base}_${inner}`);
}

/** A short braced argument as one token: no spaces, no braces, decorations dropped. */
function compact(tex: string): string {
  return tex.replace(/\\([a-z]+)\s*\{([^{}]*)\}/g, (whole, name: string, arg: string) => (DECORATIONS.has(name) ? arg : whole)).replace(/[\s{}]/g, '');
}
