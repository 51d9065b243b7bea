// The one reader of a post's front matter, for the library, the renderer and the editor alike: flat
// `key: value` lines between `---` fences, as the converted posts write them. A tiny line reader beats
// a YAML parser here: the files only use flat scalar keys, and a line reader can keep going past a
// malformed line.
//
// Keys are case-insensitive (read as lower case: `Title:` is `title`). A block whose closing `---`
// never comes ends where the Markdown visibly begins — the first blank line or `#` line — so the keys
// above it still count, the body starts there, and `closed: false` lets the library report it.

export interface FrontMatter {
  /** Lower-case key → value (quotes removed). */
  fields: Record<string, string>;
  /** Lines the block occupies (fences included); 0 when there is none. The body starts at this line. */
  lineCount: number;
  /** False for a block whose closing `---` is missing. */
  closed: boolean;
}

/** Front matter is looked for in the first lines only: a post's metadata is short. */
const MAX_LINES = 200;
const KEY = /^([A-Za-z_][\w-]{0,40})\s*:(.*)$/;
const NONE: FrontMatter = { fields: {}, lineCount: 0, closed: true };

export function readFrontMatter(text: string): FrontMatter {
  return readFrontMatterLines(text.split('\n', MAX_LINES + 1));
}

/** The same, for text already split into lines (with or without a trailing `\r`). */
export function readFrontMatterLines(lines: readonly string[]): FrontMatter {
  const clean = (i: number): string => {
    let line = lines[i];
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  // The opening fence starts the file: ` ---` (indented) is a thematic break in Markdown, not front matter.
  if (lines.length === 0 || clean(0).trimEnd() !== '---') return { ...NONE, fields: {} };
  const fields: Record<string, string> = {};
  let markdownBegins = -1;
  let fieldsAbove: Record<string, string> | undefined;
  const limit = Math.min(lines.length, MAX_LINES + 1);
  for (let i = 1; i < limit; i++) {
    const line = clean(i);
    if (line.trim() === '---') return { fields, lineCount: i + 1, closed: true };
    if (markdownBegins < 0 && (line.trim() === '' || line.startsWith('#'))) {
      markdownBegins = i;
      fieldsAbove = { ...fields };
    }
    const match = KEY.exec(line);
    if (match) fields[match[1].toLowerCase()] = unquote(match[2]);
  }
  return { fields: fieldsAbove ?? fields, lineCount: markdownBegins < 0 ? limit : markdownBegins, closed: false };
}

/** Replaces the front matter with blank lines so every later line keeps its original number. */
export function blankFrontMatter(text: string, lineCount: number): string {
  if (lineCount === 0) return text;
  return '\n'.repeat(lineCount) + text.slice(bodyOffset(text, lineCount));
}

/** Where the body starts: the offset just past the front matter's `lineCount` lines. */
export function bodyOffset(text: string, lineCount = readFrontMatter(text).lineCount): number {
  let cut = 0;
  for (let i = 0; i < lineCount; i++) {
    const next = text.indexOf('\n', cut);
    cut = next < 0 ? text.length : next + 1;
  }
  return cut;
}

/** `tags: a, b，c` or `tags: [a, "b"]` as a list; undefined when there is no value. */
export function splitTags(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const inner = value.replace(/^\[(.*)\]$/, '$1');
  return inner
    .split(/[,，]/)
    .map((tag) => unquote(tag))
    .filter((tag) => tag.length > 0);
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}
