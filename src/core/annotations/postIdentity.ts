// Who a post is, read from its text, never from its path: renaming or moving a file keeps its notes.
// The blog's own address (…/archives/<id>, the same post on kexue.fm and spaces.ac.cn) comes first, then
// the front-matter slug, then title + date. Every key the text yields is a candidate, so a post whose
// re-scrape gained a 原文链接 line still finds the notes filed under its slug.
import { readFrontMatter } from '../text/frontMatter';
import type { PostIdentity } from './model';

const ARCHIVE = /(https?:\/\/[^\s)\]>]{1,200}\/archives\/(\d+))/;
const SOURCE_LINE = /^\*\*原文链接\*\*/;
const HEADING = /^#\s+(.+?)(?:\s+#+)?\s*$/;

/** A file-name-safe form of a key part: no separators, reserved characters, or leading dots. */
export function safeKeyPart(value: string): string {
  return (
    value
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\\/:*?"<>|#%\s]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 120)
  );
}

/** The identity of the post in `text`, or null when it names neither an address, a slug nor a title. */
export function postIdentity(text: string): PostIdentity | null {
  const front = readFrontMatter(text);
  const lines = text.split('\n', front.lineCount + 60).map((l) => l.replace(/\r$/, ''));
  let url: string | null = null;
  let archive: string | null = null;
  let heading: string | null = null;
  for (let i = front.lineCount; i < lines.length; i++) {
    const line = lines[i];
    if (heading === null) heading = HEADING.exec(line)?.[1]?.trim() ?? null;
    if (url === null && SOURCE_LINE.test(line)) {
      const match = ARCHIVE.exec(line);
      if (match) [url, archive] = [match[1], match[2]];
    }
  }
  if (url === null && front.fields.url) {
    const match = ARCHIVE.exec(front.fields.url);
    if (match) [url, archive] = [match[1], match[2]];
  }
  const slug = front.fields.slug?.trim() || null;
  const title = front.fields.title?.trim() || heading;
  const date = front.fields.date?.trim() || null;
  const keys = identityKeys({ archive, slug, title, date });
  if (keys.length === 0) return null;
  const key = keys[0];
  return { key, source: url ?? `urn:kexue:post:${key}`, url, slug, title, date };
}

function identityKeys(parts: { archive: string | null; slug: string | null; title: string | null; date: string | null }): string[] {
  const keys: string[] = [];
  if (parts.archive) keys.push(`archives-${parts.archive}`);
  if (parts.slug && safeKeyPart(parts.slug)) keys.push(`slug-${safeKeyPart(parts.slug)}`);
  if (parts.title && safeKeyPart(parts.title)) keys.push(`title-${safeKeyPart(parts.title)}${parts.date ? `-${safeKeyPart(parts.date)}` : ''}`);
  return keys;
}

/** Every key the post may have been filed under, best first (the first is where it is filed now). */
export function candidateKeys(identity: Omit<PostIdentity, 'key' | 'source'>): string[] {
  const archive = identity.url ? (ARCHIVE.exec(identity.url)?.[2] ?? null) : null;
  return identityKeys({ archive, slug: identity.slug, title: identity.title, date: identity.date });
}
