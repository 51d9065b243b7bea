// A rendered post as one self-contained HTML page (KaTeX CSS and fonts inlined by the caller), styled
// to read like the blog: serif CJK body, centred displays with the number on the right.

import { EQUATION_NUMBER_CSS } from './equationNumberStyles';
import { escapeHtml } from './html';
import { resolveLocalImages } from './localImages';
import type { RenderResult } from './types';

/** Reader styles for the export; the preview has its own, themed by VS Code. */
export const EXPORT_STYLESHEET = `
body { max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; background: #fdfdfb; --kexue-surface: #fdfdfb;
  font: 16px/1.85 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif; }
h1, h2, h3, h4 { font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; line-height: 1.4; }
h1 { font-size: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: .3em; }
h2 { font-size: 1.3em; border-left: 4px solid #c33; padding-left: .5em; }
a { color: #1a5ca8; text-decoration: none; } a:hover { text-decoration: underline; }
/* A display found inside a paragraph is a span: a block, or a wide one would not scroll but widen the page. */
.math-display { display: block; overflow-x: auto; overflow-y: hidden; margin: .8em 0; }
.katex-display { margin: .4em 0; }
a.eqref { white-space: nowrap; }
/* A short formula and the punctuation beside it stay on one line (punctuationGlue.ts). */
.kx-glue { white-space: nowrap; }
a.eqref-unresolved, .katex-error { color: #c00; }
.katex-error { font-family: monospace; white-space: pre-wrap; border-bottom: 1px dotted #c00; }
blockquote { margin: 1em 0; padding: .2em 1em; color: #555; border-left: 3px solid #ccc; background: #f6f6f3; --kexue-surface: #f6f6f3; }
pre, code { font-family: "JetBrains Mono", Menlo, monospace; font-size: .9em; background: #f3f3ef; }
/* Code keeps code's spacing (the prose's 1.85 drew a program double-spaced) and one size (.9em, not .9 of .9). */
pre { padding: .8em; overflow-x: auto; line-height: 1.5; }
pre code { font-size: 1em; background: none; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .2em .6em; }
.post-meta { color: #777; font-size: .9em; }
.excerpt-marker { color: #777; font-style: italic; }
/* A reader whose system is dark gets a dark page (formulas take the text's colour; MathJax's SVG is currentColor). */
@media (prefers-color-scheme: dark) {
  body { color: #d8d8d4; background: #1e1f1c; --kexue-surface: #1e1f1c; }
  h1 { border-bottom-color: #444; }
  h2 { border-left-color: #e05a5a; }
  a { color: #73b3f0; }
  a.eqref-unresolved, .katex-error { color: #ff7b72; }
  .katex-error { border-bottom-color: #ff7b72; }
  blockquote { color: #aaa; border-left-color: #555; background: #262724; --kexue-surface: #262724; }
  pre, code { background: #2a2b27; }
  th, td { border-color: #555; }
  .post-meta, .excerpt-marker { color: #999; }
}
${EQUATION_NUMBER_CSS}`;

export interface ExportInputs {
  /** KaTeX's stylesheet with its fonts already inlined (the caller reads node_modules). */
  katexCss: string;
  /** The page may load images from the web (the post was rendered with remoteImages); default no. */
  remoteImages?: boolean;
  /**
   * A data: URL of an image in the post's folder (`figs/a.png`), so the page stays one file; an image
   * without one shows its alt text. Default: none.
   */
  localImage?: (path: string) => string | undefined;
}

export function exportPage(result: RenderResult, inputs: ExportInputs): string {
  const title = escapeHtml(result.meta.title ?? 'Kexue Reader export');
  const metaLine = [result.meta.date, result.meta.tags?.join(' · ')].filter(Boolean).join(' | ');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src ${inputs.remoteImages ? 'https: ' : ''}data:">
<title>${title}</title>
<style>${inputs.katexCss}</style>
<style>${EXPORT_STYLESHEET}</style>
</head>
<body>
${metaLine ? `<p class="post-meta">${escapeHtml(metaLine)}</p>\n` : ''}<article class="post">
${resolveLocalImages(result.html, inputs.localImage ?? (() => undefined), (address) => `${address}: not found beside the post`)}</article>
</body>
</html>
`;
}

/**
 * Rewrites KaTeX's @font-face rules to a single woff2 data URL each, so the page needs no files.
 * `readFont` returns base64 for a file name such as `KaTeX_AMS-Regular.woff2`, or undefined.
 */
export function inlineKatexFonts(css: string, readFont: (name: string) => string | undefined): string {
  return css.replace(/src:url\(fonts\/([\w-]+\.woff2)\) format\("woff2"\)[^;}]*/g, (whole, name: string) => {
    const base64 = readFont(name);
    return base64 === undefined ? whole : `src:url(data:font/woff2;base64,${base64}) format("woff2")`;
  });
}
