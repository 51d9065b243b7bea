// KaTeX, loaded on first use. A render served whole from the disk cache (a second `kexue render`, a
// post reopened after a restart) draws no formula, and evaluating KaTeX's 600 kB was a quarter of
// such a render. Every Node-side user takes KaTeX from here, so a bundle holds one copy of it (a
// `require` and an `import` of 'katex' resolve to different files: the CommonJS and the ES build).
import type Katex from 'katex';

/** katex's version, as its package.json gives it: part of every cache key (a unit test checks it). */
export const KATEX_VERSION = '0.16.47';

/** The bundler's (and Node's) require; declared here because src/core is also type-checked without Node's types. */
declare const require: (id: string) => unknown;

let loaded: typeof Katex | undefined;

export function katexModule(): typeof Katex {
  // A synchronous load on purpose: `import()` would make every render asynchronous.
  loaded ??= require('katex') as typeof Katex;
  return loaded;
}
