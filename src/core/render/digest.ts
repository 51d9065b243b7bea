// The scraped listing pages (digests/*.txt) in their two layouts, cut into entries whose bodies the
// post pipeline renders. See facts.md §1 for both layouts and how the scraper glued them.

export type DigestLayout = 'digest-dated' | 'digest-undated';

export interface DigestEntry {
  /** 0-based line where the entry starts (its date or title line). */
  line: number;
  title?: string;
  /** `2022-09-28` in the dated layout, `20 Apr` in the undated one. */
  date: string;
  /** Body lines: 0-based first line and the text from there on (the first may be a line's tail). */
  bodyStartLine: number;
  body: string;
  /** True where the page cut the post short with 点击阅读全文. */
  excerpt: boolean;
}

const MONTH_DAY = /^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s*$/;
const BYLINE = /^By [^|]+\| (\d{4}-\d{2}-\d{2}) \|[^|]*\| 引用(.*)$/;
const READ_MORE = /^\s*点击阅读全文/;
const COMMENTS_FOOTER = /^最近评论\s*$/;

export function detectDigestLayout(text: string): DigestLayout | undefined {
  if (/^By [^|\n]+\| \d{4}-\d{2}-\d{2} \|/m.test(text)) return 'digest-dated';
  const lines = text.split('\n', 40);
  if (lines.some((line) => MONTH_DAY.test(line)) && text.includes('点击阅读全文')) return 'digest-undated';
  return undefined;
}

export function parseDigest(text: string, layout: DigestLayout): DigestEntry[] {
  const lines = text.split('\n');
  // The blog's sidebar (`最近评论`) ends the entries in either layout: its comments carry dates and
  // bylines of their own, and read as posts would be drawn as cards (the library never lists them).
  const footer = lines.findIndex((line) => COMMENTS_FOOTER.test(line));
  const entries = footer < 0 ? lines : lines.slice(0, footer);
  return layout === 'digest-dated' ? parseDated(entries) : parseUndated(entries);
}

/** `D Mon`, blank, optional title, blank, summary, `点击阅读全文...`. */
function parseUndated(lines: string[]): DigestEntry[] {
  const entries: DigestEntry[] = [];
  const starts = lines.flatMap((line, i) => (MONTH_DAY.test(line) ? [i] : []));
  starts.forEach((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    let cursor = nextNonBlank(lines, start + 1, end);
    let title: string | undefined;
    const candidate = lines[cursor]?.trim() ?? '';
    // A title is one short line standing alone; an entry without one starts with its summary.
    if (cursor < end && isTitleLike(candidate) && (lines[cursor + 1] ?? '').trim() === '') {
      title = candidate;
      cursor = nextNonBlank(lines, cursor + 1, end);
    }
    let bodyEnd = end;
    let excerpt = false;
    for (let i = cursor; i < end; i++) {
      if (READ_MORE.test(lines[i])) {
        bodyEnd = i;
        excerpt = true;
        break;
      }
    }
    entries.push({
      line: start,
      title,
      date: lines[start].trim(),
      bodyStartLine: cursor,
      body: lines.slice(cursor, bodyEnd).join('\n'),
      excerpt,
    });
  });
  return entries;
}

function isTitleLike(line: string): boolean {
  return line.length > 0 && line.length <= 60 && !/[。，,；;]$/.test(line) && !line.includes('$');
}

function nextNonBlank(lines: string[], from: number, end: number): number {
  let i = from;
  while (i < end && lines[i].trim() === '') i++;
  return i;
}

/**
 * `Title` / `By 苏剑林 | 2022-09-28 | … | 引用<first paragraph>`. When the scraper lost a line break
 * the next title hangs after `引用` with the next byline right below it.
 */
function parseDated(lines: string[]): DigestEntry[] {
  const bylines = lines.flatMap((line, i) => (BYLINE.test(line) ? [i] : []));
  const entries: DigestEntry[] = [];
  bylines.forEach((byline, k) => {
    const match = BYLINE.exec(lines[byline]);
    if (!match) return;
    const previous = byline - 1;
    const previousByline = previous >= 0 ? BYLINE.exec(lines[previous]) : null;
    const title = previousByline ? previousByline[2].trim() : lines[previous]?.trim();
    const nextByline = k + 1 < bylines.length ? bylines[k + 1] : undefined;
    const tailIsNextTitle = nextByline === byline + 1;
    // The body runs to the line before the next entry's title line (or to the end: the sidebar is cut off already).
    let end = nextByline === undefined ? lines.length : nextByline - 1;
    if (nextByline !== undefined && BYLINE.test(lines[nextByline - 1])) end = nextByline;
    const tail = tailIsNextTitle ? '' : match[2];
    const rest = lines.slice(byline + 1, Math.max(byline + 1, end));
    entries.push({
      line: previousByline || previous < 0 ? byline : previous,
      title: title && title.length > 0 ? title : undefined,
      date: match[1],
      bodyStartLine: byline,
      body: [tail, ...rest].join('\n'),
      excerpt: false,
    });
  });
  return entries;
}
