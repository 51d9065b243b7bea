// What a render message carries besides its version and landing line: the rendered post with its title,
// series position (the post's own part number), "Cited by" and the header's date and source.
import type { Post } from '../core/library/model';
import type { CitedBy, HostToWebview, PostHeader, SeriesPosition } from '../core/protocol/preview';
import type { RenderResult } from '../core/render/types';
import type { PostLookup } from '../library/postLookup';

export type RenderContent = Omit<Extract<HostToWebview, { type: 'render' }>, 'type' | 'version' | 'line'>;

export function renderContentOf(result: RenderResult, post: Post | undefined, lookup: PostLookup | undefined, citedBy: CitedBy[]): RenderContent {
  return {
    title: post?.title ?? result.meta.title ?? '',
    html: result.html,
    headings: result.headings,
    equations: result.equations,
    errors: result.errors,
    series: post && lookup ? seriesPosition(post, lookup) : null,
    citedBy,
    header: headerOf(result),
  };
}


function seriesPosition(post: Post, lookup: PostLookup): SeriesPosition | null {
  const neighbours = lookup.seriesNeighbours(post);
  if (!post.series || !neighbours) return null;
  const brief = (p: Post | undefined): { postId: string; title: string } | undefined =>
    p && { postId: p.id, title: p.title ?? p.summary.slice(0, 20) };
  return {
    name: post.series,
    index: neighbours.index,
    count: neighbours.count,
    part: post.part,
    previous: brief(neighbours.previous),
    next: brief(neighbours.next),
  };
}

/** Date and source address as the front matter gives them; blank values are left out. */
function headerOf(result: RenderResult): PostHeader {
  const date = result.meta.date?.trim();
  const source = (result.meta.extra.source ?? result.meta.url)?.trim();
  return { ...(date ? { date } : {}), ...(source && /^https?:\/\//.test(source) ? { source } : {}) };
}
