// A post's images beside it (`![图](figs/a.png)`, `<img src="a.png">`). The rendered HTML is cached and
// shown in places that reach the post's folder differently — the preview by a webview address, the
// exported page by the image inlined — so it names such an image by `data-kx-src` (its address as the
// post wrote it) and each place gives it its `src` here.

import { escapeHtml, unescapeHtml } from './html';

/** The attribute that holds a local image's address, relative to the post's folder. */
export const LOCAL_IMAGE_ATTRIBUTE = 'data-kx-src';

/**
 * An address relative to the post: no scheme (`javascript:`, `C:` and `file:` are not relative), not
 * rooted (`/archives/…` is the blog's, `//host` another site's, `\\server` a share), not in-page (`#x`).
 */
export function isRelativePath(address: string): boolean {
  return /^(?![a-z][a-z0-9+.-]*:|[/\\#?])\S/i.test(address);
}

/**
 * A relative address read as a path and a fragment, both percent-decoded (the query dropped);
 * undefined when it cannot be decoded. Images and links to posts beside a post are read alike.
 */
export function relativeAddress(address: string): { path: string; fragment?: string } | undefined {
  const [, rawPath = '', rawFragment] = /^([^?#]*)(?:\?[^#]*)?(?:#(.*))?$/s.exec(address.trim()) ?? [];
  try {
    const path = decodeURIComponent(rawPath);
    return rawFragment ? { path, fragment: decodeURIComponent(rawFragment) } : { path };
  } catch {
    return undefined;
  }
}

/**
 * The path of a local image's address relative to the post's folder: relativeAddress's path with
 * `.` and `..` resolved — it may still climb out of the folder (`../images/a.png`), and each place
 * that shows it decides how far (the workspace, for the preview). Undefined when it cannot be decoded
 * or names nothing.
 */
export function localImagePath(address: string): string | undefined {
  const decoded = relativeAddress(address)?.path;
  if (decoded === undefined) return undefined;
  const parts: string[] = [];
  for (const part of decoded.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.length > 0 && parts[parts.length - 1] !== '..' ? parts.join('/') : undefined;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  bmp: 'image/bmp',
};

/** The image type of a file by its extension; undefined for what is not an image (a post, a script). */
export function imageMimeType(path: string): string | undefined {
  return MIME_TYPES[/\.([a-z0-9]+)$/i.exec(path)?.[1].toLowerCase() ?? ''];
}

/**
 * Gives each local image in `html` the `src` that `sourceOf` finds for its path relative to the post's
 * folder (see localImagePath). An image it finds nothing for keeps no `src` — its alt text shows —
 * and says why on hover.
 */
export function resolveLocalImages(html: string, sourceOf: (path: string) => string | undefined, notFound: (address: string) => string): string {
  if (!html.includes(LOCAL_IMAGE_ATTRIBUTE)) return html;
  return html.replace(/ data-kx-src="([^"]*)"/g, (_whole, escaped: string) => {
    const address = unescapeHtml(escaped);
    const path = localImagePath(address);
    const src = path !== undefined && imageMimeType(path) ? sourceOf(path) : undefined;
    return src === undefined
      ? ` data-kx-src="${escaped}" title="${escapeHtml(notFound(address))}"`
      : ` src="${escapeHtml(src)}" data-kx-src="${escaped}"`;
  });
}

/** The largest image an exported page inlines: a page of several such images is already heavy. */
export const MAX_INLINED_IMAGE_BYTES = 16 * 1024 * 1024;

/** What reading one image beside the post gave: its bytes as base64, or why not (" is missing" …). */
export type ImageRead = { base64: string } | { problem: string };

/**
 * The local images of `html` as data: URLs for an exported page (exportPage's `localImage`), each
 * read once by `read` — which knows the files, how far up a path may go and the size limit
 * (MAX_INLINED_IMAGE_BYTES) — and those it could not read, with why.
 */
export async function inlineLocalImages(
  html: string,
  read: (path: string) => Promise<ImageRead>,
): Promise<{ localImage: (path: string) => string | undefined; problems: Array<{ path: string; problem: string }> }> {
  const urls = new Map<string, string>();
  const problems: Array<{ path: string; problem: string }> = [];
  const paths = new Set<string>();
  for (const match of html.matchAll(/ data-kx-src="([^"]*)"/g)) {
    const path = localImagePath(unescapeHtml(match[1]));
    if (path !== undefined && imageMimeType(path)) paths.add(path);
  }
  for (const path of paths) {
    const got = await read(path);
    if ('problem' in got) problems.push({ path, problem: got.problem });
    else urls.set(path, `data:${imageMimeType(path)};base64,${got.base64}`);
  }
  return { localImage: (path) => urls.get(path), problems };
}
