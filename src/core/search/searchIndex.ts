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
//
// MiniSearch's term tree scans a node's children one by one, and Chinese bigrams give the root
// thousands of children: terms are handed to it re-spelt (`miniSearchTerm`) so no node has more than
// ~60, which halves a build (README, Performance). A new index builds MiniSearch from all its bodies
// at once (`prepare()`, or the first query): term by term, not token by token (miniSearchIndex.ts).
// The cache holds MiniSearch's postings and the documents as typed columns; MiniSearch is restored
// from the postings when a query (or `prepare()`) first needs it.

import type { Query } from 'minisearch';
import { detachedString } from '../text/detachedString';
import { equationAt } from './equationRow';
import { exactCasePattern, literalPattern } from './literalMatch';
import { bodyIn, putBody, type Body, type BodyTable, type Indexed } from './searchBodies';
import type { HitKind, SearchDocument } from './searchDocuments';
import { INDEX_FORMAT, concatenated, isSerialized, type SerializedIndex } from './serializedIndex';
import { appendStored, bodyColumns, documentColumns, growableStore, peekStored, readStored, type StoredDocuments } from './storedDocuments';
import { findHit, makeSnippet } from './snippet';
import { BodyIndex, miniSearchTerm, type StoredPostings } from './miniSearchIndex';
import { tokenizeQuery, type QueryTokens } from './tokenize';

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

/**
 * A token hit's BM25 score, whether it holds the query as written (those rank first), and whether it
 * is a near miss — all but one of the required tokens (those rank last).
 */
interface Scored {
  score: number;
  literal: boolean;
  nearMiss?: boolean;
  /** Holds a TeX query as written in its own case too (those rank first among the literal ones). */
  exactCase?: boolean;
}

/** Kinds weighted against each other: a title hit says the most about a post. */
const KIND_BOOST: Record<HitKind, number> = { title: 3, note: 1.5, math: 1, text: 1 };
/** Token hits looked at for ranking and grouping, at most. */
const CANDIDATES = 400;
/** Required tokens a query needs before one of them may be missing from a near miss (two bigrams, one word: no). */
const NEAR_MISS_MIN_REQUIRED = 3;
export const DEFAULT_LIMIT = 20;


/** The words between a query's enclosing quotes (ASCII or Chinese), if it is quoted and holds any. */
function quotedPhrase(query: string): string | undefined {
  const quoted = /^\s*(?:"([^"]+)"|“([^”]+)”|「([^」]+)」)\s*$/u.exec(query);
  const inner = quoted ? (quoted[1] ?? quoted[2] ?? quoted[3]).trim() : '';
  return inner.length > 0 ? inner : undefined;
}

export class SearchIndex {
  /**
   * MiniSearch once a query, an update after a cache load or `prepare()` needed it. Until then a new
   * index only collects bodies (MiniSearch is built from them at once, see miniSearchIndex.ts), and a
   * loaded one keeps the cache's postings.
   */
  private loadedMiniSearch: BodyIndex | undefined;
  private postings: StoredPostings | undefined;
  /** Documents as objects: those taken out of `stored` by a query or an update, and an update's new ones after a cache load. */
  private readonly documents = new Map<number, SearchDocument>();
  private readonly files = new Map<string, number[]>();
  private readonly bodies = new Map<number, Body>();
  private bodyOfDocument = new Map<number, Body>();
  /** Documents as rows: a new index appends every new document here; a loaded one holds the cache's. */
  private stored: StoredDocuments | undefined = growableStore();
  /** Bodies by kind and text; built on first need after a deserialize (hashing every text costs). */
  private bodyByKey: BodyTable | undefined = new Map();
  private nextId = 1;
  private nextBodyId = 1;
  /** Distinct texts tokenized by the last `setFile` (for tests and the bench: re-tokenizing is the cost). */
  lastTokenized = 0;

  private get miniSearch(): BodyIndex {
    this.loadedMiniSearch ??= this.restoreMiniSearch();
    return this.loadedMiniSearch;
  }

  private restoreMiniSearch(): BodyIndex {
    const postings = this.postings;
    this.postings = undefined;
    if (postings !== undefined) {
      try {
        return BodyIndex.restore(postings);
      } catch {
        // Damaged: rebuilt below from the bodies, which hold every text MiniSearch had.
      }
    }
    return BodyIndex.build(this.bodies.values());
  }

  /**
   * Builds MiniSearch from the bodies collected so far, or restores it from the cache, now (a cold
   * build ends with it; after a load it runs in the background), not on the first query.
   */
  prepare(): void {
    this.loadedMiniSearch ??= this.restoreMiniSearch();
  }

  get documentCount(): number {
    return this.documents.size + (this.stored?.count ?? 0);
  }

  /** The document with `id`, taken out of the cache's columns on first need. */
  private documentOf(id: number): SearchDocument | undefined {
    const live = this.documents.get(id);
    if (live || !this.stored) return live;
    const found = peekStored(this.stored, this.bodies, id);
    if (!found) return undefined;
    this.stored.rowOfId[id] = -1;
    this.stored.count--;
    this.documents.set(id, found.document);
    this.bodyOfDocument.set(id, found.body);
    return found.document;
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
      const old = this.documentOf(id);
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
        // The body's copy of the text, not the new file's slice (see `detachedString`).
        this.documents.set(reused, { ...document, text: this.bodyOfDocument.get(reused)?.text ?? document.text });
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
      let body = bodyIn(byKey, document.kind, document.text);
      if (!body) {
        body = { id: this.nextBodyId++, kind: document.kind, text: detachedString(document.text), documents: [] };
        putBody(byKey, body);
        this.bodies.set(body.id, body);
        added.push(body);
      }
      const tables = this.stored?.tables;
      if (this.stored && tables) appendStored(this.stored, tables, id, body.id, document);
      else {
        this.documents.set(id, { ...document, text: body.text });
        this.bodyOfDocument.set(id, body);
      }
      ids.push(id);
      body.documents.push(id);
    }
    // MiniSearch is given the body without its document list (it only reads id and text); a MiniSearch
    // not built yet is built from all bodies when first needed.
    if (this.hasMiniSearch) this.miniSearch.addAll(added.map(({ id, kind, text }) => ({ id, kind, text })));
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
    if (body.documents.length > 0) return;
    if (this.hasMiniSearch) this.miniSearch.discard(body.id);
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
    // A query in quotes ("奇异值分解", “奇异值分解”) asks for the words between them as written, and
    // nothing else. The quotes were taken as part of the query: no text held them, so nothing was
    // literal, and a paragraph with 非零奇异值 here and 分解 there came among the hits.
    const phrase = quotedPhrase(query);
    if (phrase !== undefined) query = phrase;
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
    if (phrase !== undefined) {
      for (const [id, entry] of scored) if (!entry.literal) scored.delete(id);
    } else if (scored.size < limit) this.addNearMisses(tokens, scored);
    // In TeX, case names another symbol (\Sigma the matrix, \sigma a singular value; W_k, w_k): a
    // query with TeX in it ranks the documents holding it in its own case first, and marks it there.
    const exact = /[\\_^]/.test(query) ? exactCasePattern(query) : undefined;
    if (exact) for (const [id, entry] of scored) if (entry.literal) entry.exactCase = exact.test(this.documentOf(id)?.text ?? '');
    return this.group(scored, limit).map((id) => this.hitOf(id, scored.get(id)?.score ?? 0, scored.get(id)?.exactCase ? (exact ?? literal) : literal, tokens.required.concat(tokens.optional)));
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

  /**
   * Documents holding all but one of the query's required tokens, when the query itself found fewer
   * than asked for. A Chinese query must match as bigrams, so a phrase the post words a little
   * differently — 旋转位置编码 for the post's 旋转式位置编码, a title typed without its quotes
   * (硬刚扩散ODE for “硬刚”扩散ODE), one wrong character — found nothing or missed the post it is
   * about. They follow every hit that holds all tokens.
   */
  private addNearMisses(tokens: QueryTokens, scored: Map<number, Scored>): void {
    const required = tokens.required;
    if (required.length < NEAR_MISS_MIN_REQUIRED) return;
    const spelt = new Set(required.map(miniSearchTerm));
    const results = this.miniSearch.search(
      { combineWith: 'OR', queries: [...required, ...tokens.optional] },
      { boostDocument: (id: unknown) => KIND_BOOST[this.bodies.get(Number(id))?.kind ?? 'text'] },
    );
    for (const result of results) {
      if (result.queryTerms.filter((term) => spelt.has(term)).length < required.length - 1) continue;
      const body = this.bodies.get(Number(result.id));
      if (!body) continue;
      for (const id of body.documents) if (!scored.has(id)) scored.set(id, { score: result.score, literal: false, nearMiss: true });
      if (scored.size >= CANDIDATES) break;
    }
  }

  private group(scored: Map<number, Scored>, limit: number): number[] {
    const byPost = new Map<string, number[]>();
    const ordered = [...scored.entries()].sort(
      (a, b) =>
        Number(b[1].literal) - Number(a[1].literal) ||
        Number(b[1].exactCase ?? false) - Number(a[1].exactCase ?? false) ||
        Number(a[1].nearMiss ?? false) - Number(b[1].nearMiss ?? false) || b[1].score - a[1].score,
    );
    for (const [id] of ordered) {
      const postId = this.documentOf(id)?.postId ?? '';
      const group = byPost.get(postId);
      if (group) group.push(id);
      else byPost.set(postId, [id]);
    }
    return [...byPost.values()].flat().slice(0, limit);
  }

  private hitOf(id: number, score: number, literal: RegExp, tokens: readonly string[]): SearchHit {
    const document = this.documentOf(id) as SearchDocument;
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
    const { paths, posts, documents } = documentColumns(this.allDocuments(), this.documentCount);
    return {
      format: INDEX_FORMAT,
      nextId: this.nextId,
      nextBodyId: this.nextBodyId,
      files: concatenated([...this.files.keys()], [...this.files.values()]),
      paths,
      posts,
      bodies: bodyColumns([...this.bodies.values()]),
      documents,
      postings: this.postings ?? this.miniSearch.postings(),
    };
  }

  /** Whether MiniSearch exists, live or as the cache's postings (else it is built from the bodies when needed). */
  private get hasMiniSearch(): boolean {
    return this.loadedMiniSearch !== undefined || this.postings !== undefined;
  }

  /** Every document, live or stored, without taking stored ones out. */
  private *allDocuments(): Generator<[number, SearchDocument]> {
    yield* this.documents;
    if (!this.stored) return;
    for (let id = 0; id < this.stored.rowOfId.length; id++) {
      const found = this.stored.rowOfId[id] >= 0 ? peekStored(this.stored, this.bodies, id) : undefined;
      if (found) yield [id, found.document];
    }
  }

  /** The index a `serialize()` wrote; undefined when it is of another format or damaged. */
  static deserialize(data: unknown): SearchIndex | undefined {
    if (!isSerialized(data)) return undefined;
    const index = new SearchIndex();
    index.postings = data.postings;
    const read = readStored(data);
    if (!read) return undefined;
    for (const body of read.bodies) index.bodies.set(body.id, body);
    index.stored = read.stored;
    const { files } = data;
    let at = 0;
    for (let f = 0; f < files.key.length; f++) {
      const count = files.count[f];
      if (count < 0 || at + count > files.ids.length) return undefined;
      index.files.set(files.key[f], Array.from(files.ids.subarray(at, at + count)));
      at += count;
    }
    index.bodyByKey = undefined;
    index.nextId = data.nextId;
    index.nextBodyId = data.nextBodyId;
    return index;
  }
}
