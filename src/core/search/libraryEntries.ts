// Which posts start where in each file, from the library model: what `extractDocuments` needs to
// attribute a paragraph of a listing page to the entry it belongs to.

import type { Library } from '../library/model';
import type { PostEntryRef } from './searchDocuments';

export function postEntriesByFile(library: Library): Map<string, PostEntryRef[]> {
  const byFile = new Map<string, PostEntryRef[]>();
  for (const post of library.posts) {
    const title = post.title ?? post.summary.slice(0, 30);
    post.sources.forEach((source, k) => {
      const entries = byFile.get(source.file) ?? [];
      entries.push({ line: source.line, postId: post.id, title, primary: k === 0 });
      byFile.set(source.file, entries);
    });
  }
  for (const entries of byFile.values()) entries.sort((a, b) => a.line - b.line);
  return byFile;
}
