import type { Library, Post } from '../core/library/model';
import type { CitedBy } from '../core/protocol/preview';
import type { PostLookup } from '../library/postLookup';
import { readPostText } from '../library/postText';

const BOOK_TITLE = /《([^《》\n]{1,120})》/g;

/**
 * "Cited by": which posts of the library name a post by its 《title》. Built once per library version by
 * scanning the text of full posts (and the excerpts of listing-only posts) — no rendering needed.
 */
export class CitationIndex {
  private built: { library: Library; citers: Map<string, CitedBy[]> } | undefined;

  async citedBy(post: Post, lookup: PostLookup): Promise<CitedBy[]> {
    if (this.built?.library !== lookup.library) this.built = { library: lookup.library, citers: await this.build(lookup) };
    return this.built.citers.get(post.id) ?? [];
  }

  private async build(lookup: PostLookup): Promise<Map<string, CitedBy[]>> {
    const citers = new Map<string, CitedBy[]>();
    for (const citing of lookup.library.posts) {
      const text = await readPostText(citing);
      const cited = new Set<string>();
      for (const match of text.matchAll(BOOK_TITLE)) {
        const target = lookup.title(match[1]);
        if (target && target.id !== citing.id) cited.add(target.id);
      }
      for (const id of cited) {
        const list = citers.get(id) ?? [];
        list.push({ postId: citing.id, title: citing.title ?? citing.summary.slice(0, 24) });
        citers.set(id, list);
      }
    }
    return citers;
  }
}
