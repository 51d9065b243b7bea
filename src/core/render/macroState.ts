// Macros defined so far in one document: the reader's own (settings) plus every definition the
// dialect pass took out of the formulas above, in the forms KaTeX and MathJax take them, with keys
// that change exactly when a definition does (for the in-memory and the disk cache).

import { displayBody, type DialectDefinition } from './texDialect';

export type MacroTable = Record<string, DialectDefinition>;

export class MacroState {
  /** For KaTeX in text mode: `{"\\msign": "\\mathop{\\text{msign}}"}`. */
  readonly katexInline: Record<string, string> = {};
  /** For KaTeX in display mode: operator-like bodies take `\limits`, as MathJax draws them. */
  readonly katexDisplay: Record<string, string> = {};
  /** For MathJax: names without backslash, with argument counts and optional defaults. */
  readonly table: MacroTable = {};
  private hash: number;
  /** `hash` in base 36, made once per definition: every formula asks for it two or three times. */
  private hashKey: string | undefined;
  private canonicalParts: string[];
  private canonicalText: string | undefined;

  constructor(userMacros: Readonly<Record<string, string>>) {
    const settings = JSON.stringify(userMacros);
    this.hash = fnv1a(0x811c9dc5, settings);
    this.canonicalParts = [settings];
    for (const [rawName, body] of Object.entries(userMacros)) {
      if (typeof body !== 'string') continue;
      const name = rawName.replace(/^\\/, '');
      if (!/^[A-Za-z]+$|^.$/.test(name)) continue;
      const highest = [...body.matchAll(/#(\d)/g)].reduce((most, m) => Math.max(most, Number(m[1])), 0);
      this.set({ name, body, arguments: highest });
    }
  }

  /** Changes whenever a definition is made; for the in-memory caches. */
  get key(): string {
    this.hashKey ??= this.hash.toString(36);
    return this.hashKey;
  }

  /** Every definition in order, for the disk cache, where a 32-bit hash could collide across posts. */
  get canonical(): string {
    this.canonicalText ??= this.canonicalParts.join('\u0001');
    return this.canonicalText;
  }

  katexFor(display: boolean): Record<string, string> {
    return display ? this.katexDisplay : this.katexInline;
  }

  define(definition: DialectDefinition): void {
    if (definition.onlyIfNew && definition.name in this.table) return;
    const text = `${definition.name}/${definition.arguments}/${definition.optionalDefault ?? ''}=${definition.body}`;
    this.hash = fnv1a(this.hash, text);
    this.hashKey = undefined;
    this.canonicalParts.push(text);
    this.canonicalText = undefined;
    this.set(definition);
  }

  private set(definition: DialectDefinition): void {
    const control = `\\${definition.name}`;
    this.table[definition.name] = definition;
    if (definition.optionalDefault !== undefined) {
      // KaTeX has no optional macro arguments: formulas using it go to MathJax, which has.
      delete this.katexInline[control];
      delete this.katexDisplay[control];
      return;
    }
    this.katexInline[control] = definition.body;
    this.katexDisplay[control] = displayBody(definition.body);
  }
}

export function fnv1a(seed: number, text: string): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
