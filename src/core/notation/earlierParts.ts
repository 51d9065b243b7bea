// The parts of a post's series that come before it, in reading order, as full-post files: where a
// symbol the post leaves undefined takes its meaning from (the Notation view and `kexue symbols`).
import type { Library } from '../library/model';

/** Earlier parts of the post's series in reading order, as files (with the post's id: a carried definition opens it). */
export function earlierPartsOf(library: Library, file: string): { title: string; file: string; postId: string }[] {
  const post = library.posts.find((p) => p.sources.some((s) => s.file === file));
  if (!post?.series || post.part === null) return [];
  const series = library.series.find((s) => s.name === post.series);
  if (!series) return [];
  const byId = new Map(library.posts.map((p) => [p.id, p]));
  const parts: { title: string; file: string; postId: string }[] = [];
  for (const part of series.parts) {
    if (part.postId === post.id) break;
    const earlier = byId.get(part.postId);
    const source = earlier?.sources.find((s) => s.kind === 'post');
    if (earlier && source) parts.push({ title: earlier.title ?? earlier.id, file: source.file, postId: earlier.id });
  }
  return parts;
}
