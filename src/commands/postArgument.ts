import type { Post } from '../core/library/model';
import type { SeriesTreeNode } from '../library/seriesTree';

/** Commands receive a tree node (context menu, click) or a post (Find Post, other features). */
export function postFromArgument(arg: unknown): Post | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<SeriesTreeNode>;
  if (node.kind === 'post' && 'post' in node) return node.post;
  const post = arg as Partial<Post>;
  return typeof post.id === 'string' && Array.isArray(post.sources) ? (post as Post) : undefined;
}
