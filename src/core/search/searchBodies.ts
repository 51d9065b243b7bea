// Bodies: each distinct text of one kind, held once however many documents repeat it (listing pages
// and re-scrapes repeat a post's paragraphs word for word). MiniSearch indexes bodies, not documents.

import type { HitKind } from './searchDocuments';

/** A distinct text of one kind, as MiniSearch sees it. */
export interface Indexed {
  id: number;
  kind: HitKind;
  text: string;
}

/** A body and the documents (ids) that hold its text. */
export interface Body extends Indexed {
  documents: number[];
}

/** Kinds in the order the cache numbers them (a body's `kind` column is an index here). */
export const KINDS: readonly HitKind[] = ['title', 'text', 'math', 'note'];

/** Bodies by kind, then text: no joined key string (a build would copy the whole library's text to make them). */
export type BodyTable = Map<HitKind, Map<string, Body>>;

export function bodyIn(table: BodyTable, kind: HitKind, text: string): Body | undefined {
  return table.get(kind)?.get(text);
}

export function putBody(table: BodyTable, body: Body): void {
  let byText = table.get(body.kind);
  if (!byText) table.set(body.kind, (byText = new Map<string, Body>()));
  byText.set(body.text, body);
}
