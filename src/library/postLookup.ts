import * as path from 'node:path';
import { titleKey } from '../core/library/text';
import type { Library, Post } from '../core/library/model';

/** Finds posts by 《title》, by id and by file — the questions the preview and hovers ask of the library. */
export class PostLookup {
  private readonly byTitle = new Map<string, Post>();
  private readonly byId = new Map<string, Post>();
  private readonly byFile = new Map<string, Post[]>();

  constructor(readonly library: Library) {
    for (const post of library.posts) {
      this.byId.set(post.id, post);
      if (post.title && !post.titleInferred) this.byTitle.set(titleKey(post.title), post);
      for (const source of post.sources) {
        const key = path.normalize(source.file);
        const list = this.byFile.get(key) ?? [];
        list.push(post);
        this.byFile.set(key, list);
      }
    }
  }

  title(title: string): Post | undefined {
    return this.byTitle.get(titleKey(title));
  }

  id(id: string): Post | undefined {
    return this.byId.get(id);
  }

  /** The post a full-post file holds (a listing page holds many and answers undefined). */
  postOfFile(file: string): Post | undefined {
    const posts = this.byFile.get(path.normalize(file)) ?? [];
    return posts.find((p) => p.sources.some((s) => s.kind === 'post' && path.normalize(s.file) === path.normalize(file)));
  }

  /** The entries of a listing page, in the page's order, each with its 0-based line (none for a full post's file). */
  listedIn(file: string): { post: Post; line: number }[] {
    const key = path.normalize(file);
    const entries: { post: Post; line: number }[] = [];
    for (const post of this.byFile.get(key) ?? []) {
      const source = post.sources.find((s) => s.kind !== 'post' && path.normalize(s.file) === key);
      if (source) entries.push({ post, line: source.line - 1 });
    }
    return entries.sort((a, b) => a.line - b.line);
  }

  /** Where the post stands in its series: 1-based index, count, and the parts before and after it. */
  seriesNeighbours(post: Post): { index: number; count: number; previous?: Post; next?: Post } | undefined {
    const series = this.library.series.find((s) => s.name === post.series);
    if (!series) return undefined;
    const index = series.parts.findIndex((p) => p.postId === post.id);
    if (index < 0) return undefined;
    const previous = index > 0 ? this.byId.get(series.parts[index - 1].postId) : undefined;
    const next = index + 1 < series.parts.length ? this.byId.get(series.parts[index + 1].postId) : undefined;
    return { index: index + 1, count: series.parts.length, previous, next };
  }
}
