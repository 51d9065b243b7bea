import { isRelativePath, relativeAddress } from '../core/render/localImages';

/**
 * What a link clicked in the preview may open. Web pages and mail, and another post by its path
 * relative to this one (`[上一篇](part1.md)`, opened in the preview); everything else (javascript:,
 * file:, command:, data:, vscode:, a relative path to anything but a post) is refused — a post must
 * never be able to make VS Code do anything.
 */
export type LinkDecision =
  | { kind: 'external'; url: string }
  /** `path`: percent-decoded, relative to the folder of the post the link is in; `fragment` (decoded) a heading in it. */
  | { kind: 'post'; path: string; fragment?: string }
  | { kind: 'refused'; reason: string };

const POST_FILE = /\.(?:md|markdown|txt)$/i;

export function decideLink(href: string): LinkDecision {
  if (isRelativePath(href.trim())) {
    const address = relativeAddress(href);
    if (!address) return { kind: 'refused', reason: 'not a valid address' };
    if (!POST_FILE.test(address.path)) return { kind: 'refused', reason: 'a relative link opens only a post (.md, .txt)' };
    return { kind: 'post', ...address };
  }
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return { kind: 'refused', reason: 'not an absolute address' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') {
    return { kind: 'external', url: url.toString() };
  }
  return { kind: 'refused', reason: `the scheme ${url.protocol} is not opened from posts` };
}

/** The blog's archive id in a link such as https://spaces.ac.cn/archives/10114 — to open our copy instead. */
export function archiveId(href: string): string | undefined {
  return /^https?:\/\/(?:spaces\.ac\.cn|kexue\.fm)\/archives\/(\d+)/.exec(href)?.[1];
}
