// Digest layout (a): a listing page where each entry is
//   `21 Sep` / blank / title / blank / summary paragraphs / `点击阅读全文...`
// The page shows no year. Some entries lost their title line: the summary starts right after the date.
import type { RawEntry } from './model';
import { openingParagraphs } from './markdownText';
import { digestEntry } from './digestEntry';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_LINE = /^(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/;
const READ_MORE = /^点击阅读全文/;
/** Longest line still taken for a title; summaries open with long sentences. */
const MAX_TITLE_CHARS = 80;
/** Days per month in a leap year: the page has no year, so 29 Feb must be allowed. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function readDateLine(line: string): { month: number; day: number } | null {
  const match = DATE_LINE.exec(line.trim());
  if (!match) return null;
  const day = Number(match[1]);
  const month = MONTHS.indexOf(match[2]) + 1;
  return day >= 1 && day <= DAYS_IN_MONTH[month - 1] ? { month, day } : null;
}

/**
 * A title is one short line, alone in its paragraph, that does not read like a sentence:
 * no full stop, and no trailing comma or colon that would continue into the next line.
 */
function looksLikeTitle(paragraphLines: readonly string[]): boolean {
  if (paragraphLines.length !== 1) return false;
  const line = paragraphLines[0].trim();
  const length = Array.from(line).length;
  return length > 0 && length <= MAX_TITLE_CHARS && !line.includes('。') && !/[,，:：;；、]$/.test(line);
}

/** Groups consecutive non-blank lines; keeps the 0-based index of each paragraph's first line. */
function paragraphsOf(lines: readonly string[], from: number, to: number): { start: number; lines: string[] }[] {
  const out: { start: number; lines: string[] }[] = [];
  for (let i = from; i < to; i++) {
    if (lines[i].trim() === '') continue;
    const start = i;
    const block: string[] = [];
    while (i < to && lines[i].trim() !== '') block.push(lines[i++]);
    out.push({ start, lines: block });
  }
  return out;
}

/** Parses layout (a); returns no entries when the text holds no `D Mon` date lines. */
export function parseUndatedDigest(file: string, allLines: readonly string[]): RawEntry[] {
  // The blog's sidebar (`最近评论`) can follow either listing layout; it is never part of an entry.
  const sidebar = allLines.findIndex((line) => line.trim() === '最近评论');
  const lines = sidebar >= 0 ? allLines.slice(0, sidebar) : allLines;
  const dateLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const previousBlank = i === 0 || lines[i - 1].trim() === '';
    if (previousBlank && readDateLine(lines[i])) dateLines.push(i);
  }
  const entries: RawEntry[] = [];
  dateLines.forEach((start, k) => {
    const { month, day } = readDateLine(lines[start])!;
    let end = k + 1 < dateLines.length ? dateLines[k + 1] : lines.length;
    for (let i = start + 1; i < end; i++) {
      if (READ_MORE.test(lines[i].trim())) {
        end = i;
        break;
      }
    }
    const blocks = paragraphsOf(lines, start + 1, end);
    const hasTitle = blocks.length > 0 && looksLikeTitle(blocks[0].lines);
    const title = hasTitle ? blocks[0].lines[0].trim() : null;
    const text = (hasTitle ? blocks.slice(1) : blocks).flatMap((b) => [...b.lines, '']);
    const paragraphs = openingParagraphs(text);
    if (!title && paragraphs.length === 0) return; // a bare date line is not an entry
    entries.push(digestEntry({ file, line: start + 1, kind: 'digest-undated' }, title, { year: null, month, day }, paragraphs));
  });
  return entries;
}
