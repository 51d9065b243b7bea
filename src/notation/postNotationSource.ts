// The notation of one post as the Notation view shows it: its symbols with the reader's pinned
// definitions (from the annotation store) first, and definitions carried over from earlier parts.

import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { AnnotationStore, postIdentity } from '../core/annotations';
import type { Library } from '../core/library/model';
import { carryOver, postNotation, readerDefinitions, withReaderDefinitions, type NotationSymbol } from '../core/notation';
import { AnnotationFilesOnDisk, findLibraryRoot } from '../notes/annotationFilesOnDisk';

export interface LoadedNotation {
  symbols: NotationSymbol[];
  /** Set when the post's notes file does not parse: pinned definitions are then not shown. */
  corrupt?: string;
}

/** Earlier parts of the post's series in reading order, as files (the CLI does the same from a folder). */
export function earlierPartsOf(library: Library, file: string): { title: string; file: string }[] {
  const post = library.posts.find((p) => p.sources.some((s) => s.file === file));
  if (!post?.series || post.part === null) return [];
  const series = library.series.find((s) => s.name === post.series);
  if (!series) return [];
  const byId = new Map(library.posts.map((p) => [p.id, p]));
  const parts: { title: string; file: string }[] = [];
  for (const part of series.parts) {
    if (part.postId === post.id) break;
    const earlier = byId.get(part.postId);
    const source = earlier?.sources.find((s) => s.kind === 'post');
    if (earlier && source) parts.push({ title: earlier.title ?? earlier.id, file: source.file });
  }
  return parts;
}

export async function loadNotation(document: vscode.TextDocument, library: Library | undefined): Promise<LoadedNotation> {
  const text = document.getText();
  let symbols = postNotation(text);
  let corrupt: string | undefined;
  const identity = postIdentity(text);
  if (identity && document.uri.scheme === 'file') {
    const store = new AnnotationStore(new AnnotationFilesOnDisk(), await findLibraryRoot(document.uri.fsPath));
    const loaded = await store.load(identity);
    if (loaded.corrupt) corrupt = loaded.corrupt.file;
    symbols = withReaderDefinitions(symbols, readerDefinitions(text, loaded.annotations));
  }
  const parts = library && document.uri.scheme === 'file' ? earlierPartsOf(library, document.uri.fsPath) : [];
  const earlier = await Promise.all(
    parts.map(async (part) => ({ title: part.title, symbols: postNotation(await fs.readFile(part.file, 'utf8').catch(() => '')) })),
  );
  return { symbols: carryOver(symbols, earlier), ...(corrupt ? { corrupt } : {}) };
}
