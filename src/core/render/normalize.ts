// Repairs what html2text did to the posts, on a copy, keeping a map back to the original columns.
//
// html2text escapes a backslash that precedes one of \`*_{}[]()#+-.! by doubling it, so LaTeX's
// `\\` became `\\\` and `\{` became `\\{`. Markdown would undo that in prose, but math is taken raw,
// so KaTeX would see the escaped text. Every repair only deletes characters inside one line: line
// numbers never move, and a short list of deletions per line maps a column back.

/** html2text's set of characters after which a backslash gets doubled. */
const ESCAPED_AFTER_BACKSLASH = new Set('\\`*_{}[]()#+-.!'.split(''));

/** Fingerprints of html2text output: `\\\` before a non-backslash, or an escaped brace. */
const HTML2TEXT_HINT = /(?:^|[^\\])\\\\\\(?!\\)|\\left\\\\[{}]|\\right\\\\[{}]/;

export function looksLikeHtml2text(text: string): boolean {
  return HTML2TEXT_HINT.test(text);
}

/** Deletions made on one line: at normalised column `at`, `count` original characters were removed. */
interface Deletion {
  at: number;
  count: number;
}

export class SourceMap {
  constructor(private readonly deletionsByLine: ReadonlyMap<number, readonly Deletion[]>) {}

  /** 0-based line and column in the normalised text → 1-based position in the original. */
  toOriginal(line: number, column: number): { line: number; column: number } {
    let original = column;
    for (const deletion of this.deletionsByLine.get(line) ?? []) {
      if (deletion.at <= column) original += deletion.count;
    }
    return { line: line + 1, column: original + 1 };
  }
}

export interface NormalisedText {
  text: string;
  map: SourceMap;
}

export function normaliseHtml2text(text: string, undoBackslashEscapes: boolean): NormalisedText {
  const lines = text.split('\n');
  const deletionsByLine = new Map<number, Deletion[]>();
  for (let i = 0; i < lines.length; i++) {
    const deletions: Deletion[] = [];
    let line = lines[i];
    if (undoBackslashEscapes && line.includes('\\\\')) line = undoEscapes(line, deletions);
    if (line.includes('** _')) line = mergeStrongEmphasis(line, deletions);
    line = dropClosingHashes(line);
    lines[i] = line;
    if (deletions.length > 0) deletionsByLine.set(i, deletions);
  }
  return { text: lines.join('\n'), map: new SourceMap(deletionsByLine) };
}

/** `\\` followed by an escapable character was one backslash before html2text. */
function undoEscapes(line: string, deletions: Deletion[]): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === '\\' && ESCAPED_AFTER_BACKSLASH.has(line[i + 2] ?? '')) {
      deletions.push({ at: out.length, count: 1 });
      out += '\\';
      i += 2;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      // A lone escape keeps its partner: `\$` must not be read as the start of `$`.
      out += ch + line[i + 1];
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * html2text writes <strong><em>x</em></strong> as `** _x_**`, which CommonMark does not read as
 * emphasis (an opener may not be followed by a space). `***x***` means the same and parses,
 * also between CJK characters where `**_` would not.
 */
function mergeStrongEmphasis(line: string, deletions: Deletion[]): string {
  let removedSoFar = 0;
  return line.replace(/\*\* _([^_\n]+?)_\*\*/g, (_whole, inner: string, offset: number) => {
    deletions.push({ at: offset - removedSoFar + 3, count: 1 });
    removedSoFar++;
    return `***${inner}***`;
  });
}

/** `## 基本形式 #`: markdown-it drops the closing `#` too; doing it here keeps raw text views clean. */
function dropClosingHashes(line: string): string {
  if (!/^ {0,3}#{1,6}\s/.test(line)) return line;
  return line.replace(/\s+#+\s*$/, '');
}
