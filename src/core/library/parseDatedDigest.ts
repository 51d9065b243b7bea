// Digest layout (b): a listing page where each entry is
//   `Title` / `By 苏剑林 | 2022-09-28 | 67272位读者 | 引用<first paragraph>` / more paragraphs…
// The scraper lost line breaks: when a By-line is immediately followed by another By-line, the text
// after 引用 on the first one is the NEXT entry's title, and the first entry's body is lost.
// The page ends with the sidebar (`最近评论`), which is not part of any entry.
import type { RawEntry } from './model';
import { openingParagraphs } from './markdownText';
import { digestEntry } from './digestEntry';

const BY_LINE = /^By\s+([^|]{1,60})\|\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*\|([^|]{0,40})\|\s*(?:引用)?(.*)$/s;
const END_OF_ENTRIES = '最近评论';

interface ByLine {
  year: number;
  month: number;
  day: number;
  /** Text after 引用: the first paragraph, or the next entry's title when glued. */
  after: string;
}

function readByLine(line: string): ByLine | null {
  const match = BY_LINE.exec(line.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day, after: match[6].trim() };
}

/** Parses layout (b); returns no entries when the text holds no By-lines. */
export function parseDatedDigest(file: string, allLines: readonly string[]): RawEntry[] {
  const endIndex = allLines.findIndex((line) => line.trim() === END_OF_ENTRIES);
  const lines = endIndex >= 0 ? allLines.slice(0, endIndex) : allLines;
  const byLines = lines.map(readByLine);
  const byIndices = byLines.flatMap((by, i) => (by ? [i] : []));
  const entries: RawEntry[] = [];

  byIndices.forEach((i, k) => {
    const by = byLines[i]!;
    const previous = i > 0 ? byLines[i - 1] : null;
    const glued = i + 1 < lines.length && byLines[i + 1] !== null;

    let title: string | null = null;
    let startLine = i;
    if (previous) {
      // Our title was glued onto the previous By-line.
      title = previous.after || null;
      startLine = i - 1;
    } else if (i > 0 && lines[i - 1].trim() !== '') {
      title = lines[i - 1].trim();
      startLine = i - 1;
    }

    let bodyLines: string[] = [];
    if (!glued) {
      const next = k + 1 < byIndices.length ? byIndices[k + 1] : lines.length + 1;
      // The line just before the next By-line is that entry's title, not our body.
      bodyLines = [by.after, ...lines.slice(i + 1, next - 1)];
    }
    // Every line of this layout is its own paragraph (the line breaks between paragraphs were lost).
    const paragraphs = openingParagraphs(bodyLines.flatMap((line) => [line, '']));
    entries.push(digestEntry({ file, line: startLine + 1, kind: 'digest-dated' }, title, by, paragraphs));
  });
  return entries;
}
