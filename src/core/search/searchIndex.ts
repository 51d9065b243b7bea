// The library's search index: MiniSearch (BM25) over our own tokens, one document per title,
// paragraph, display formula or note (see README "Search" for why MiniSearch). Documents are kept
// here, not in MiniSearch, so that a file re-indexed after an edit re-tokenizes only the paragraphs
// that changed: an unchanged paragraph keeps its index entry and only its line (and equation number)
// are updated in place.
//
// MiniSearch holds each distinct text (per kind) once — a "body" — not each document: listing pages
// and re-scrapes repeat a post's paragraphs word for word, and tokenizing and posting a paragraph is
// what a build costs (profiled: MiniSearch's add + our tokenizer ≈ 90 % of a cold build). A body hit
// stands for every document with that text.

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

/** A distinct text of one kind, as MiniSearch sees it. */
interface Indexed {
  id: number;
  kind: HitKind;
  text: string;
}

/** A body and the documents (ids) that hold its text. */
interface Body extends Indexed {
  documents: number[];
}

/** Kinds weighted against each other: a title hit says the most about a post. */
const KIND_BOOST: Record<HitKind, number> = { title: 3, note: 1.5, math: 1, text: 1 };
/** Token hits looked at for ranking and grouping, at most. */
const CANDIDATES = 400;
export const DEFAULT_LIMIT = 20;

/** Format of the serialised index; a cache of another version is ignored. */
export const INDEX_FORMAT = 3;

const miniSearchOptions = {
  fields: ['body'],
  idField: 'id',
  extractField: (entry: Indexed, field: string): string | number => (field === 'id' ? entry.id : tokenize(entry.text).join(' ')),
  tokenize: (text: string): string[] => (text.length === 0 ? [] : text.split(' ')),
  processTerm: (term: string): string => term,
  searchOptions: { tokenize: (text: string): string[] => [text], processTerm: (term: string): string => term },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 5 },
};

/**
 * The index on disk, compact: each distinct text once (in `bodies`), and documents as columns that
 * point into tables of paths and posts — a library of listing pages repeats paragraphs, paths and
 * titles hundreds of times, and writing them once each is what makes the cache small and fast to load.
 */
export interface SerializedIndex {
  format: number;
  nextId: number;
  nextBodyId: number;
  files: [string, number[]][];
  paths: string[];
  /** [postId, title] */
  posts: [string, string][];
  /** [body id, kind, text, document ids] */
  bodies: [number, HitKind, string, number[]][];
  /** Document columns, one entry per document; `path` and `post` index the tables above. */
  documents: { id: number[]; path: number[]; post: number[]; line: number[]; equation: (string | null)[] };
  miniSearch: unknown;
}

/** Bodies by kind, then text: no joined key string (a build would copy the whole library's text to make them). */
type BodyTable = Map<HitKind, Map<string, Body>>;

function bodyIn(table: BodyTable, kind: HitKind, text: string): Body | undefined {
  return table.get(kind)?.get(text);
}

function putBody(table: BodyTable, body: Body): void {
  let byText = table.get(body.kind);
  if (!byText) table.set(body.kind, (byText = new Map<string, Body>()));
  byText.set(body.text, body);
}

export class SearchIndex {
  private miniSearch = new MiniSearch<Indexed>(miniSearchOptions);
  private readonly documents = new Map<number, SearchDocument>();
  private readonly files = new Map<string, number[]>();
  private readonly bodies = new Map<number, Body>();
  private bodyOfDocument = new Map<number, Body>();
  /** Bodies by kind and text; built on first need after a deserialize (hashing every text costs). */
  private bodyByKey: BodyTable | undefined = new Map();
  private nextId = 1;
  private nextBodyId = 1;
  /** Distinct texts tokenized by the last `setFile` (for tests and the bench: re-tokenizing is the cost). */
  lastTokenized = 0;

  get documentCount(): number {
    return this.documents.size;
  }

  /** Distinct texts in MiniSearch (documents that repeat a text share one). */
  get bodyCount(): number {
    return this.bodies.size;
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
    const fresh: SearchDocument[] = [];
    for (const document of documents) {
      const reused = previous.get(`${document.kind}\u0000${document.postId}\u0000${document.text}`)?.shift();
      if (reused !== undefined) {
        this.documents.set(reused, document);
        ids.push(reused);
        continue;
      }
      fresh.push(document);
    }
    for (const stale of previous.values()) for (const id of stale) this.dropDocument(id);
    const added: Indexed[] = [];
    const byKey = this.keyedBodies();
    for (const document of fresh) {
      const id = this.nextId++;
      this.documents.set(id, document);
      ids.push(id);
      let body = bodyIn(byKey, document.kind, document.text);
      if (!body) {
        body = { id: this.nextBodyId++, kind: document.kind, text: document.text, documents: [] };
        putBody(byKey, body);
        this.bodies.set(body.id, body);
        added.push(body);
      }
      body.documents.push(id);
      this.bodyOfDocument.set(id, body);
    }
    // MiniSearch is given the body without its document list (it only reads id and text).
    this.miniSearch.addAll(added.map(({ id, kind, text }) => ({ id, kind, text })));
    this.lastTokenized = added.length;
    if (ids.length > 0) this.files.set(file, ids);
    else this.files.delete(file);
  }

  private keyedBodies(): BodyTable {
    if (!this.bodyByKey) {
      this.bodyByKey = new Map();
      for (const body of this.bodies.values()) putBody(this.bodyByKey, body);
    }
    return this.bodyByKey;
  }

  private dropDocument(id: number): void {
    this.documents.delete(id);
    const body = this.bodyOfDocument.get(id);
    if (!body) return;
    this.bodyOfDocument.delete(id);
    const at = body.documents.indexOf(id);
    if (at >= 0) body.documents.splice(at, 1);
    if (body.documents.length > 0) {
      // The body's text stays the text of a document still held.
      body.text = this.documents.get(body.documents[0])?.text ?? body.text;
      return;
    }
    this.miniSearch.discard(body.id);
    this.bodies.delete(body.id);
    this.bodyByKey?.get(body.kind)?.delete(body.text);
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
        boostDocument: (id: unknown) => KIND_BOOST[this.bodies.get(Number(id))?.kind ?? 'text'],
      });
      for (const result of results) {
        const body = this.bodies.get(Number(result.id));
        if (!body) continue;
        const isLiteral = literal.test(body.text);
        for (const id of body.documents) scored.set(id, { score: result.score, literal: isLiteral });
        if (scored.size >= CANDIDATES) break;
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
    // Each distinct text is tested once, however many documents repeat it.
    for (const body of this.bodies.values()) {
      if (body.documents.every((id) => scored.has(id)) || !literal.test(body.text)) continue;
      for (const id of body.documents) {
        if (scored.has(id)) continue;
        scored.set(id, { score: 0, literal: true });
        if (++found >= wanted) return;
      }
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
    const paths = new Map<string, number>();
    const posts = new Map<string, [number, [string, string]]>();
    const columns: SerializedIndex['documents'] = { id: [], path: [], post: [], line: [], equation: [] };
    for (const [id, document] of this.documents) {
      let path = paths.get(document.file);
      if (path === undefined) paths.set(document.file, (path = paths.size));
      const postKey = `${document.postId}\u0000${document.title}`;
      let post = posts.get(postKey);
      if (!post) posts.set(postKey, (post = [posts.size, [document.postId, document.title]]));
      columns.id.push(id);
      columns.path.push(path);
      columns.post.push(post[0]);
      columns.line.push(document.line);
      columns.equation.push(document.equation);
    }
    return {
      format: INDEX_FORMAT,
      nextId: this.nextId,
      nextBodyId: this.nextBodyId,
      files: [...this.files.entries()],
      paths: [...paths.keys()],
      posts: [...posts.values()].map(([, post]) => post),
      bodies: [...this.bodies.values()].map((body): [number, HitKind, string, number[]] => [body.id, body.kind, body.text, body.documents]),
      documents: columns,
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
    const bodyOf = new Map<number, Body>();
    for (const [id, kind, text, documents] of data.bodies) {
      const body: Body = { id, kind, text, documents };
      index.bodies.set(id, body);
      for (const document of documents) bodyOf.set(document, body);
    }
    const { id, path, post, line, equation } = data.documents;
    for (let k = 0; k < id.length; k++) {
      const body = bodyOf.get(id[k]);
      const file = data.paths[path[k]];
      const entry = data.posts[post[k]];
      if (!body || file === undefined || !entry) return undefined;
      index.documents.set(id[k], { file, postId: entry[0], title: entry[1], line: line[k], kind: body.kind, equation: equation[k], text: body.text });
    }
    index.bodyOfDocument = bodyOf;
    for (const [file, ids] of data.files) index.files.set(file, ids);
    index.bodyByKey = undefined;
    index.nextId = data.nextId;
    index.nextBodyId = data.nextBodyId;
    return index;
  }
}

function isSerialized(data: unknown): data is SerializedIndex {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Partial<SerializedIndex>;
  const columns = candidate.documents;
  return (
    candidate.format === INDEX_FORMAT &&
    typeof candidate.nextId === 'number' &&
    typeof candidate.nextBodyId === 'number' &&
    Array.isArray(candidate.files) &&
    Array.isArray(candidate.paths) &&
    Array.isArray(candidate.posts) &&
    Array.isArray(candidate.bodies) &&
    typeof columns === 'object' &&
    columns !== null &&
    [columns.id, columns.path, columns.post, columns.line, columns.equation].every((column) => Array.isArray(column) && column.length === columns.id.length) &&
    typeof candidate.miniSearch === 'object'
  );
}
