// How a numbered display places its number: one set of rules for the preview (a sheet of its shell,
// src/preview/inlineSheets.ts) and the exported page (exportPage.ts). Each page says what the number is
// drawn on (--kexue-surface: its own background, a quote's, a popup's).
//
// KaTeX pins the number over the equation's right end (KaTeX#1983): in a 420 px preview beside an
// editor, 284 of the corpus's 916 numbered displays had their end hidden under the number. Instead a
// flex row: a spacer, the equation, the number; spacer and number share the free space, so the
// equation stays centred while there is room. A display wider than its box scrolls sideways with the
// number held at the right edge (sticky, on --kexue-surface, under a reader's highlight when there is
// one: --kexue-tint) and after the equation at the end of the scroll. Displays broken by a top-level
// `\\` keep KaTeX's own layout.

const NUMBERED = '.katex-display > .katex > .katex-html:has(> .tag):not(:has(> .newline))';

export const EQUATION_NUMBER_CSS = `
${NUMBERED} { display: flex; align-items: baseline; width: max-content; min-width: 100%; }
${NUMBERED}::before { content: ''; flex: 1 1 1em; min-width: 0; }
${NUMBERED} > .tag {
  position: sticky; right: 0; flex: 1 1 0; padding-left: 1em; text-align: right;
  background: var(--kexue-tint, none), var(--kexue-surface);
}
/* KaTeX pulls a numbered environment's column 2 px right (a spacer cell it cancels with a negative
   margin): flush right, that would make every numbered display scroll by 2 px. */
.katex-display > .katex > .katex-html > .tag > .vlist-t2 { margin-right: 0; }
`;
