// YAML front matter as the converted posts write it: flat `key: value` lines between `---` fences.
// We only need the flat subset, so a tiny reader beats pulling a YAML parser into every bundle.

export interface FrontMatter {
  fields: Record<string, string>;
  /** Number of lines the block occupies (fences included); 0 when there is none. */
  lineCount: number;
}

const FENCE = /^---\s*$/;

export function readFrontMatter(text: string): FrontMatter {
  const lines = text.split('\n', 200);
  if (lines.length === 0 || !FENCE.test(stripBom(lines[0]))) return { fields: {}, lineCount: 0 };
  const fields: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (FENCE.test(line)) return { fields, lineCount: i + 1 };
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (match) fields[match[1]] = unquote(match[2].trim());
  }
  // An opening fence that never closes is not front matter: render the text as written.
  return { fields: {}, lineCount: 0 };
}

/** Replaces the front matter with blank lines so every later line keeps its original number. */
export function blankFrontMatter(text: string, lineCount: number): string {
  if (lineCount === 0) return text;
  let cut = 0;
  for (let i = 0; i < lineCount; i++) {
    const next = text.indexOf('\n', cut);
    cut = next < 0 ? text.length : next + 1;
  }
  return '\n'.repeat(lineCount) + text.slice(cut);
}

export function splitTags(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const inner = value.replace(/^\[(.*)\]$/, '$1');
  return inner
    .split(/[,，]/)
    .map((tag) => unquote(tag.trim()))
    .filter((tag) => tag.length > 0);
}

function unquote(value: string): string {
  const match = /^(['"])(.*)\1$/.exec(value);
  return match ? match[2] : value;
}

function stripBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}
