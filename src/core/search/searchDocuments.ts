// A file of the library cut into what a search hit points at: a post's title, a paragraph of text
// (inline math included), a display formula (its TeX, with its equation number) or a reader's note.
// Equation numbers come from the editor's `analyseDisplays` (`analysePost`'s displays, numbered with the
// render engine's own `numberDisplay`), so a hit's number is the number the preview shows.

import { analyseDisplays, lineAt } from '../editor/postAnalysis';
import { titleHeadingText } from '../library/parsePost';
import { tagsOnly } from '../render/postHtml';

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
  return documentsOfSpans(file, text, entries.length === 0 ? EMPTY_SPANS : documentSpans(text), entries);
}

/**
 * Where a file's documents lie, without the posts they belong to: what costs in cutting a file
 * (analyseDisplays, paragraphs) and needs nothing but its text, so a worker thread can do it while
 * the library scan reads the next files. Flat columns (they cross between threads as bytes):
 * per document its kind (KIND_TEXT or KIND_MATH), text[start, end), 1-based line, and equation
 * (an index into `equations`, -1 for none).
 */
export interface DocumentSpans {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  line: Int32Array;
  equation: Int32Array;
  equations: string[];
}

const KIND_TEXT = 0;
const KIND_MATH = 1;
const EMPTY_SPANS: DocumentSpans = { kind: new Uint8Array(0), start: new Int32Array(0), end: new Int32Array(0), line: new Int32Array(0), equation: new Int32Array(0), equations: [] };

export function documentSpans(text: string): DocumentSpans {
  const kind: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const line: number[] = [];
  const equation: number[] = [];
  const equations: string[] = [];
  const analysis = analyseDisplays(text);
  const { lineStarts } = analysis;
  const add = (k: number, from: number, to: number, number: number) => {
    kind.push(k);
    start.push(from);
    end.push(to);
    line.push(lineAt(lineStarts, from) + 1);
    equation.push(number);
  };
  let cursor = lineStarts[analysis.frontMatterLines] ?? text.length;
  const addProse = (from: number, to: number) => {
    for (const [at, length] of mergeShort(paragraphs(text, from, to))) add(KIND_TEXT, at, at + length, -1);
  };
  for (const { region, numbers } of analysis.displays) {
    if (region.start < cursor) continue;
    addProse(cursor, region.start);
    let number = -1;
    if (numbers.length > 0) {
      number = equations.length;
      equations.push(numbers.join(', '));
    }
    add(KIND_MATH, region.texStart, region.texEnd, number);
    cursor = region.end;
  }
  addProse(cursor, text.length);
  return { kind: Uint8Array.from(kind), start: Int32Array.from(start), end: Int32Array.from(end), line: Int32Array.from(line), equation: Int32Array.from(equation), equations };
}

/** The documents of a file from its spans (`documentSpans(text)`, here or in a worker): titles first, each document in the post its line falls in. */
export function documentsOfSpans(file: string, text: string, spans: DocumentSpans, entries: readonly PostEntryRef[]): SearchDocument[] {
  if (entries.length === 0) return [];
  const sorted = [...entries].sort((a, b) => a.line - b.line);
  const documents: SearchDocument[] = [];
  for (const entry of sorted) {
    if (entry.primary) documents.push({ file, postId: entry.postId, title: entry.title, line: entry.line, kind: 'title', equation: null, text: entry.title });
  }
  // Spans come in line order: the post a span falls in only moves forward.
  let post = 0;
  for (let k = 0; k < spans.kind.length; k++) {
    const line = spans.line[k];
    while (post + 1 < sorted.length && sorted[post + 1].line <= line) post++;
    const { postId, title } = sorted[post];
    const kind: HitKind = spans.kind[k] === KIND_MATH ? 'math' : 'text';
    // A post's `# title` heading repeats its title, which is a document of its own: without it a
    // search for words of a title would list each post twice, once as "text".
    const skipped = kind === 'text' ? titleHeadingLength(text, spans.start[k], spans.end[k], title) : 0;
    const from = spans.start[k] + skipped;
    if (from >= spans.end[k]) continue;
    const lines = skipped === 0 ? 0 : text.slice(spans.start[k], from).split('\n').length - 1;
    documents.push({ file, postId, title, line: line + lines, kind, equation: spans.equations[spans.equation[k]] ?? null, text: text.slice(from, spans.end[k]) });
  }
  return documents;
}

/**
 * The length of the `# title` heading (as the library reads one: parsePost) at text[from] when it
 * repeats the post's title, with the blank lines after it; else 0.
 */
function titleHeadingLength(text: string, from: number, to: number, title: string): number {
  if (text.charCodeAt(from) !== 0x23 /* # */) return 0;
  const newline = text.indexOf('\n', from);
  const lineEnd = newline < 0 || newline > to ? to : newline;
  if (titleHeadingText(text.slice(from, lineEnd)) !== title.trim()) return 0;
  let end = lineEnd;
  while (end < to && /\s/.test(text[end])) end++;
  return end - from;
}

/**
 * In the list of paragraphs, where one of HTML tags and comments only (`<div class="theorem-box">`,
 * `</div>`) was left out: the preview shows nothing of it (render/postHtml), so it is no document and
 * no text joins across it.
 */
const GAP: [number, number] = [-1, 0];

/** Paragraphs (runs of non-blank lines) in text[from, to), long ones cut; [offset, length], GAP for a paragraph of tags. */
function paragraphs(text: string, from: number, to: number): [number, number][] {
  const found: [number, number][] = [];
  const blank = /\n[ \t\r]*\n/g;
  blank.lastIndex = from;
  let start = from;
  for (;;) {
    const match = blank.exec(text);
    const end = match && match.index < to ? match.index : to;
    if (text.charCodeAt(start) === 0x3c /* < */ && end - start < 400 && tagsOnly(text.slice(start, end))) found.push(GAP);
    else pushCut(text, start, end, found);
    if (!match || match.index >= to) break;
    start = match.index + match[0].length;
  }
  return found;
}

/** Neighbouring short paragraphs joined (with the text between them, so lines still count), never across a GAP. */
function mergeShort(found: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  let joinable = false;
  for (const entry of found) {
    if (entry === GAP) {
      joinable = false;
      continue;
    }
    const [start, length] = entry;
    const last = merged[merged.length - 1];
    if (joinable && last[1] < MIN_CHUNK && start + length - last[0] <= MAX_PARAGRAPH) last[1] = start + length - last[0];
    else merged.push([start, length]);
    joinable = true;
  }
  return merged;
}

const WHITESPACE = /\s/;

function pushCut(text: string, start: number, end: number, found: [number, number][]): void {
  while (start < end) {
    let stop = end;
    if (end - start > MAX_PARAGRAPH) {
      const window = text.slice(start + MAX_PARAGRAPH / 2, start + MAX_PARAGRAPH);
      const sentence = Math.max(window.lastIndexOf('。'), window.lastIndexOf('\n'), window.lastIndexOf('. '));
      stop = sentence >= 0 ? start + MAX_PARAGRAPH / 2 + sentence + 1 : start + MAX_PARAGRAPH;
    }
    // text[start, stop) trimmed, as String.prototype.trim would (the same whitespace class).
    let from = start;
    let to = stop;
    while (from < to && WHITESPACE.test(text[from])) from++;
    while (to > from && WHITESPACE.test(text[to - 1])) to--;
    if (to > from) found.push([from, to - from]);
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
