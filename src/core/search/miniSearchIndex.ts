// MiniSearch as the index uses it: its options (our tokens, re-spelt terms), a whole index built at
// once from the bodies, and its postings as typed columns for the disk cache.
//
// Built at once, not document by document: `MiniSearch.add` walks the term tree once per token
// occurrence (a library's distinct texts hold ~1 M tokens but ~20 k distinct terms). Here each
// body's tokens are counted in a hash map and each term's postings (a Map, as MiniSearch keeps them)
// put in the term tree once. MiniSearch leaves its index state `protected` for subclasses; `BodyIndex`
// fills it, and ends up holding what `add` would have built — the same short ids in the same order,
// term frequencies, field lengths (distinct tokens of the document), the average field length computed
// the same way — so scores are unchanged (a unit test compares the two). Handing MiniSearch its
// plain-object form (`loadJS`) instead cost three times as much: an object per term with the short ids
// as sparse integer keys, then converted back to Maps.
//
// The cache holds the same postings as typed arrays (v8 writes and reads them as bytes) instead of
// MiniSearch's JSON, which had to be parsed into objects and then converted to Maps.

import MiniSearch from 'minisearch';
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

/** The one field's id (`fields: ['body']`). */
const BODY_FIELD = 0;

/** MiniSearch over the bodies, filled at once from counted terms or from the cache's postings. */
export class BodyIndex extends MiniSearch<Indexed> {
  constructor() {
    super(miniSearchOptions);
  }

  /** What `addAll(bodies)` on an empty index builds. */
  static build(bodies: Iterable<Indexed>): BodyIndex {
    const index = new BodyIndex();
    const spelt = new Map<string, string>();
    const postings = new Map<string, Map<number, number>>();
    const counts = new Map<string, number>();
    let average = 0;
    for (const body of bodies) {
      counts.clear();
      for (const token of tokenize(body.text)) counts.set(token, (counts.get(token) ?? 0) + 1);
      const shortId = index.addShortId(body.id);
      index._fieldLength.set(shortId, [counts.size]);
      // MiniSearch's running average (`addFieldLength`), in the same order, to the same rounding.
      average = (average * shortId + counts.size) / (shortId + 1);
      for (const [token, frequency] of counts) {
        let term = spelt.get(token);
        if (term === undefined) spelt.set(token, (term = miniSearchTerm(token)));
        let frequencies = postings.get(term);
        if (!frequencies) postings.set(term, (frequencies = new Map<number, number>()));
        frequencies.set(shortId, frequency);
      }
    }
    index._avgFieldLength = index._documentCount > 0 ? [average] : [];
    for (const [term, frequencies] of postings) index._index.set(term, new Map([[BODY_FIELD, frequencies]]));
    return index;
  }

  /** MiniSearch back from its postings; throws when they do not hang together (the caller rebuilds). */
  static restore(stored: StoredPostings): BodyIndex {
    const { shortIds, ids, fieldLength, terms, count, postingIds, frequencies } = stored;
    if (ids.length !== shortIds.length || fieldLength.length !== shortIds.length || count.length !== terms.length) throw new Error('postings: columns differ in length');
    const index = new BodyIndex();
    for (let k = 0; k < shortIds.length; k++) {
      index._documentIds.set(shortIds[k], ids[k]);
      index._idToShortId.set(ids[k], shortIds[k]);
      index._fieldLength.set(shortIds[k], [fieldLength[k]]);
    }
    let at = 0;
    for (let t = 0; t < terms.length; t++) {
      const end = at + count[t];
      if (count[t] < 0 || end > postingIds.length) throw new Error('postings: counts overrun');
      const byId = new Map<number, number>();
      for (; at < end; at++) byId.set(postingIds[at], frequencies[at]);
      index._index.set(terms[t], new Map([[BODY_FIELD, byId]]));
    }
    index._documentCount = stored.documentCount;
    index._nextId = stored.nextId;
    index._dirtCount = stored.dirtCount;
    index._avgFieldLength = stored.averageFieldLength;
    return index;
  }

  /** The postings, for the cache (discarded documents' postings kept, as MiniSearch keeps them until it vacuums). */
  postings(): StoredPostings {
    const shortIds = Int32Array.from(this._documentIds.keys());
    const terms: string[] = [];
    const count: number[] = [];
    let total = 0;
    for (const [term, fields] of this._index) {
      terms.push(term);
      const n = fields.get(BODY_FIELD)?.size ?? 0;
      count.push(n);
      total += n;
    }
    const postingIds = new Int32Array(total);
    const frequencies = new Int32Array(total);
    let at = 0;
    for (const [, fields] of this._index) {
      for (const [shortId, frequency] of fields.get(BODY_FIELD) ?? []) {
        postingIds[at] = shortId;
        frequencies[at++] = frequency;
      }
    }
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      dirtCount: this._dirtCount,
      averageFieldLength: [...this._avgFieldLength],
      shortIds,
      ids: Int32Array.from(shortIds, (shortId) => Number(this._documentIds.get(shortId))),
      fieldLength: Int32Array.from(shortIds, (shortId) => this._fieldLength.get(shortId)?.[BODY_FIELD] ?? 0),
      terms,
      count: Int32Array.from(count),
      postingIds,
      frequencies,
    };
  }

  /** A new short id for `id`, as `add` numbers documents. */
  private addShortId(id: number): number {
    const shortId = this._nextId++;
    this._documentIds.set(shortId, id);
    this._idToShortId.set(id, shortId);
    this._documentCount++;
    return shortId;
  }
}
