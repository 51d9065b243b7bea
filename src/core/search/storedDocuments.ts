// The index's documents and bodies as columns that point into tables of paths and posts (see
// serializedIndex.ts). Written by `SearchIndex.serialize`, read back and checked by
// `SearchIndex.deserialize`; rows restored from a cache stay columns until a query or an update needs
// them as objects (`peekStored`). A new index appends its documents as rows too (`appendStored`): a
// cold build of 323 k documents then makes no object and no two Map entries per document, which was
// most of what it spent besides tokens (profiled: its bookkeeping and the garbage collection of it).

import type { Body } from './searchBodies';
import { KINDS } from './searchBodies';
import type { SearchDocument } from './searchDocuments';
import { concatenated, type SerializedIndex } from './serializedIndex';

/**
 * Documents restored from the cache and not yet needed as objects: the cache's columns, by row, and
 * the row of each id (-1: none, or taken out into the index's live documents). A library's documents
 * number in the hundreds of thousands; a query looks at a few hundred, an update at one file's.
 */
export interface StoredDocuments {
  rowOfId: Int32Array | number[];
  bodyOfRow: Int32Array | number[];
  path: Int32Array | number[];
  post: Int32Array | number[];
  line: Int32Array | number[];
  /** Index into `equations` by row, -1 for none. */
  equation: Int32Array | number[];
  equations: string[];
  paths: string[];
  posts: [string, string][];
  count: number;
  /** Present on a store new rows are appended to (a new index's): the tables' entries by value. */
  tables?: StoreTables;
}

interface StoreTables {
  paths: Map<string, number>;
  posts: Map<string, Map<string, number>>;
  equations: Map<string, number>;
  /** The last row's file and post: a file's documents come together, most of one post. */
  last: { file: string; path: number; postId: string; title: string; post: number };
}

/** A store to append rows to: columns as plain arrays of small integers (no object per row). */
export function growableStore(): StoredDocuments {
  return { rowOfId: [-1], bodyOfRow: [], path: [], post: [], line: [], equation: [], equations: [], paths: [], posts: [], count: 0, tables: { paths: new Map(), posts: new Map(), equations: new Map(), last: { file: '', path: -1, postId: '', title: '', post: -1 } } };
}

/** Appends `document` as the row of `id` (ids are appended in increasing order); the store must be growable. */
export function appendStored(stored: StoredDocuments, tables: StoreTables, id: number, bodyId: number, document: SearchDocument): void {
  const rowOfId = stored.rowOfId as number[];
  const row = stored.bodyOfRow.length;
  while (rowOfId.length < id) rowOfId.push(-1);
  rowOfId[id] = row;
  (stored.bodyOfRow as number[]).push(bodyId);
  const last = tables.last;
  let path = last.path >= 0 && last.file === document.file ? last.path : tables.paths.get(document.file);
  if (path === undefined) {
    tables.paths.set(document.file, (path = stored.paths.length));
    stored.paths.push(document.file);
  }
  (stored.path as number[]).push(path);
  let post = last.post >= 0 && last.postId === document.postId && last.title === document.title ? last.post : tables.posts.get(document.postId)?.get(document.title);
  if (post === undefined) {
    let titles = tables.posts.get(document.postId);
    if (!titles) tables.posts.set(document.postId, (titles = new Map<string, number>()));
    titles.set(document.title, (post = stored.posts.length));
    stored.posts.push([document.postId, document.title]);
  }
  (stored.post as number[]).push(post);
  // Updated in place: no object per row.
  last.file = document.file;
  last.path = path;
  last.postId = document.postId;
  last.title = document.title;
  last.post = post;
  (stored.line as number[]).push(document.line);
  let equation = -1;
  if (document.equation !== null) {
    equation = tables.equations.get(document.equation) ?? -1;
    if (equation < 0) {
      tables.equations.set(document.equation, (equation = stored.equations.length));
      stored.equations.push(document.equation);
    }
  }
  (stored.equation as number[]).push(equation);
  stored.count++;
}

/** A document held as a cache row, as an object (not taken out of the store). */
export function peekStored(stored: StoredDocuments | undefined, bodies: ReadonlyMap<number, Body>, id: number): { document: SearchDocument; body: Body } | undefined {
  const row = stored && id < stored.rowOfId.length ? stored.rowOfId[id] : -1;
  if (!stored || row < 0) return undefined;
  const body = bodies.get(stored.bodyOfRow[row]) as Body;
  const [postId, title] = stored.posts[stored.post[row]];
  const document: SearchDocument = { file: stored.paths[stored.path[row]], postId, title, line: stored.line[row], kind: body.kind, equation: stored.equations[stored.equation[row]] ?? null, text: body.text };
  return { document, body };
}

/** `n` documents as columns, with the tables of paths and posts they point into. */
export function documentColumns(documents: Iterable<[number, SearchDocument]>, n: number): Pick<SerializedIndex, 'paths' | 'posts' | 'documents'> {
  const paths = new Map<string, number>();
  const posts = new Map<string, Map<string, number>>();
  const postList: [string, string][] = [];
  const columns: SerializedIndex['documents'] = { id: new Int32Array(n), path: new Int32Array(n), post: new Int32Array(n), line: new Int32Array(n), equation: new Int32Array(n).fill(-1), equations: [] };
  const equations = new Map<string, number>();
  let k = 0;
  for (const [id, document] of documents) {
    let path = paths.get(document.file);
    if (path === undefined) paths.set(document.file, (path = paths.size));
    let titles = posts.get(document.postId);
    if (!titles) posts.set(document.postId, (titles = new Map<string, number>()));
    let post = titles.get(document.title);
    if (post === undefined) {
      titles.set(document.title, (post = postList.length));
      postList.push([document.postId, document.title]);
    }
    columns.id[k] = id;
    columns.path[k] = path;
    columns.post[k] = post;
    columns.line[k] = document.line;
    if (document.equation !== null) {
      let equation = equations.get(document.equation);
      if (equation === undefined) {
        equations.set(document.equation, (equation = equations.size));
        columns.equations.push(document.equation);
      }
      columns.equation[k] = equation;
    }
    k++;
  }
  return { paths: [...paths.keys()], posts: postList, documents: columns };
}

/** Bodies as columns, their document lists concatenated. */
export function bodyColumns(list: readonly Body[]): SerializedIndex['bodies'] {
  const { count, ids } = concatenated([], list.map((body) => body.documents));
  return { id: Int32Array.from(list, (body) => body.id), kind: Uint8Array.from(list, (body) => KINDS.indexOf(body.kind)), text: list.map((body) => body.text), count, documents: ids };
}

/**
 * The bodies (in cache order) and stored documents of a cache that passed `isSerialized`; undefined
 * when its columns do not agree with each other (a row out of its table, a document without a body).
 */
export function readStored(data: SerializedIndex): { bodies: Body[]; stored: StoredDocuments } | undefined {
  const { bodies, documents: columns } = data;
  if (!data.paths.every((p) => typeof p === 'string') || !data.posts.every((p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string')) return undefined;
  if (!columns.equations.every((e) => typeof e === 'string')) return undefined;
  const { id, path, post, line, equation } = columns;
  let maxId = 0;
  for (let k = 0; k < id.length; k++) {
    if (id[k] <= 0 || path[k] < 0 || path[k] >= data.paths.length || post[k] < 0 || post[k] >= data.posts.length) return undefined;
    if (equation[k] < -1 || equation[k] >= columns.equations.length) return undefined;
    if (id[k] > maxId) maxId = id[k];
  }
  if (maxId >= data.nextId) return undefined;
  const rowOfId = new Int32Array(maxId + 1).fill(-1);
  for (let k = 0; k < id.length; k++) rowOfId[id[k]] = k;
  const bodyOfRow = new Int32Array(id.length);
  const list: Body[] = [];
  let at = 0;
  for (let b = 0; b < bodies.id.length; b++) {
    const kind = KINDS[bodies.kind[b]];
    const text = bodies.text[b];
    const count = bodies.count[b];
    if (kind === undefined || typeof text !== 'string' || bodies.id[b] <= 0 || count < 0 || at + count > bodies.documents.length) return undefined;
    const body: Body = { id: bodies.id[b], kind, text, documents: Array.from(bodies.documents.subarray(at, at + count)) };
    at += count;
    list.push(body);
    for (const document of body.documents) {
      const row = document < rowOfId.length ? rowOfId[document] : -1;
      if (row < 0) return undefined;
      bodyOfRow[row] = body.id;
    }
  }
  // Every document has a body.
  if (bodyOfRow.includes(0)) return undefined;
  return { bodies: list, stored: { rowOfId, bodyOfRow, path, post, line, equation, equations: columns.equations, paths: data.paths, posts: data.posts, count: id.length } };
}
