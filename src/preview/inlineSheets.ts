// The preview page's stylesheets as <style> elements of its shell, with the KaTeX fonts its math
// draws with first inside them (previewStyles.ts gives them the webview's URLs). No vscode here: the
// unit tests build the same head with URLs of their own.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EQUATION_NUMBER_CSS } from '../core/render/equationNumberStyles';

/**
 * The sheets, in cascade order: a file below the extension's root, or rules the export shares (text).
 * `name` marks each <style> (lazyPresentation puts uPlot's before ours).
 */
export const PREVIEW_SHEETS: ReadonlyArray<{ name: string } & ({ parts: readonly string[] } | { text: string })> = [
  { name: 'katex.min.css', parts: ['node_modules', 'katex', 'dist', 'katex.min.css'] },
  { name: 'preview.css', parts: ['media', 'preview.css'] },
  { name: 'equation-numbers', text: EQUATION_NUMBER_CSS },
  { name: 'annotations.css', parts: ['media', 'annotations.css'] },
];

/** Where KaTeX's fonts are, below the extension's root. */
export const KATEX_FONTS = ['node_modules', 'katex', 'dist', 'fonts'] as const;

/**
 * The KaTeX fonts almost every formula draws with (upright text and digits, italic letters), and the
 * others a class of KaTeX's HTML names (katex.min.css: `.katex .mathbb{font-family:KaTeX_AMS}` …).
 * Carried inside the page's head (fontData), they are in as soon as the page is parsed instead of
 * after the first layout finds them; KaTeX's faces are font-display:block, so math is invisible until
 * its fonts are in. Only the fonts the first screens use: the others would only make the page longer.
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

const assets = new Map<string, unknown>();

/**
 * `read(file)` once per process: the page's assets are the extension's own files and do not change.
 * `read` says what an unreadable file gives (or throws, and is asked again next time).
 */
export function assetOnce<T>(file: string, read: (file: string) => T): T {
  if (!assets.has(file)) assets.set(file, read(file));
  return assets.get(file) as T;
}

/** A sheet's text. */
function sheetText(root: string, parts: readonly string[]): string {
  // `</style` would end the element early: these are our own files, but the guard costs one line.
  return assetOnce(path.join(root, ...parts), (file) => readFileSync(file, 'utf8').replace(/<\/style/gi, '<\\/style'));
}

/**
 * The page head's <style> elements. `root` is the extension's folder on disk, `fontUrl`
 * a KaTeX font's URL as the page loads it, `firstHtml` the first screens the page carries. KaTeX's CSS names its fonts relative to itself; inlined,
 * they would resolve against the page, so they are made absolute.
 */
export function inlineSheets(root: string, fontUrl: (font: string) => string, firstHtml = ''): string {
  const first = new Set(fontsOf(firstHtml));
  const styles = PREVIEW_SHEETS.map((sheet) => {
    const { name } = sheet;
    let text = 'text' in sheet ? sheet.text : sheetText(root, sheet.parts);
    if (name === 'katex.min.css') text = text.replace(/url\(fonts\/([^)]+)\)/g, (_match, font: string) => `url(${(first.has(font) && fontData(root, font)) || fontUrl(font)})`);
    return `<style data-sheet="${name}">${text}</style>`;
  });
  return styles.join('\n');
}

/**
 * A font the first screens draw with, as a data: URI inside the shell. Fetched, it went through the
 * webview's service worker (≈ 130 ms each on a busy machine, four at once), and the workbench shows
 * a new page only at its 'load' — which waits for every font being fetched — or 200 ms after writing
 * it. The other faces stay URLs, fetched only if a later formula needs them. '' when the file cannot
 * be read: the face keeps its URL, and the page reports a font it could not load as before.
 */
function fontData(root: string, font: string): string {
  return assetOnce(path.join(root, ...KATEX_FONTS, font), (file) => {
    try {
      return `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
    } catch {
      return '';
    }
  });
}
