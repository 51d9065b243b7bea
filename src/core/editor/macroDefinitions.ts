// Macros a post defines for itself (`\newcommand`, `\def`, `\DeclareMathOperator` inside its math),
// read into a plain table so a hover can render one formula on its own with everything defined
// above it, and so the cache key changes exactly when a definition does.

import { readDialect } from '../render/texDialect';

/** A macro as renderers take it: the body, with `#1…#n` standing for `arguments` arguments. */
export interface MacroDefinition {
  body: string;
  arguments: number;
  /** `\newcommand{\x}[1][default]{…}`: the first argument is optional. */
  optionalDefault?: string;
}

export type MacroTable = Record<string, MacroDefinition>;

/**
 * Definitions in `tex`, added to `into` (later ones win, as `\renewcommand` would). Read by the
 * render engine's dialect pass, so the hover knows exactly the macros the preview knows
 * (`\newcommand{msign}` without a backslash, `\let`, `\DeclareMathOperator*` …).
 */
export function readMacroDefinitions(tex: string, into: MacroTable = {}): MacroTable {
  for (const definition of readDialect(tex, false).definitions) {
    if (definition.onlyIfNew && definition.name in into) continue;
    const macro: MacroDefinition = { body: definition.body, arguments: definition.arguments };
    if (definition.optionalDefault !== undefined) macro.optionalDefault = definition.optionalDefault;
    into[definition.name] = macro;
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
  return names.map((name) => `${name}/${table[name].arguments}/${table[name].optionalDefault ?? ''}=${table[name].body}`).join('\u0001');
}
