// Words and formulas as VS Code Markdown (a Notes view tooltip, a note's comment thread): the formulas
// drawn as images — the editor math hover's MathJax SVGs — since VS Code's Markdown shows `$…$` as
// it is typed.
import type * as vscode from 'vscode';
import type { QuotePart } from '../core/annotations/previewText';
import type { MacroTable } from '../core/editor/macroDefinitions';

/** A formula drawn: Markdown of an image, or undefined when it cannot be drawn. */
export type FormulaImage = (tex: string, display: boolean, macros: MacroTable) => Promise<string | undefined>;

/**
 * Appends `parts` to `markdown`. `words`: 'text' escapes them (a quote of the post: its `*` is a
 * star), 'markdown' keeps them (a note, written in Markdown). A formula that cannot be drawn stays TeX.
 */
export async function appendWithFormulas(
  markdown: vscode.MarkdownString,
  parts: readonly QuotePart[],
  image: FormulaImage | undefined,
  macros: MacroTable,
  words: 'text' | 'markdown',
): Promise<void> {
  for (const part of parts) {
    if (part.kind === 'text') {
      if (words === 'text') markdown.appendText(part.text);
      else markdown.appendMarkdown(part.text);
      continue;
    }
    const drawn = withAlt(await image?.(part.tex, part.display, macros), part.tex, part.display);
    const number = part.numbers.length > 0 ? ` (${part.numbers.join(', ')})` : '';
    if (drawn) markdown.appendMarkdown(part.display ? `\n\n${drawn}${number}\n\n` : drawn);
    else markdown.appendText(part.display ? `\n\n$$${part.tex}$$${number}\n\n` : `$${part.tex}$`);
  }
}

/**
 * The image's alternative text is the formula's TeX, in its delimiters: what a screen reader says and
 * what VS Code's plain-text renderings (the Comments panel's rows) show in the image's place.
 */
function withAlt(image: string | undefined, tex: string, display: boolean): string | undefined {
  if (!image?.startsWith('![eq](')) return image;
  const alt = (display ? `$$${tex}$$` : `$${tex}$`).replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>$~]/g, '\\$&');
  return `![${alt}](${image.slice('![eq]('.length)}`;
}
