// Macros a post defines for itself (`\newcommand`, `\def`, `\DeclareMathOperator` inside its math),
// read into a plain table so a hover can render one formula on its own with everything defined
// above it, and so the cache key changes exactly when a definition does.

import { skipGroup } from '../render/texScan';

/** A macro as renderers take it: the body, with `#1…#n` standing for `arguments` arguments. */
export interface MacroDefinition {
  body: string;
  arguments: number;
}

export type MacroTable = Record<string, MacroDefinition>;

const DEFINITION = /\\(newcommand|renewcommand|providecommand|DeclareMathOperator\*?|def)(?![A-Za-z])/g;

/** Definitions in `tex`, added to `into` (later ones win, as `\renewcommand` would). */
export function readMacroDefinitions(tex: string, into: MacroTable = {}): MacroTable {
  DEFINITION.lastIndex = 0;
  for (let match = DEFINITION.exec(tex); match; match = DEFINITION.exec(tex)) {
    const kind = match[1];
    let cursor = skipSpaces(tex, match.index + match[0].length);
    const name = readName(tex, cursor);
    if (!name) continue;
    cursor = skipSpaces(tex, name.end);
    let argumentCount = 0;
    if (kind === 'def') {
      // `\def\x#1#2{…}`: the parameter text counts the arguments.
      const parameters = /^(?:#\d)*/.exec(tex.slice(cursor));
      argumentCount = (parameters?.[0].length ?? 0) / 2;
      cursor += parameters?.[0].length ?? 0;
    } else if (tex[cursor] === '[') {
      const close = tex.indexOf(']', cursor);
      if (close < 0) continue;
      argumentCount = Number.parseInt(tex.slice(cursor + 1, close), 10) || 0;
      cursor = skipSpaces(tex, close + 1);
    }
    if (tex[cursor] !== '{') continue;
    const end = skipGroup(tex, cursor);
    if (end < 0) continue;
    let body = tex.slice(cursor + 1, end - 1);
    if (kind.startsWith('DeclareMathOperator')) {
      body = kind.endsWith('*') ? `\\operatorname*{${body}}` : `\\operatorname{${body}}`;
    }
    if (kind === 'providecommand' && name.text in into) continue;
    into[name.text] = { body, arguments: argumentCount };
    DEFINITION.lastIndex = end;
  }
  return into;
}

/** Settings give macros as {"\\R": "\\mathbb{R}"}; the argument count is the highest `#n` used. */
export function macrosFromSettings(settings: Readonly<Record<string, string>>): MacroTable {
  const table: MacroTable = {};
  for (const [rawName, body] of Object.entries(settings)) {
    if (typeof body !== 'string') continue;
    const name = rawName.replace(/^\\/, '');
    if (!/^[A-Za-z]+$|^.$/.test(name)) continue;
    const highest = [...body.matchAll(/#(\d)/g)].reduce((most, m) => Math.max(most, Number(m[1])), 0);
    table[name] = { body, arguments: highest };
  }
  return table;
}

/** A short, stable key for a table, for caches keyed by (TeX, macros). */
export function macroTableKey(table: MacroTable): string {
  const names = Object.keys(table).sort();
  if (names.length === 0) return '';
  return names.map((name) => `${name}/${table[name].arguments}=${table[name].body}`).join('\u0001');
}

function readName(tex: string, at: number): { text: string; end: number } | undefined {
  // `\newcommand{\x}` and `\newcommand\x` are both allowed.
  if (tex[at] === '{') {
    const end = skipGroup(tex, at);
    if (end < 0) return undefined;
    const inner = tex.slice(at + 1, end - 1).trim();
    const control = /^\\([A-Za-z]+|.)$/.exec(inner);
    return control ? { text: control[1], end } : undefined;
  }
  const control = /^\\([A-Za-z]+|.)/.exec(tex.slice(at, at + 64));
  return control ? { text: control[1], end: at + control[0].length } : undefined;
}

function skipSpaces(tex: string, at: number): number {
  let i = at;
  while (tex[i] === ' ' || tex[i] === '\n' || tex[i] === '\r' || tex[i] === '\t') i++;
  return i;
}
