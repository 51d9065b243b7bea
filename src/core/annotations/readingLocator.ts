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
