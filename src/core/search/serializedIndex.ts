// The search index as it is stored on disk (src/search/searchIndexCache.ts writes it with v8): its
// format, the shape the cache holds, and the check a loaded cache must pass before it is trusted.

import type { StoredPostings } from './miniSearchIndex';

/**
 * Format of the serialised index; a cache of another version is ignored. Also raised when the same
 * file gives other documents (8: math found as the blog's MathJax finds it — bare arrays, `$< $`).
 */
export const INDEX_FORMAT = 8;

/**
 * The index on disk, compact: each distinct text once (in `bodies`), documents as typed columns that
 * point into tables of paths and posts — a library of listing pages repeats paragraphs, paths and
 * titles hundreds of times — and MiniSearch as its postings, typed columns too (restored when first
 * needed). Everything that numbers in the hundreds of thousands is a typed array: v8 reads those as
 * bytes, where an array of small objects costs a microsecond each.
 */
export interface SerializedIndex {
  format: number;
  nextId: number;
  nextBodyId: number;
  /** Keys of `setFile` and the documents (ids) of each, concatenated. */
  files: { key: string[]; count: Int32Array; ids: Int32Array };
  paths: string[];
  /** [postId, title] */
  posts: [string, string][];
  /** Bodies: id, kind (index in KINDS), text, and the documents of each (concatenated, in order). */
  bodies: { id: Int32Array; kind: Uint8Array; text: string[]; count: Int32Array; documents: Int32Array };
  /**
   * Document columns; `path` and `post` index the tables above; `equation` indexes `equations` (the
   * distinct equation numbers, `3` or `3, 4`), -1 for none (most documents).
   */
  documents: { id: Int32Array; path: Int32Array; post: Int32Array; line: Int32Array; equation: Int32Array; equations: string[] };
  postings: StoredPostings;
}


/** Lists of ids as one column and their lengths (typed arrays: v8 writes and reads them as bytes). */
export function concatenated(key: string[], lists: readonly number[][]): { key: string[]; count: Int32Array; ids: Int32Array } {
  const count = Int32Array.from(lists, (list) => list.length);
  const ids = new Int32Array(count.reduce((sum, n) => sum + n, 0));
  let at = 0;
  for (const list of lists) {
    ids.set(list, at);
    at += list.length;
  }
  return { key, count, ids };
}

export function isSerialized(data: unknown): data is SerializedIndex {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Partial<SerializedIndex>;
  const { documents: columns, bodies, files } = candidate;
  const ints = (...arrays: unknown[]) => arrays.every((array) => array instanceof Int32Array);
  return (
    candidate.format === INDEX_FORMAT &&
    typeof candidate.nextId === 'number' &&
    typeof candidate.nextBodyId === 'number' &&
    Array.isArray(candidate.paths) &&
    Array.isArray(candidate.posts) &&
    isPostings(candidate.postings) &&
    typeof files === 'object' &&
    files !== null &&
    Array.isArray(files.key) &&
    ints(files.count, files.ids) &&
    files.count.length === files.key.length &&
    typeof bodies === 'object' &&
    bodies !== null &&
    ints(bodies.id, bodies.count, bodies.documents) &&
    bodies.kind instanceof Uint8Array &&
    Array.isArray(bodies.text) &&
    [bodies.kind.length, bodies.text.length, bodies.count.length].every((length) => length === bodies.id.length) &&
    typeof columns === 'object' &&
    columns !== null &&
    ints(columns.id, columns.path, columns.post, columns.line, columns.equation) &&
    [columns.path.length, columns.post.length, columns.line.length, columns.equation.length].every((length) => length === columns.id.length) &&
    Array.isArray(columns.equations)
  );
}

function isPostings(data: unknown): data is StoredPostings {
  if (typeof data !== 'object' || data === null) return false;
  const p = data as Partial<StoredPostings>;
  return (
    [p.documentCount, p.nextId, p.dirtCount].every((n) => typeof n === 'number') &&
    Array.isArray(p.averageFieldLength) &&
    Array.isArray(p.terms) &&
    [p.shortIds, p.ids, p.fieldLength, p.count, p.postingIds, p.frequencies].every((array) => array instanceof Int32Array)
  );
}
