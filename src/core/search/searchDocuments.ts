// A file of the library cut into what a search hit points at: a post's title, a paragraph of text
// (inline math included), a display formula (its TeX, with its equation number) or a reader's note.
// Equation numbers come from the editor's `analyseDisplays` (`analysePost`'s displays, numbered with the
// render engine's own `numberDisplay`), so a hit's number is the number the preview shows.

import { analyseDisplays, lineAt } from '../editor/postAnalysis';

export type HitKind = 'title' | 'text' | 'math' | 'note';

/** Where a post starts in a file, as the library knows it. */
export interface PostEntryRef {
  /** 1-based line of the entry (the library's `PostSource.line`). */
  line: number;
  postId: string;
  title: string;
  /** True in the post's first source only: its title is indexed once, not once per listing page. */
  primary: boolean;
}

export interface SearchDocument {
  file: string;
  postId: string;
  title: string;
  /** 1-based line where the document's text starts. */
  line: number;
  kind: HitKind;
  /** The equation number(s) of a numbered display, `3` or `3, 4` for rows; null otherwise. */
  equation: string | null;
  /** The text as written (a display's TeX, a paragraph, a title, a note). */
  text: string;
}

/** A reader's note as the search sees it: its text, and where in which file it is anchored. */
export interface SearchNote {
  file: string;
  /** 1-based line of the annotated text. */
  line: number;
  text: string;
  /** The annotated passage, when the note quotes one. */
  quote?: string;
}

/** Longer paragraphs (a scraped page that lost its line breaks) are cut at a sentence end near this. */
export const MAX_PARAGRAPH = 1500;
/**
 * Short neighbouring paragraphs are indexed as one document up to this length: the index's cost
 * grows with the number of documents, and a hit still names its own line (found in the text).
 */
export const MIN_CHUNK = 400;

export function extractDocuments(file: string, text: string, entries: readonly PostEntryRef[]): SearchDocument[] {
  if (entries.length === 0) return [];
  const sorted = [...entries].sort((a, b) => a.line - b.line);
  const postAt = (line: number): PostEntryRef => {
    let found = sorted[0];
    for (const entry of sorted) if (entry.line <= line) found = entry;
    return found;
  };
  const documents: SearchDocument[] = [];
  for (const entry of sorted) {
    if (entry.primary) documents.push({ file, postId: entry.postId, title: entry.title, line: entry.line, kind: 'title', equation: null, text: entry.title });
  }
  const add = (kind: HitKind, start: number, body: string, equation: string | null, lineStarts: readonly number[]) => {
    const line = lineAt(lineStarts, start) + 1;
    const post = postAt(line);
    documents.push({ file, postId: post.postId, title: post.title, line, kind, equation, text: body });
  };

  const analysis = analyseDisplays(text);
  const { lineStarts } = analysis;
  let cursor = lineStarts[analysis.frontMatterLines] ?? text.length;
  const addProse = (from: number, to: number) => {
    for (const [start, body] of mergeShort(text, paragraphs(text, from, to))) add('text', start, body, null, lineStarts);
  };
  for (const { region, numbers } of analysis.displays) {
    if (region.start < cursor) continue;
    addProse(cursor, region.start);
    const equation = numbers.length > 0 ? numbers.join(', ') : null;
    add('math', region.texStart, text.slice(region.texStart, region.texEnd), equation, lineStarts);
    cursor = region.end;
  }
  addProse(cursor, text.length);
  return documents;
}

/** Paragraphs (runs of non-blank lines) in text[from, to), long ones cut; [offset, text]. */
function paragraphs(text: string, from: number, to: number): [number, string][] {
  const found: [number, string][] = [];
  const blank = /\n[ \t\r]*\n/g;
  blank.lastIndex = from;
  let start = from;
  for (;;) {
    const match = blank.exec(text);
    const end = match && match.index < to ? match.index : to;
    pushCut(text, start, end, found);
    if (!match || match.index >= to) break;
    start = match.index + match[0].length;
  }
  return found;
}

/** Neighbouring short paragraphs joined (with the text between them, so lines still count). */
function mergeShort(text: string, found: [number, string][]): [number, string][] {
  const merged: [number, string][] = [];
  for (const [start, body] of found) {
    const last = merged[merged.length - 1];
    if (last && last[1].length < MIN_CHUNK && start + body.length - last[0] <= MAX_PARAGRAPH) last[1] = text.slice(last[0], start + body.length);
    else merged.push([start, body]);
  }
  return merged;
}

function pushCut(text: string, start: number, end: number, found: [number, string][]): void {
  while (start < end) {
    let stop = end;
    if (end - start > MAX_PARAGRAPH) {
      const window = text.slice(start + MAX_PARAGRAPH / 2, start + MAX_PARAGRAPH);
      const sentence = Math.max(window.lastIndexOf('。'), window.lastIndexOf('\n'), window.lastIndexOf('. '));
      stop = sentence >= 0 ? start + MAX_PARAGRAPH / 2 + sentence + 1 : start + MAX_PARAGRAPH;
    }
    const body = text.slice(start, stop);
    const lead = body.length - body.trimStart().length;
    const trimmed = body.trim();
    if (trimmed.length > 0) found.push([start + lead, trimmed]);
    start = stop;
  }
}

/** Notes as documents of the post their line falls in. */
export function noteDocuments(notes: readonly SearchNote[], entries: readonly PostEntryRef[]): SearchDocument[] {
  if (entries.length === 0) return [];
  const sorted = [...entries].sort((a, b) => a.line - b.line);
  return notes.map((note) => {
    let post = sorted[0];
    for (const entry of sorted) if (entry.line <= note.line) post = entry;
    return { file: note.file, postId: post.postId, title: post.title, line: note.line, kind: 'note' as const, equation: null, text: note.quote ? `${note.text}\n> ${note.quote}` : note.text };
  });
}
