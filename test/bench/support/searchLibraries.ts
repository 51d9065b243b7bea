// The three search libraries the issue names, each fed the same pre-tokenized documents (our
// tokenizer's output joined by spaces, split back by each library's tokenizer hook), so the figures
// compare the libraries and not tokenizers: build, query p95 (AND of the query's tokens), heap,
// serialised size and load-from-serialised time.

import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { create, insertMultiple, load, save, search } from '@orama/orama';

export interface TokenDoc {
  id: number;
  body: string;
}

export interface Candidate {
  name: string;
  build(docs: TokenDoc[]): Promise<void>;
  query(tokens: string[]): Promise<number>;
  serialise(): Promise<string>;
  load(serialised: string): Promise<void>;
}

const split = (text: string): string[] => (text.length === 0 ? [] : text.split(' '));

export function miniSearchCandidate(): Candidate {
  const options = { fields: ['body'], tokenize: split, processTerm: (t: string) => t, searchOptions: { tokenize: (t: string) => [t], processTerm: (t: string) => t } };
  let index = new MiniSearch<TokenDoc>(options);
  return {
    name: 'MiniSearch 7.2',
    build: async (docs) => index.addAll(docs),
    query: async (tokens) => index.search({ combineWith: 'AND', queries: tokens }).length,
    serialise: async () => JSON.stringify(index),
    load: async (serialised) => {
      index = MiniSearch.loadJSON(serialised, options);
    },
  };
}

export function flexSearchCandidate(): Candidate {
  const options = { encode: split, tokenize: 'strict' as const, resolution: 9 };
  let index = new FlexSearch.Index(options);
  return {
    name: 'FlexSearch 0.8',
    build: async (docs) => {
      for (const doc of docs) index.add(doc.id, doc.body);
    },
    // FlexSearch intersects the terms of a query (AND) and ranks by term position, not BM25. Its
    // default limit is 100 and a limit caps the hits: uncapped, it finds exactly MiniSearch's hits
    // (a cap of 1,000 had cut '矩阵', 'ODE' and '\mathcal{L}' short: 15,100 hits instead of 17,770).
    query: async (tokens) => (index.search(tokens.join(' '), { limit: Number.MAX_SAFE_INTEGER }) as unknown[]).length,
    serialise: async () => {
      const parts: Record<string, string> = {};
      index.export((key: string | number, data: string) => {
        parts[String(key)] = data;
      });
      return JSON.stringify(parts);
    },
    load: async (serialised) => {
      index = new FlexSearch.Index(options);
      for (const [key, data] of Object.entries(JSON.parse(serialised) as Record<string, string>)) index.import(key, data);
    },
  };
}

export function oramaCandidate(): Candidate {
  const make = () =>
    create({
      schema: { body: 'string' } as const,
      components: { tokenizer: { language: 'english', normalizationCache: new Map(), tokenize: split } },
    });
  let db = make();
  return {
    name: 'Orama 3.1',
    build: async (docs) => {
      await insertMultiple(db, docs.map((d) => ({ id: String(d.id), body: d.body })), 5000);
    },
    // threshold 0: only documents holding every term (AND); BM25 ranking.
    query: async (tokens) => (await search(db, { term: tokens.join(' '), properties: ['body'], threshold: 0, limit: 1000 })).count,
    serialise: async () => JSON.stringify(save(db)),
    load: async (serialised) => {
      db = make();
      load(db, JSON.parse(serialised) as Parameters<typeof load>[1]);
    },
  };
}
