// The library as a graph: posts are nodes, 《title》 citations and series reading order are edges.
// Pure: the caller hands in each post's text (the host reads files; tests hand in fixtures).
import type { Library, Post } from '../library/model';
import { titleKey } from '../library/text';

export interface GraphNode {
  id: string;
  /** The full title (or the opening of an untitled entry): shown on hover. */
  title: string;
  /** The title cut to fit under a node. */
  label: string;
  series: string | null;
  /** Index into LibraryGraph.series, -1 for a standalone post: picks the node's colour. */
  seriesIndex: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** `cites`: source names target by its 《title》; `series`: target is the next part after source. */
  kind: 'cites' | 'series';
}

export interface LibraryGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Series names in the library's order; a node's seriesIndex points here. */
  series: string[];
}

/** Same pattern as the preview's "Cited by": a 《…》 on one line, of a sensible length. */
const BOOK_TITLE = /《([^《》\n]{1,120})》/g;
export const LABEL_LENGTH = 14;

/** The titles a text cites as 《title》, in order of first mention, each once. */
export function citedTitles(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(BOOK_TITLE)) seen.add(match[1]);
  return [...seen];
}

/** Cuts a title to `max` characters (code points, so no CJK or astral character is split), with an ellipsis. */
export function truncateLabel(title: string, max = LABEL_LENGTH): string {
  const chars = [...title];
  return chars.length <= max ? title : `${chars.slice(0, max - 1).join('')}…`;
}

function displayTitle(post: Post): string {
  return post.title ?? post.summary.slice(0, 40);
}

/**
 * Builds the graph of a library. `textOf` gives the text to scan for citations (a full post's file, a listing
 * entry's excerpt). Only titles the library states (not inferred ones) resolve a citation, as in the preview.
 */
export function buildLibraryGraph(library: Library, textOf: (post: Post) => string): LibraryGraph {
  const series = library.series.map((s) => s.name);
  const seriesIndex = new Map(series.map((name, i) => [name, i]));
  const byTitle = new Map<string, Post>();
  for (const post of library.posts) if (post.title && !post.titleInferred) byTitle.set(titleKey(post.title), post);

  const nodes: GraphNode[] = library.posts.map((post) => {
    const title = displayTitle(post);
    return { id: post.id, title, label: truncateLabel(title), series: post.series, seriesIndex: post.series === null ? -1 : (seriesIndex.get(post.series) ?? -1) };
  });

  const edges: GraphEdge[] = [];
  for (const s of library.series) {
    for (let i = 1; i < s.parts.length; i++) edges.push({ source: s.parts[i - 1].postId, target: s.parts[i].postId, kind: 'series' });
  }
  for (const post of library.posts) {
    const targets = new Set<string>();
    for (const cited of citedTitles(textOf(post))) {
      const target = byTitle.get(titleKey(cited));
      if (target && target.id !== post.id) targets.add(target.id);
    }
    for (const target of targets) edges.push({ source: post.id, target, kind: 'cites' });
  }
  return { nodes, edges, series };
}
