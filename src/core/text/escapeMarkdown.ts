// The one Markdown escaper: text from a post or a result shown as written inside Markdown (hovers,
// tooltips, result summaries). Every ASCII punctuation character CommonMark can escape that has a
// meaning somewhere in Markdown, plus `$` (VS Code's theme icons `$(name)` and math) — escaping a
// character that needed none is harmless, missing one is not.
const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>$~&]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}
