/**
 * What a link clicked in the preview may open. Only web pages and mail; everything else (javascript:,
 * file:, command:, data:, vscode:) is refused — a post must never be able to make VS Code do anything.
 */
export type LinkDecision = { kind: 'external'; url: string } | { kind: 'refused'; reason: string };

export function decideLink(href: string): LinkDecision {
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
