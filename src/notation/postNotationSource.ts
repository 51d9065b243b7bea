// The notation of one post as the Notation view shows it: its symbols with the reader's pinned
// definitions (from the annotation store) first, and definitions carried over from earlier parts.

import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { AnnotationStore, postIdentity } from '../core/annotations';
import type { Library } from '../core/library/model';
import { earlierPartsOf } from '../core/notation/earlierParts';
import { carryOver, mathJaxFallback, postNotation, readerDefinitions, withReaderDefinitions, type FormulaFallback, type NotationSymbol } from '../core/notation';
import { AnnotationFilesOnDisk } from '../notes/annotationFilesOnDisk';

/** Where a post's notes live: the notes feature's library folder for the file. */
export type LibraryRootOf = (uri: vscode.Uri) => Promise<string>;

export interface LoadedNotation {
  symbols: NotationSymbol[];
  /** Set when the post's notes file does not parse: pinned definitions are then not shown. */
  corrupt?: string;
}


/**
 * Loads the notation of posts, keeping the last few results: parsing a long post's formulas takes a
 * second or more, and the view reloads on every editor switch. A document is keyed by its version,
 * an earlier part's file by its modification time; pinned definitions are read fresh each time.
 */
export class NotationSource {
  private readonly documents = new Map<string, { version: number; symbols: NotationSymbol[] }>();
  private readonly files = new Map<string, { mtimeMs: number; symbols: NotationSymbol[] }>();

  constructor(private readonly libraryRoot: LibraryRootOf) {}

  async load(document: vscode.TextDocument, library: Library | undefined): Promise<LoadedNotation> {
    const text = document.getText();
    // Formulas KaTeX refuses are read from MathJax's parse tree, as the preview draws them.
    const fallback = await mathJaxFallback();
    let symbols = this.ofDocument(document, fallback);
    let corrupt: string | undefined;
    const identity = postIdentity(text);
    if (identity && document.uri.scheme === 'file') {
      const store = new AnnotationStore(new AnnotationFilesOnDisk(), await this.libraryRoot(document.uri));
      const loaded = await store.load(identity);
      if (loaded.corrupt) corrupt = loaded.corrupt.file;
      symbols = withReaderDefinitions(symbols, readerDefinitions(text, loaded.annotations));
    }
    const parts = library && document.uri.scheme === 'file' ? earlierPartsOf(library, document.uri.fsPath) : [];
    const earlier = await Promise.all(parts.map(async (part) => ({ title: part.title, postId: part.postId, symbols: await this.ofFile(part.file, fallback) })));
    return { symbols: carryOver(symbols, earlier), ...(corrupt ? { corrupt } : {}) };
  }

  private ofDocument(document: vscode.TextDocument, fallback: FormulaFallback | undefined): NotationSymbol[] {
    const key = document.uri.toString();
    const known = this.documents.get(key);
    if (known && known.version === document.version) return known.symbols;
    const symbols = postNotation(document.getText(), fallback);
    remember(this.documents, key, { version: document.version, symbols });
    return symbols;
  }

  /** An earlier part's own symbols, with the reader's pins for it (they carry over like its own). */
  private async ofFile(file: string, fallback: FormulaFallback | undefined): Promise<NotationSymbol[]> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) return [];
    const text = await fs.readFile(file, 'utf8');
    const known = this.files.get(file);
    const own = known && known.mtimeMs === stat.mtimeMs ? known.symbols : postNotation(text, fallback);
    if (!known || known.mtimeMs !== stat.mtimeMs) remember(this.files, file, { mtimeMs: stat.mtimeMs, symbols: own });
    const identity = postIdentity(text);
    if (!identity) return own;
    const loaded = await new AnnotationStore(new AnnotationFilesOnDisk(), await this.libraryRoot(vscode.Uri.file(file))).load(identity);
    return withReaderDefinitions(own, readerDefinitions(text, loaded.annotations));
  }
}

const KEPT = 8;

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > KEPT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}
