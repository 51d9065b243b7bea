// A definition's sentence as a line of plain text (the Notation view's row and tooltip): the post's
// Markdown emphasis and link markup dropped — `**设定**: 当前时刻为 $t$` read with its asterisks, a
// linked title with its address. TeX stays as written: the row cannot draw it, and it is what the
// reader searches and types.

/** A Markdown link or image: its text kept. */
const LINK = /!?\[([^[\]\n]*)\]\([^()\s]*(?:\s+"[^"\n]*")?\)/g;
/** Bold and italic marks made of asterisks or underscores next to text (not `a_b`'s underscore in TeX). */
const EMPHASIS = /\*{1,3}(?=\S)([^*\n]*?\S)\*{1,3}|(?<![\w\\])_{2}(?=\S)([^_\n]*?\S)_{2}(?!\w)/g;

/** Inline and display formulas, left as they are (`c_n^{*}`, `x^*` hold asterisks). */
const MATH = /(\$\$[\s\S]*?\$\$|\$[^$\n]*\$)/;

export function definitionAsText(text: string): string {
  return text
    .split(MATH)
    .map((part, k) => (k % 2 === 1 ? part : part.replace(LINK, '$1').replace(EMPHASIS, (_whole, starred: string | undefined, underscored: string | undefined) => starred ?? underscored ?? '')))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
