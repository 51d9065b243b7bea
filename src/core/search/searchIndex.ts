// The library's search index: MiniSearch (BM25) over our own tokens, one document per title,
// paragraph, display formula or note (see README "Search" for why MiniSearch). Documents are kept
// here, not in MiniSearch, so that a file re-indexed after an edit re-tokenizes only the paragraphs
// that changed: an unchanged paragraph keeps its index entry and only its line (and equation number)
// are updated in place.

import MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import { equationAt } from './equationRow';
import { literalPattern } from './literalMatch';
import type { HitKind, SearchDocument } from './searchDocuments';
import { findHit, makeSnippet } from './snippet';
import { tokenize, tokenizeQuery } from './tokenize';

export interface SearchHit {
  postId: string;
  title: string;
  file: string;
  line: number;
  kind: HitKind;
  equation: string | null;
  snippet: string;
  score: number;
}

/** A token hit's BM25 score, and whether it holds the query as written (those rank first). */
interface Scored {
  score: number;
  literal: boolean;
}

interface Indexed {
  id: number;
  document: SearchDocument;
}

/** Kinds weighted against each other: a title hit says the most about a post. */
const KIND_BOOST: Record<HitKind, number> = { title: 3, note: 1.5, math: 1, text: 1 };
/** Token hits looked at for ranking and grouping, at most. */
const CANDIDATES = 400;
export const DEFAULT_LIMIT = 20;

/** Format of the serialised index; a cache of another version is ignored. */
export const INDEX_FORMAT = 1;

const miniSearchOptions = {
  fields: ['body'],
  idField: 'id',
  extractField: (entry: Indexed, field: string): string | number => (field === 'id' ? entry.id : tokenize(entry.document.text).join(' ')),
  tokenize: (text: string): string[] => (text.length === 0 ? [] : text.split(' ')),
  processTerm: (term: string): string => term,
  searchOptions: { tokenize: (text: string): string[] => [text], processTerm: (term: string): string => term },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 5 },
};

export interface SerializedIndex {
  format: number;
  nextId: number;
  documents: [number, SearchDocument][];
  files: [string, number[]][];
  miniSearch: unknown;
}

export class SearchIndex {
  private miniSearch = new MiniSearch<Indexed>(miniSearchOptions);
  private readonly documents = new Map<number, SearchDocument>();
  private readonly files = new Map<string, number[]>();
  private nextId = 1;
  /** Paragraphs tokenized by the last `setFile` (for tests and the bench: re-tokenizing is the cost). */
  lastTokenized = 0;

  get documentCount(): number {
    return this.documents.size;
  }

  get fileCount(): number {
    return this.files.size;
  }

  hasFile(file: string): boolean {
    return this.files.has(file);
  }

  /** Replaces what the index holds for `file`; documents unchanged since the last call are kept as they are. */
  setFile(file: string, documents: readonly SearchDocument[]): void {
    const previous = new Map<string, number[]>();
    for (const id of this.files.get(file) ?? []) {
      const old = this.documents.get(id);
      if (!old) continue;
      const key = `${old.kind}\u0000${old.postId}\u0000${old.text}`;
      const ids = previous.get(key);
      if (ids) ids.push(id);
      else previous.set(key, [id]);
    }
    const ids: number[] = [];
    const added: Indexed[] = [];
    for (const document of documents) {
      const reused = previous.get(`${document.kind}\u0000${document.postId}\u0000${document.text}`)?.shift();
      if (reused !== undefined) {
        this.documents.set(reused, document);
        ids.push(reused);
        continue;
      }
      const id = this.nextId++;
      this.documents.set(id, document);
      ids.push(id);
      added.push({ id, document });
    }
    for (const stale of previous.values()) {
      for (const id of stale) {
        this.miniSearch.discard(id);
        this.documents.delete(id);
      }
    }
    this.miniSearch.addAll(added);
    this.lastTokenized = added.length;
    if (ids.length > 0) this.files.set(file, ids);
    else this.files.delete(file);
  }

  removeFile(file: string): void {
    this.setFile(file, []);
  }

  /**
   * Ranked hits, grouped by post (posts by their best hit), at most `limit`. Documents holding the
   * query as written come first; when the token hits hold fewer than `limit` of them, the rest of the
   * library is scanned for it, so a post that contains the query as written is never missed.
   */
  search(query: string, limit = DEFAULT_LIMIT): SearchHit[] {
    const tokens = tokenizeQuery(query);
    const literal = literalPattern(query);
    if (!literal || limit <= 0) return [];
    const scored = new Map<number, Scored>();
    if (tokens.required.length + tokens.optional.length > 0) {
      const all = [...tokens.required, ...tokens.optional];
      const ranked: Query =
        tokens.required.length > 0
          ? { combineWith: 'AND', queries: [{ combineWith: 'AND', queries: tokens.required }, { combineWith: 'OR', queries: all }] }
          : { combineWith: 'OR', queries: all };
      const results = this.miniSearch.search(ranked, {
        boostDocument: (id: unknown) => KIND_BOOST[this.documents.get(Number(id))?.kind ?? 'text'],
      });
      for (const result of results.slice(0, CANDIDATES)) {
        const id = Number(result.id);
        const document = this.documents.get(id);
        if (document) scored.set(id, { score: result.score, literal: literal.test(document.text) });
      }
    }
    let literalHits = 0;
    for (const entry of scored.values()) if (entry.literal) literalHits++;
    if (literalHits < limit) this.scanLiterally(literal, limit - literalHits, scored);
    return this.group(scored, limit).map((id) => this.hitOf(id, scored.get(id)?.score ?? 0, literal, tokens.required.concat(tokens.optional)));
  }

  /** Documents holding the query as written that the tokens missed (a single Han character, part of a word). */
  private scanLiterally(literal: RegExp, wanted: number, scored: Map<number, Scored>): void {
    let found = 0;
    for (const [id, document] of this.documents) {
      if (scored.has(id) || !literal.test(document.text)) continue;
      scored.set(id, { score: 0, literal: true });
      if (++found >= wanted) return;
    }
  }

  private group(scored: Map<number, Scored>, limit: number): number[] {
    const byPost = new Map<string, number[]>();
    const ordered = [...scored.entries()].sort((a, b) => Number(b[1].literal) - Number(a[1].literal) || b[1].score - a[1].score);
    for (const [id] of ordered) {
      const postId = this.documents.get(id)?.postId ?? '';
      const group = byPost.get(postId);
      if (group) group.push(id);
      else byPost.set(postId, [id]);
    }
    return [...byPost.values()].flat().slice(0, limit);
  }

  private hitOf(id: number, score: number, literal: RegExp, tokens: readonly string[]): SearchHit {
    const document = this.documents.get(id) as SearchDocument;
    const hit = findHit(document.text, literal, tokens);
    const snippet = makeSnippet(document.text, hit);
    let line = document.line;
    for (let i = document.text.indexOf('\n'); i >= 0 && i < snippet.offset; i = document.text.indexOf('\n', i + 1)) line++;
    return {
      postId: document.postId,
      title: document.title,
      file: document.file,
      line,
      kind: document.kind,
      equation: document.kind === 'math' && document.equation ? equationAt(document.text, snippet.offset, document.equation.split(', ')) : document.equation,
      snippet: snippet.text,
      score: Math.round(score * 1000) / 1000,
    };
  }

  serialize(): SerializedIndex {
    return {
      format: INDEX_FORMAT,
      nextId: this.nextId,
      documents: [...this.documents.entries()],
      files: [...this.files.entries()],
      miniSearch: this.miniSearch.toJSON(),
    };
  }

  /** The index a `serialize()` wrote; undefined when it is of another format or damaged. */
  static deserialize(data: unknown): SearchIndex | undefined {
    if (!isSerialized(data)) return undefined;
    const index = new SearchIndex();
    try {
      index.miniSearch = MiniSearch.loadJS(data.miniSearch as Parameters<typeof MiniSearch.loadJS>[0], miniSearchOptions);
    } catch {
      return undefined;
    }
    for (const [id, document] of data.documents) index.documents.set(id, document);
    for (const [file, ids] of data.files) index.files.set(file, ids);
    index.nextId = data.nextId;
    return index;
  }
}

function isSerialized(data: unknown): data is SerializedIndex {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Partial<SerializedIndex>;
  return candidate.format === INDEX_FORMAT && typeof candidate.nextId === 'number' && Array.isArray(candidate.documents) && Array.isArray(candidate.files) && typeof candidate.miniSearch === 'object';
}
