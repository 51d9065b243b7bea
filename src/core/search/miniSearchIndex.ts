// MiniSearch as the index uses it: its options (our tokens, re-spelt terms), a whole index built at
// once from the bodies, and its postings as typed columns for the disk cache.
//
// Built at once, not document by document: `MiniSearch.add` walks the term tree once per token
// occurrence (a library's distinct texts hold ~1 M tokens but ~20 k distinct terms), and that walk
// was most of a cold build. Here each body's tokens are counted in a hash map and every term's
// postings handed to `MiniSearch.loadJS` (its documented plain-object form, `AsPlainObject`), which
// walks the tree once per distinct term. What MiniSearch ends up holding is what `add` would have
// built: the same short ids in the same order, term frequencies, field lengths (distinct tokens of
// the document) and the average field length computed the same way, so scores are unchanged.
//
// The cache holds the same postings as typed arrays (v8 writes and reads them as bytes) instead of
// MiniSearch's JSON, which had to be parsed before `loadJS` could start.

import MiniSearch from 'minisearch';
import type { AsPlainObject } from 'minisearch';
import type { Indexed } from './searchBodies';
import { tokenize } from './tokenize';

/**
 * A token as MiniSearch stores it: ASCII as is, every other UTF-16 unit as four characters, one per
 * hex digit, each position from its own block of 16 (U+0080…U+00BF) — one-to-one, and a radix tree
 * node then has at most ~60 children instead of one per Han character.
 */
export function miniSearchTerm(term: string): string {
  let spelt = '';
  let plain = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 0x80) continue;
    spelt += term.slice(plain, i) + String.fromCharCode(0x80 | (c >> 12), 0x90 | ((c >> 8) & 15), 0xa0 | ((c >> 4) & 15), 0xb0 | (c & 15));
    plain = i + 1;
  }
  return plain === 0 ? term : spelt + term.slice(plain);
}

export const miniSearchOptions = {
  fields: ['body'],
  idField: 'id',
  extractField: (entry: Indexed, field: string): string | number => (field === 'id' ? entry.id : tokenize(entry.text).join(' ')),
  tokenize: (text: string): string[] => (text.length === 0 ? [] : text.split(' ')),
  processTerm: miniSearchTerm,
  searchOptions: { tokenize: (text: string): string[] => [text], processTerm: miniSearchTerm },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 5 },
};

export type BodyIndex = MiniSearch<Indexed>;

/** MiniSearch's state as columns: postings by term (short ids and frequencies), documents by short id. */
export interface StoredPostings {
  documentCount: number;
  nextId: number;
  dirtCount: number;
  averageFieldLength: number[];
  /** Short id → body id and its field length (distinct tokens). */
  shortIds: Int32Array;
  ids: Int32Array;
  fieldLength: Int32Array;
  /** Terms (as MiniSearch stores them), the number of postings of each, then all postings in term order. */
  terms: string[];
  count: Int32Array;
  postingIds: Int32Array;
  frequencies: Int32Array;
}

/** A short id's postings: short id → term frequency (integer keys, ascending, as `loadJS` reads them). */
type Frequencies = Record<number, number>;

function plainIndex(documentCount: number, nextId: number, dirtCount: number, averageFieldLength: number[]): AsPlainObject {
  return { documentCount, nextId, documentIds: {}, fieldIds: { body: 0 }, fieldLength: {}, averageFieldLength, storedFields: {}, dirtCount, index: [], serializationVersion: 2 };
}

/** MiniSearch over `bodies`, as `addAll(bodies)` on an empty index would build it. */
export function buildBodyIndex(bodies: Iterable<Indexed>): BodyIndex {
  const spelt = new Map<string, string>();
  const postings = new Map<string, Frequencies>();
  const js = plainIndex(0, 0, 0, []);
  let average = 0;
  let shortId = 0;
  const counts = new Map<string, number>();
  for (const body of bodies) {
    counts.clear();
    for (const token of tokenize(body.text)) counts.set(token, (counts.get(token) ?? 0) + 1);
    js.documentIds[shortId] = body.id;
    js.fieldLength[shortId] = [counts.size];
    // MiniSearch's running average (`addFieldLength`), in the same order, to the same rounding.
    average = (average * shortId + counts.size) / (shortId + 1);
    for (const [token, frequency] of counts) {
      let term = spelt.get(token);
      if (term === undefined) spelt.set(token, (term = miniSearchTerm(token)));
      let frequencies = postings.get(term);
      if (!frequencies) postings.set(term, (frequencies = {}));
      frequencies[shortId] = frequency;
    }
    shortId++;
  }
  js.documentCount = js.nextId = shortId;
  js.averageFieldLength = shortId > 0 ? [average] : [];
  for (const [term, frequencies] of postings) js.index.push([term, { 0: frequencies }]);
  return MiniSearch.loadJS<Indexed>(js, miniSearchOptions);
}

/** The postings of a live MiniSearch, for the cache. */
export function storedPostings(index: BodyIndex): StoredPostings {
  const js = index.toJSON();
  const shortIds = Object.keys(js.documentIds).map(Number);
  const terms: string[] = [];
  const count = new Int32Array(js.index.length);
  let total = 0;
  js.index.forEach(([, fields], t) => {
    const n = Object.keys(fields[0] ?? {}).length;
    count[t] = n;
    total += n;
  });
  const postingIds = new Int32Array(total);
  const frequencies = new Int32Array(total);
  let at = 0;
  for (const [term, fields] of js.index) {
    terms.push(term);
    const byId = (fields[0] ?? {}) as Frequencies;
    for (const key of Object.keys(byId)) {
      postingIds[at] = Number(key);
      frequencies[at++] = byId[Number(key)];
    }
  }
  return {
    documentCount: js.documentCount,
    nextId: js.nextId,
    dirtCount: js.dirtCount ?? 0,
    averageFieldLength: js.averageFieldLength,
    shortIds: Int32Array.from(shortIds),
    ids: Int32Array.from(shortIds, (shortId) => Number(js.documentIds[shortId])),
    fieldLength: Int32Array.from(shortIds, (shortId) => (js.fieldLength[shortId] as number[] | undefined)?.[0] ?? 0),
    terms,
    count,
    postingIds,
    frequencies,
  };
}

/** MiniSearch back from its postings; throws when they do not hang together (the caller rebuilds). */
export function restoreBodyIndex(stored: StoredPostings): BodyIndex {
  const { shortIds, ids, fieldLength, terms, count, postingIds, frequencies } = stored;
  if (ids.length !== shortIds.length || fieldLength.length !== shortIds.length || count.length !== terms.length) throw new Error('postings: columns differ in length');
  const js = plainIndex(stored.documentCount, stored.nextId, stored.dirtCount, stored.averageFieldLength);
  for (let k = 0; k < shortIds.length; k++) {
    js.documentIds[shortIds[k]] = ids[k];
    js.fieldLength[shortIds[k]] = [fieldLength[k]];
  }
  let at = 0;
  for (let t = 0; t < terms.length; t++) {
    const end = at + count[t];
    if (count[t] < 0 || end > postingIds.length) throw new Error('postings: counts overrun');
    const byId: Frequencies = {};
    for (; at < end; at++) byId[postingIds[at]] = frequencies[at];
    js.index.push([terms[t], { 0: byId }]);
  }
  return MiniSearch.loadJS<Indexed>(js, miniSearchOptions);
}
