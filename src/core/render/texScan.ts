// Small, linear scanners over TeX source. They see braces, `\begin`/`\end` and control words, which
// is all numbering and the safety guard need; anything finer is KaTeX's job.

/**
 * Deepest nesting of `{…}`, `\left…\right` and `\begin…\end`, stopping as soon as `limit` is passed.
 * KaTeX parses recursively: 10⁵ nested braces overflow its stack, so we refuse such input first.
 */
export function nestingDepth(tex: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      if (tex.startsWith('left', i + 1) || tex.startsWith('begin', i + 1)) depth++;
      else if (tex.startsWith('right', i + 1) || tex.startsWith('end', i + 1)) depth--;
      i++; // the escaped character (e.g. `\{`) never opens a group
    } else if (ch === 0x7b /* { */) {
      depth++;
    } else if (ch === 0x7d /* } */) {
      depth--;
    }
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
  }
  return deepest;
}

/** Index just past the group that opens at `open` (a `{`), or -1 when it never closes. */
export function skipGroup(tex: string, open: number): number {
  let depth = 0;
  // Character codes, not `tex[i]`: these scanners run over every formula of a post (a CJK character
  // read as `tex[i]` is a new string each time).
  for (let i = open; i < tex.length; i++) {
    const ch = tex.charCodeAt(i);
    if (ch === 0x5c /* \ */) i++;
    else if (ch === 0x7b /* { */) depth++;
    else if (ch === 0x7d /* } */ && --depth === 0) return i + 1;
  }
  return -1;
}

export interface CommandUse {
  start: number;
  end: number;
  /** The text of the first brace argument, or '' for an argument-less use. */
  argument: string;
  /** True for `\tag*`. */
  starred: boolean;
}

/** A `\eqref{x}` (paren: true, shown "(n)") or `\ref{x}` (shown "n"). */
export interface ReferenceCommand {
  use: CommandUse;
  paren: boolean;
}

/** Every `\eqref{…}` and `\ref{…}` in `tex`, in order of appearance. */
export function referenceCommands(tex: string): ReferenceCommand[] {
  return [
    ...findCommand(tex, 'eqref', true).map((use) => ({ use, paren: true })),
    ...findCommand(tex, 'ref', true).map((use) => ({ use, paren: false })),
  ].sort((a, b) => a.use.start - b.use.start);
}

/** Every `\name{arg}` (or `\name*{arg}`), in order, where `name` is a whole control word. */
export function findCommand(tex: string, name: string, withArgument: boolean): CommandUse[] {
  const uses: CommandUse[] = [];
  const needle = `\\${name}`;
  let from = 0;
  for (;;) {
    const at = tex.indexOf(needle, from);
    if (at < 0) return uses;
    from = at + needle.length;
    if (isEscapedBackslash(tex, at) || isAsciiLetter(tex.charCodeAt(from))) continue;
    let cursor = from;
    const starred = tex[cursor] === '*';
    if (starred) cursor++;
    if (!withArgument) {
      uses.push({ start: at, end: cursor, argument: '', starred });
      continue;
    }
    while (tex[cursor] === ' ' || tex[cursor] === '\n') cursor++;
    if (tex[cursor] !== '{') continue;
    const end = skipGroup(tex, cursor);
    if (end < 0) continue;
    uses.push({ start: at, end, argument: tex.slice(cursor + 1, end - 1).trim(), starred });
    from = end;
  }
}

/** Removes the given spans (sorted, non-overlapping) from `tex`. */
export function cutSpans(tex: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += tex.slice(last, span.start);
    last = span.end;
  }
  return out + tex.slice(last);
}

/**
 * Splits an environment body at its own row breaks `\\`, ignoring those inside braces or nested
 * environments (an `aligned` inside an `align` row is one row). Each piece keeps its text verbatim,
 * so joining them with `\\` gives the body back.
 */
export function splitRows(body: string): string[] {
  return splitAtTopLevel(body, 'rows');
}

/**
 * TeX without our numbering's bookkeeping — `\label{…}`, `\tag{…}`, `\tag*{…}`, `\nonumber`, `\notag`
 * (each a space): what a row or an equation reads as on its own (outlines, breadcrumbs, notation).
 */
export function withoutNumbering(tex: string): string {
  return tex.replace(/\\(?:label|tag\*?)\s*\{[^{}]*\}/g, ' ').replace(/\\(?:nonumber|notag)(?![A-Za-z])/g, ' ');
}

/**
 * A row without the spacing argument of the row break before it: `a \\[8pt] b` splits into `a ` and
 * `[8pt] b`, and `[8pt]` is not part of what the reader sees. Only a length is taken (`\\ [0,1]…`
 * stays: an interval).
 */
export function withoutRowSpacing(row: string): string {
  return row.replace(/^\s*\[\s*-?(?:\d+\.?\d*|\.\d+)\s*(?:pt|em|ex|mm|cm|in|mu|px|bp|pc|dd|sp)\s*\]/, '');
}

/** A row split at its own alignment points `&` the same way (`\&` is text; a matrix's `&` belongs to the matrix). */
export function splitColumns(row: string): string[] {
  return splitAtTopLevel(row, 'columns');
}

function splitAtTopLevel(text: string, at: 'rows' | 'columns'): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) depth++;
    else if (ch === 0x7d /* } */) depth--;
    else if (ch === 0x26 /* & */ && at === 'columns' && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    } else if (ch === 0x5c /* \ */) {
      if (at === 'rows' && text.charCodeAt(i + 1) === 0x5c && depth === 0) {
        pieces.push(text.slice(start, i));
        start = i + 2;
        i++;
        continue;
      }
      if (text.startsWith('begin', i + 1)) depth++;
      else if (text.startsWith('end', i + 1)) depth--;
      i++;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** An environment that spans the whole of `tex` (surrounding whitespace aside). */
export interface WholeEnvironment {
  name: string;
  /** For `alignat{2}`: the `{2}` that follows `\begin{alignat}`. */
  argument: string;
  body: string;
}

export function wholeEnvironment(tex: string): WholeEnvironment | undefined {
  const trimmed = tex.trim();
  const begin = /^\\begin\s*\{([A-Za-z]+\*?)\}/.exec(trimmed);
  if (!begin) return undefined;
  const name = begin[1];
  const endTag = `\\end{${name}}`;
  if (!trimmed.endsWith(endTag)) return undefined;
  let bodyStart = begin[0].length;
  let argument = '';
  if (name.startsWith('alignat') && trimmed[bodyStart] === '{') {
    const end = skipGroup(trimmed, bodyStart);
    if (end > 0) {
      argument = trimmed.slice(bodyStart, end);
      bodyStart = end;
    }
  }
  const body = trimmed.slice(bodyStart, trimmed.length - endTag.length);
  // `\begin{equation}a\end{equation}\begin{equation}b\end{equation}` is two environments, not one.
  if (body.includes(`\\end{${name}}`)) return undefined;
  return { name, argument, body };
}

function isEscapedBackslash(tex: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && tex.charCodeAt(i) === 0x5c; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** A–Z or a–z (NaN, past the end, is neither). */
function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
