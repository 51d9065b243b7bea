import type * as vscode from 'vscode';
import type { Post } from '../core/library/model';
import type { CitedBy } from '../core/protocol/preview';
import type { PostRenderer } from '../core/render/postRenderer';
import type { LibraryIndex } from '../library/libraryIndex';
import type { PostLookup } from '../library/postLookup';
import type { FirstScreenWarmer } from './firstScreenWarmer';
import type { PostPreview } from './postPreview';

/** What a preview panel needs from the rest of the extension; implemented by PreviewManager. */
export interface PreviewContext {
  readonly extensionUri: vscode.Uri;
  readonly index: LibraryIndex;
  newRenderer(): Promise<PostRenderer>;
  /** First screens rendered ahead of a click (the neighbours of the post on screen). */
  readonly warmer: FirstScreenWarmer;
  /** The file that shows a post best, and the line its entry starts on (0-based). */
  sourceOf(post: Post): { uri: vscode.Uri; line: number } | undefined;
  lookup(): Promise<PostLookup>;
  /** The lookup when the workspace has been indexed; undefined while the first indexing runs. */
  lookupIfIndexed(): PostLookup | undefined;
  macros(): Record<string, string>;
  citedBy(post: Post): Promise<CitedBy[]>;
  openPost(postId: string, from: PostPreview): Promise<void>;
  /** `source`: the post's own address, opened on the web even when the library holds the post. */
  openLink(href: string, source?: boolean): Promise<void>;
  navigateSeries(preview: PostPreview, direction: 'previous' | 'next'): Promise<void>;
  revealInTree(uri: vscode.Uri): Promise<void>;
  /** Runs a ```kexue-compute block for a preview and sends the result (or the error) back to it. */
  runComputeBlock(source: string, preview: PostPreview): Promise<void>;
  cancelComputeBlock(source: string): void;
  /** Sends the editor's compute result for this preview's file, if any, so the page shows it too. */
  sendEditorResult(preview: PostPreview): void;
  /** The reader settled in this preview (scrolled in it a while, double-clicked, edited its post): keep its tab. */
  keep(preview: PostPreview): void;
  /** A line in the Kexue Reader output channel. */
  log(message: string): void;
}
