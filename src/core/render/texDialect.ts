// The blog's MathJax 3 dialect, turned into TeX that KaTeX takes — the compatibility pass run on
// every formula before numbering and KaTeX. What MathJax 3 accepts and KaTeX (0.16) rejects, among
// the forms the posts use (the full list, with what we do, is docs/mathjax-dialect.md):
//
//  - newcommand package: `\newcommand{name}` without a backslash, `\renewcommand` of an undefined
//    name, `\newcommand` over an existing one, `\def`/`\gdef`/`\let`, `\DeclareMathOperator(*)`, all
//    holding for the rest of the post wherever they appear (inside an environment KaTeX would make
//    them local). We take every definition out of the formula and hand it to the renderer as a
//    macro, so KaTeX never sees a definition and no group can scope one.
//  - require package: `\require{…}` loads an extension; everything is loaded already: dropped.
//  - html package: `\style{css}{x}`, `\class{name}{x}`, `\cssId{id}{x}`, `\data{k=v}{x}`,
//    `\href{url}{x}` — styling and link dropped (a post must not style, name or annotate our page, and
//    math holds no link the extension has not validated), content kept.
//  - bbox package: `\bbox[color,padding,border]{x}` — a box drawn with KaTeX's own boxes
//    (`\boxed`, `\colorbox`, `\fcolorbox`); only plain colour names or #hex are kept.
//  - ams: `\uproot`/`\leftroot` (cleanTex drops them), `\mathop{…}_x` with limits below in display
//    mode (MathJax's movablelimits; KaTeX puts them beside), `\tag` on rows of a bare `aligned`
//    (numbering.ts reads it as align).
//
// One pass over the formula, linear in its length: each command is looked at once and every group
// is skipped once.

import { skipGroup } from './texScan';

/** A macro as both renderers take it: the body, with `#1…#n` standing for `arguments` arguments. */
export interface DialectDefinition {
  /** Without the backslash: `msign`. */
  name: string;
  body: string;
  arguments: number;
  /** `\providecommand` defines only what is not defined yet. */
  onlyIfNew?: boolean;
  /** `\newcommand{\x}[1][d]{…}`: MathJax takes the optional argument; KaTeX cannot, so it falls back. */
  optionalDefault?: string;
}

export interface DialectResult {
  /** The formula without its definitions and loading directives, HTML commands reduced to content. */
  tex: string;
  definitions: DialectDefinition[];
  /** Not one command of the dialect in it (most formulas): `tex` is the input, and defines nothing. */
  plain?: true;
}

const COMMANDS =
  /\\\\|\\(newcommand|renewcommand|providecommand|DeclareMathOperator\*?|def|gdef|edef|xdef|global|let|require|style|class|cssId|data|href|bbox|mathop)(?![A-Za-z])/g;

/** Cheap test: does the formula hold anything the pass would change? Most formulas do not. */
const ANY_COMMAND = /\\(?:newcommand|renewcommand|providecommand|DeclareMathOperator|def|gdef|edef|xdef|global|let|require|style|class|cssId|data|href|bbox|mathop)(?![A-Za-z])/;

/** Commands whose argument is text. MathJax reads a `%` there as a percent sign, KaTeX as a comment. */
const TEXT_COMMAND = /\\(?:text|textbf|textit|textrm|textsf|texttt|textup|textmd|textnormal|mbox|hbox)\s*\{/g;

/** Plain colour names and #hex: what `\colorbox` takes without any risk. */
const SAFE_COLOUR = /^(?:[A-Za-z]{1,20}|#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6})$/;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * `display` matters for `\mathop{…}_x` only: MathJax draws the scripts below in display mode,
 * beside in text mode, as KaTeX does for real operators.
 */
export function readDialect(tex: string, display: boolean): DialectResult {
  const percentInText = tex.includes('%') && escapePercentInText(tex);
  if (!ANY_COMMAND.test(tex) && !percentInText) return { tex, definitions: [], plain: true };
  const edits: Edit[] = percentInText || [];
  const definitions: DialectDefinition[] = [];
  COMMANDS.lastIndex = 0;
  for (let match = COMMANDS.exec(tex); match; match = COMMANDS.exec(tex)) {
    const command = match[1];
    if (command === undefined) continue; // `\\`, a row break
    const start = match.index;
    const after = start + match[0].length;
    let end = -1;
    switch (command) {
      case 'newcommand':
      case 'renewcommand':
      case 'providecommand':
        end = readNewcommand(tex, after, command === 'providecommand', definitions);
        break;
      case 'DeclareMathOperator':
      case 'DeclareMathOperator*':
        end = readOperator(tex, after, command.endsWith('*'), definitions);
        break;
      case 'def':
      case 'gdef':
      case 'edef':
      case 'xdef':
        end = readDef(tex, after, definitions);
        break;
      case 'global':
        // `\global\def…`: every definition is global here; the prefix goes, the \def is read next.
        end = after;
        break;
      case 'let':
        end = readLet(tex, after, definitions);
        break;
      case 'require': {
        const open = skipSpaces(tex, after);
        end = tex[open] === '{' ? skipGroup(tex, open) : -1;
        break;
      }
      case 'style':
      case 'class':
      case 'cssId':
      case 'data':
      case 'href': {
        // Cut the command and its first argument; the second (the math) stays as a group.
        const open = skipSpaces(tex, after);
        end = tex[open] === '{' ? skipGroup(tex, open) : -1;
        if (end > 0 && tex[skipSpaces(tex, end)] !== '{') end = -1;
        break;
      }
      case 'bbox':
        end = readBbox(tex, start, after, edits);
        if (end > 0) continue; // readBbox made its own edits; scan on inside the box
        break;
      case 'mathop':
        if (display) addLimits(tex, after, edits);
        continue;
    }
    if (end < 0) continue; // malformed: leave it for the renderer to report
    edits.push({ start, end, text: '' });
    // Past the definition (its body is the macro's, not this formula's); for \style and its kin
    // past the styling argument only, so the scan goes on inside the content.
    COMMANDS.lastIndex = Math.max(COMMANDS.lastIndex, end);
  }
  return { tex: applyEdits(tex, edits), definitions };
}

/** `\newcommand{\x}[n][default]{body}`, also `{x}` and `\x` for the name. Returns the end, or -1. */
function readNewcommand(tex: string, at: number, onlyIfNew: boolean, into: DialectDefinition[]): number {
  const name = readName(tex, skipSpaces(tex, at));
  if (!name) return -1;
  let cursor = skipSpaces(tex, name.end);
  let argumentCount = 0;
  let optionalDefault: string | undefined;
  if (tex[cursor] === '[') {
    const close = tex.indexOf(']', cursor);
    if (close < 0) return -1;
    argumentCount = Number.parseInt(tex.slice(cursor + 1, close), 10) || 0;
    cursor = skipSpaces(tex, close + 1);
    if (tex[cursor] === '[') {
      const closeDefault = matchingBracket(tex, cursor);
      if (closeDefault < 0) return -1;
      optionalDefault = tex.slice(cursor + 1, closeDefault);
      cursor = skipSpaces(tex, closeDefault + 1);
    }
  }
  const body = readGroup(tex, cursor);
  if (!body) return -1;
  const definition: DialectDefinition = { name: name.text, body: body.text, arguments: argumentCount };
  if (onlyIfNew) definition.onlyIfNew = true;
  if (optionalDefault !== undefined) definition.optionalDefault = optionalDefault;
  into.push(definition);
  return body.end;
}

function readOperator(tex: string, at: number, limits: boolean, into: DialectDefinition[]): number {
  const name = readName(tex, skipSpaces(tex, at));
  if (!name) return -1;
  const body = readGroup(tex, skipSpaces(tex, name.end));
  if (!body) return -1;
  into.push({ name: name.text, body: `\\operatorname${limits ? '*' : ''}{${body.text}}`, arguments: 0 });
  return body.end;
}

/** `\def\x#1#2{body}`. */
function readDef(tex: string, at: number, into: DialectDefinition[]): number {
  const control = /^\s*\\([A-Za-z]+|.)/.exec(tex.slice(at, at + 80));
  if (!control) return -1;
  let cursor = at + control[0].length;
  const parameters = /^(?:#\d)*/.exec(tex.slice(cursor, cursor + 20))?.[0] ?? '';
  cursor = skipSpaces(tex, cursor + parameters.length);
  const body = readGroup(tex, cursor);
  if (!body) return -1;
  into.push({ name: control[1], body: body.text, arguments: parameters.length / 2 });
  return body.end;
}

/** `\let\a\b`, `\let\a=\b`, `\let\a = b`. */
function readLet(tex: string, at: number, into: DialectDefinition[]): number {
  const found = /^\s*\\([A-Za-z]+|.)\s*=?\s*(\\[A-Za-z]+|\\.|[^\s\\{}])/.exec(tex.slice(at, at + 120));
  if (!found) return -1;
  into.push({ name: found[1], body: found[2], arguments: 0 });
  return at + found[0].length;
}

/**
 * `\bbox[yellow,5px,border:1px solid red]{x}`: a border → `\boxed` (or `\fcolorbox` with a colour),
 * a background colour alone → `\colorbox`, padding alone → the content. The content group stays
 * where it is so the scan goes on inside it.
 */
function readBbox(tex: string, start: number, after: number, edits: Edit[]): number {
  let cursor = skipSpaces(tex, after);
  let options = '';
  if (tex[cursor] === '[') {
    const close = matchingBracket(tex, cursor);
    if (close < 0) return -1;
    options = tex.slice(cursor + 1, close);
    cursor = skipSpaces(tex, close + 1);
  }
  if (tex[cursor] !== '{') return -1;
  const end = skipGroup(tex, cursor);
  if (end < 0) return -1;
  let background: string | undefined;
  let border: string | undefined;
  let hasBorder = false;
  for (const part of options.split(/[,;]/).map((piece) => piece.trim())) {
    if (/^border/i.test(part)) {
      hasBorder = true;
      border = part.split(/[\s:]+/).slice(1).find((word) => SAFE_COLOUR.test(word) && !/^(?:solid|dashed|dotted|double|none)$/i.test(word));
    } else if (SAFE_COLOUR.test(part)) background = part;
  }
  let open: string;
  let close: string;
  if (background && (hasBorder || border)) {
    open = `\\fcolorbox{${border ?? 'black'}}{${background}}{$\\displaystyle `;
    close = '$}';
  } else if (background) {
    open = `\\colorbox{${background}}{$\\displaystyle `;
    close = '$}';
  } else if (hasBorder) {
    open = '\\boxed{';
    close = '}';
  } else {
    open = '{';
    close = '}';
  }
  edits.push({ start, end: cursor + 1, text: open });
  edits.push({ start: end - 1, end, text: close });
  return end;
}

/**
 * `\textbf{66.07%}` (a table of Transformer升级之路 2): the blog's MathJax shows "66.07%", KaTeX
 * takes the rest of the line for a comment and fails. Each unescaped `%` inside a text command's
 * argument becomes `\%`; undefined when there is none (a `%` elsewhere is a comment in both).
 */
function escapePercentInText(tex: string): Edit[] | undefined {
  const edits: Edit[] = [];
  TEXT_COMMAND.lastIndex = 0;
  for (let match = TEXT_COMMAND.exec(tex); match; match = TEXT_COMMAND.exec(tex)) {
    const open = match.index + match[0].length - 1;
    const end = skipGroup(tex, open);
    if (end < 0) continue;
    for (let i = open + 1; i < end - 1; i++) {
      if (tex[i] === '\\') i++;
      else if (tex[i] === '%') edits.push({ start: i, end: i + 1, text: '\\%' });
    }
    TEXT_COMMAND.lastIndex = end;
  }
  return edits.length > 0 ? edits : undefined;
}

/** `\mathop{…}_x` in display mode: limits below, as MathJax draws them (unless the author said). */
function addLimits(tex: string, after: number, edits: Edit[]): void {
  const open = skipSpaces(tex, after);
  if (tex[open] !== '{') return;
  const end = skipGroup(tex, open);
  if (end < 0) return;
  const next = tex[skipSpaces(tex, end)];
  if (next === '_' || next === '^') edits.push({ start: end, end, text: '\\limits' });
}

/**
 * For display formulas: a macro whose body ends in `\mathop{…}` (the blog's `\msign`, `\tr`) takes
 * `\limits`, so `\msign_x` draws as MathJax draws it. Harmless where no script follows.
 */
export function displayBody(body: string): string {
  const trimmed = body.trimEnd();
  if (!trimmed.endsWith('}')) return body;
  const at = trimmed.lastIndexOf('\\mathop');
  if (at < 0) return body;
  const open = skipSpaces(trimmed, at + '\\mathop'.length);
  return trimmed[open] === '{' && skipGroup(trimmed, open) === trimmed.length ? `${trimmed}\\limits` : body;
}

function applyEdits(tex: string, edits: Edit[]): string {
  if (edits.length === 0) return tex;
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const edit of edits) {
    if (edit.start < last) continue; // overlapping (cannot happen for well-formed input)
    out += tex.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return out + tex.slice(last);
}

function readName(tex: string, at: number): { text: string; end: number } | undefined {
  if (tex[at] === '{') {
    const end = skipGroup(tex, at);
    if (end < 0) return undefined;
    // MathJax takes the name with or without its backslash: `{\msign}` and `{msign}`.
    const inner = tex.slice(at + 1, end - 1).trim();
    const control = /^\\?([A-Za-z]+|.)$/.exec(inner);
    return control ? { text: control[1], end } : undefined;
  }
  const control = /^\\([A-Za-z]+|.)/.exec(tex.slice(at, at + 80));
  return control ? { text: control[1], end: at + control[0].length } : undefined;
}

function readGroup(tex: string, at: number): { text: string; end: number } | undefined {
  if (tex[at] !== '{') return undefined;
  const end = skipGroup(tex, at);
  return end < 0 ? undefined : { text: tex.slice(at + 1, end - 1), end };
}

/** The `]` that closes the `[` at `open`, skipping braced groups (`[{]}]`). */
function matchingBracket(tex: string, open: number): number {
  for (let i = open + 1; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === '\\') i++;
    else if (ch === '{') {
      const end = skipGroup(tex, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (ch === ']') return i;
  }
  return -1;
}

function skipSpaces(tex: string, at: number): number {
  let i = at;
  while (i < tex.length && (tex[i] === ' ' || tex[i] === '\n' || tex[i] === '\t' || tex[i] === '\r')) i++;
  return i;
}
