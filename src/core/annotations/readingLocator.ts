// Where a reader is in a post, as words rather than a pixel or line offset: the heading above and the
// first words of the line at the top of the view. Found again in an edited post like a note is.
import { anchorQuote } from './anchor';

export interface ReadingLocator {
  heading: string | null;
  /** Up to 40 units from the start of the line the reader was at (a note-like quote). */
  quote: string;
  /** Offset where it was, a hint when the quote occurs twice. */
  offset: number;
}

export type ReadState = 'unread' | 'reading' | 'read';

const HEADING = /^#{1,6}\s+(.+?)(?:\s+#+)?\s*$/;

export function locatorAt(text: string, offset: number): ReadingLocator {
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  let heading: string | null = null;
  for (let at = lineStart; at > 0 && heading === null; ) {
    const previous = text.lastIndexOf('\n', at - 2) + 1;
    heading = HEADING.exec(text.slice(previous, at - 1))?.[1] ?? null;
    at = previous;
  }
  if (heading === null) heading = HEADING.exec(line)?.[1] ?? null;
  return { heading, quote: line.slice(0, 40), offset: lineStart };
}

/** The offset the locator points at in `text` now (the heading's line when the words are gone; 0 when both are). */
export function offsetOfLocator(text: string, locator: ReadingLocator): number {
  if (locator.quote.trim() !== '') {
    const anchor = anchorQuote(text, { type: 'TextQuoteSelector', exact: locator.quote, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: locator.offset, end: locator.offset + locator.quote.length });
    if (anchor.status !== 'orphan') return anchor.start;
  }
  if (locator.heading) {
    const match = new RegExp(`^#{1,6}\\s+${locator.heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').exec(text);
    if (match) return match.index;
  }
  return 0;
}

/** The 0-based line holding `offset`. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** The offset where 0-based `line` starts (the text's last line's start when it has fewer lines). */
export function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return offset;
    offset = next + 1;
  }
  return offset;
}

/** The locator of the reader's place when 0-based `line` is at the top of the view (a preview's or an editor's). */
export function locatorAtLine(text: string, line: number): ReadingLocator {
  let offset = offsetOfLine(text, Math.max(0, Math.round(line)));
  // A blank line has no words to find again: take the next line that has some.
  while (offset < text.length && /^[ \t]*\r?(\n|$)/.test(text.slice(offset, offset + 200))) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return locatorAt(text, offset);
}

/** The 0-based line the locator points at in `text` now. */
export const lineOfLocator = (text: string, locator: ReadingLocator): number => lineOfOffset(text, offsetOfLocator(text, locator));
