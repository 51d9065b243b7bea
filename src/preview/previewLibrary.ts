// The library as the preview reads it: a lookup of posts by file, title and id (for 《title》 links and
// the series bar), "Cited by", and an event when the library changes. Built on the LibraryIndex.
import * as vscode from 'vscode';
import type { Library, Post } from '../core/library/model';
import type { CitedBy } from '../core/protocol/preview';
import type { LibraryIndex } from '../library/libraryIndex';
import { PostLookup } from '../library/postLookup';
import { CitationIndex } from './citationIndex';

export interface PreviewLibrary {
  readonly onDidChange: vscode.Event<unknown>;
  /** The lookup, once the workspace has been indexed. */
  lookup(): Promise<PostLookup>;
  /** The lookup when the workspace has been indexed; undefined while the first indexing runs. */
  lookupIfIndexed(): PostLookup | undefined;
  citedBy(post: Post): Promise<CitedBy[]>;
  /** The file that shows a post best — its full text when the library has it, else the listing page — and its line (0-based). */
  sourceOf(post: Post): { uri: vscode.Uri; line: number } | undefined;
}

export class IndexedPreviewLibrary implements PreviewLibrary {
  private readonly citations = new CitationIndex();
  private lookupCache: PostLookup | undefined;

  constructor(private readonly index: LibraryIndex) {}

  get onDidChange(): vscode.Event<unknown> {
    return this.index.onDidChange;
  }

  async lookup(): Promise<PostLookup> {
    return this.lookupFor(await this.index.ensureIndexed());
  }

  lookupIfIndexed(): PostLookup | undefined {
    return this.index.isIndexed() ? this.lookupFor(this.index.current()) : undefined;
  }

  async citedBy(post: Post): Promise<CitedBy[]> {
    return this.citations.citedBy(post, await this.lookup());
  }

  sourceOf(post: Post): { uri: vscode.Uri; line: number } | undefined {
    const source = post.sources.find((s) => s.kind === 'post') ?? post.sources[0];
    return source && { uri: vscode.Uri.file(source.file), line: source.line - 1 };
  }

  private lookupFor(library: Library): PostLookup {
    if (this.lookupCache?.library !== library) this.lookupCache = new PostLookup(library);
    return this.lookupCache;
  }
}
