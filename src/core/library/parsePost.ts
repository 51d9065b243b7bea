// The full-post layout: front matter (core/text/frontMatter, the renderer's reader too), `# title`,
// `**原文链接**: …/archives/<id>`, then the body.
import { localizable, type Localizable } from '../l10n/localizable';
import { readFrontMatterLines, splitTags } from '../text/frontMatter';
import type { ParsedFile, RawEntry } from './model';
import { openingParagraphs } from './markdownText';
import { summarise } from './text';

const ARCHIVE_URL = /(https?:\/\/[^\s)\]>]{1,200}\/archives\/\d+)/;
const TITLE_HEADING = /^#\s+(.+?)(?:\s+#+)?\s*$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** The text of a `# title` heading line (a post's title when its front matter has none), else null. */
export function titleHeadingText(line: string): string | null {
  return TITLE_HEADING.exec(line)?.[1].trim() ?? null;
}

/** True when the text has the signature of a converted post (front matter or the 原文链接 line). */
export function looksLikePost(lines: readonly string[]): boolean {
  if (lines[0]?.trim() === '---') return true;
  return lines.slice(0, 40).some((line) => line.startsWith('**原文链接**'));
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function parseIsoDate(value: string): DateParts | null {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

/** Parses one post; a malformed post still yields its entry when it has a title, with a problem noted. */
export function parsePost(file: string, lines: readonly string[]): ParsedFile {
  const front = readFrontMatterLines(lines);
  const fields = new Map(Object.entries(front.fields));
  const problems: Localizable[] = [];
  if (!front.closed) problems.push(localizable('front matter is not closed by `---`'));

  let bodyStart = front.lineCount;
  let headingTitle: string | null = null;
  let headingLine = -1;
  for (let i = bodyStart; i < Math.min(lines.length, bodyStart + 20); i++) {
    const heading = titleHeadingText(lines[i]);
    if (heading !== null) {
      headingTitle = heading;
      headingLine = i;
      break;
    }
  }
  if (headingLine >= 0) bodyStart = headingLine + 1;

  const title = fields.get('title')?.trim() || headingTitle;
  if (!title) {
    return { file, entries: [], problem: localizable('post has no title (neither `title:` in the front matter nor a `# ` heading)') };
  }

  const dateValue = fields.get('date') ?? '';
  let date = parseIsoDate(dateValue);
  if (dateValue.trim() && !date) problems.push(localizable('date "{0}" is not YYYY-MM-DD', dateValue.trim().slice(0, 40)));
  let url = ARCHIVE_URL.exec(fields.get('source') ?? '')?.[1] ?? null;
  const body: string[] = [];
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('**原文链接**')) {
      url ??= ARCHIVE_URL.exec(line)?.[1] ?? null;
      continue;
    }
    const published = /^\*\*发布日期\*\*\s*[:：]\s*(\S*)/.exec(line);
    if (published) {
      date ??= parseIsoDate(published[1]);
      continue;
    }
    body.push(line);
  }

  const paragraphs = openingParagraphs(body);
  const tags = splitTags(fields.get('tags')) ?? [];
  const entry: RawEntry = {
    source: { file, line: 1, kind: 'post' },
    title,
    year: date?.year ?? null,
    month: date?.month ?? null,
    day: date?.day ?? null,
    summary: summarise(paragraphs),
    excerptOnly: false,
    tags,
    url,
    opening: paragraphs[0] ?? '',
  };
  return { file, entries: [entry], ...(problems.length ? { problem: problems.reduce((all, next) => localizable('{0}; {1}', all, next)) } : {}) };
}
