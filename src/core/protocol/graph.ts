// Messages between the Library Graph view (host, src/graph/) and its page (src/pages/graph/).
import type { LibraryGraph } from '../graph/libraryGraph';

/** Host → page. */
export type HostToGraphPage =
  /** The whole graph (first load, and whenever the library changes), with the post to highlight. */
  | { type: 'graph'; graph: LibraryGraph; current: string | null }
  /** The post in the active preview or editor changed. */
  | { type: 'current'; postId: string | null };

/** Page → host. */
export type GraphPageToHost =
  | { type: 'ready' }
  /** The page laid out and drew a graph: counts for the tests and the log. */
  | { type: 'drawn'; nodes: number; edges: number }
  /** The reader clicked a node. */
  | { type: 'open'; postId: string };
