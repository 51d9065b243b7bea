// Loads the compute results' drawing code (dist/presentation.js: KaTeX and uPlot, and their CSS)
// into the preview page the first time a result is drawn — not before the first screens of every
// post. The post's own math needs none of it: it arrives as KaTeX's HTML, rendered on the host.
//
// The CSP stays as it is: the script is ours, from the extension's dist/ folder beside this one
// (a webview resource, never the web), and carries the nonce of the script that loads it.
import type { renderPresentation } from '../shared/presentationView';

/** What dist/presentation.js leaves in the global `kexuePresentation`. */
export interface PresentationChunk {
  renderPresentation: typeof renderPresentation;
}

declare global {
  interface Window {
    kexuePresentation?: PresentationChunk;
  }
}

/**
 * This page's own script (dist/webview.js): the chunk lies beside it and runs under its nonce. The
 * shell carries the script inline, its URL in data-src (previewHtml.ts); the test pages load it by src.
 */
const pageScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;

/** The URL of a file beside the page's script. */
function besideScript(file: string): string {
  return new URL(file, pageScript?.dataset.src || pageScript?.src || document.baseURI).href;
}

let loading: Promise<PresentationChunk> | undefined;

/** The drawing code, loaded once (a failed load is tried again on the next call). */
export function presentationChunk(): Promise<PresentationChunk> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Starts loading the chunk when the page is idle (a post with compute cards: its Run answers at once). */
export function preloadPresentationChunk(): void {
  if (loading || window.kexuePresentation) return;
  const start = (): void => void presentationChunk().catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(start, { timeout: 3000 });
  else setTimeout(start, 500);
}

async function load(): Promise<PresentationChunk> {
  if (window.kexuePresentation) return window.kexuePresentation;
  await Promise.all([stylesheet(besideScript('presentation.css')), script(besideScript('presentation.js'))]);
  const chunk = window.kexuePresentation;
  if (!chunk) throw new Error('presentation.js did not load');
  return chunk;
}

function script(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.nonce = pageScript?.nonce ?? '';
    s.src = src;
    s.addEventListener('load', () => resolve());
    s.addEventListener('error', () => reject(new Error(`could not load ${src}`)));
    document.head.append(s);
  });
}

/**
 * uPlot's stylesheet, before the page's own (preview.css restyles .uplot and must win). A sheet
 * that fails to load leaves the plots plainer, not missing: it resolves either way.
 */
function stylesheet(href: string): Promise<void> {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
    const pageCss = document.head.querySelector('style[data-sheet="preview.css"], link[rel="stylesheet"][href$="preview.css"]');
    if (pageCss) pageCss.before(link);
    else document.head.append(link);
  });
}
