// The preview page's stylesheets as <style> elements of its shell, and preloads of the KaTeX fonts
// its math draws with first (previewStyles.ts gives them the webview's URLs). No vscode here: the
// unit tests build the same head with URLs of their own.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The sheets, in cascade order; `name` marks each <style> (lazyPresentation puts uPlot's before ours). */
export const PREVIEW_SHEETS: ReadonlyArray<{ name: string; parts: readonly string[] }> = [
  { name: 'katex.min.css', parts: ['node_modules', 'katex', 'dist', 'katex.min.css'] },
  { name: 'preview.css', parts: ['media', 'preview.css'] },
  { name: 'annotations.css', parts: ['media', 'annotations.css'] },
];

/** Where KaTeX's fonts are, below the extension's root. */
export const KATEX_FONTS = ['node_modules', 'katex', 'dist', 'fonts'] as const;

/**
 * The KaTeX fonts almost every formula draws with (upright text and digits, italic letters), and the
 * others a class of KaTeX's HTML names (katex.min.css: `.katex .mathbb{font-family:KaTeX_AMS}` …).
 * Preloaded from the page's head, they load in parallel with the rest of the page instead of after
 * the first layout finds them; KaTeX's faces are font-display:block, so math is invisible until its
 * fonts are in. Only the fonts the first screens use: a preload that is not used is a wasted request.
 */
const ALWAYS = ['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2'];
const BY_CLASS: Readonly<Record<string, string>> = {
  mathbb: 'KaTeX_AMS-Regular.woff2',
  textbb: 'KaTeX_AMS-Regular.woff2',
  amsrm: 'KaTeX_AMS-Regular.woff2',
  'large-op': 'KaTeX_Size2-Regular.woff2',
  'small-op': 'KaTeX_Size1-Regular.woff2',
  'delimsizing size1': 'KaTeX_Size1-Regular.woff2',
  'delimsizing size2': 'KaTeX_Size2-Regular.woff2',
  'delimsizing size3': 'KaTeX_Size3-Regular.woff2',
  'delimsizing size4': 'KaTeX_Size4-Regular.woff2',
  mathbf: 'KaTeX_Main-Bold.woff2',
  boldsymbol: 'KaTeX_Math-BoldItalic.woff2',
  mathcal: 'KaTeX_Caligraphic-Regular.woff2',
};
const CLASSES = /\b(mathbb|textbb|amsrm|large-op|small-op|delimsizing size[1-4]|mathbf|boldsymbol|mathcal)\b/g;

/** The woff2 files of KaTeX that `html` (rendered formulas) draws with, as far as its classes say. */
export function fontsOf(html: string): string[] {
  if (!html.includes('class="katex')) return [];
  const fonts = new Set(ALWAYS);
  for (const [, name] of html.matchAll(CLASSES)) fonts.add(BY_CLASS[name]);
  return [...fonts];
}

const texts = new Map<string, string>();

/** A sheet's text, read once per process (the files are the extension's own and do not change). */
function sheetText(root: string, parts: readonly string[]): string {
  const file = path.join(root, ...parts);
  let text = texts.get(file);
  if (text === undefined) {
    // `</style` would end the element early: these are our own files, but the guard costs one line.
    text = readFileSync(file, 'utf8').replace(/<\/style/gi, '<\\/style');
    texts.set(file, text);
  }
  return text;
}

/**
 * The page head's preloads and <style> elements. `root` is the extension's folder on disk, `fontUrl`
 * a KaTeX font's URL as the page loads it, `firstHtml` the first screens the page carries. KaTeX's CSS names its fonts relative to itself; inlined,
 * they would resolve against the page, so they are made absolute.
 */
export function inlineSheets(root: string, fontUrl: (font: string) => string, firstHtml = ''): string {
  const preloads = fontsOf(firstHtml).map((font) => `<link rel="preload" href="${fontUrl(font)}" as="font" type="font/woff2" crossorigin>`);
  const styles = PREVIEW_SHEETS.map(({ name, parts }) => {
    let text = sheetText(root, parts);
    if (name === 'katex.min.css') text = text.replace(/url\(fonts\/([^)]+)\)/g, (_match, font: string) => `url(${fontUrl(font)})`);
    return `<style data-sheet="${name}">${text}</style>`;
  });
  return [...preloads, ...styles].join('\n');
}
