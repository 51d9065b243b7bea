// What a preview panel is built with, and what its page asks for that the panel cannot do alone
// (the PreviewManager serves those).
import type * as vscode from 'vscode';
import type { Post } from '../core/library/model';
import type { WebviewToHost } from '../core/protocol/preview';
import type { FirstScreenWarmer } from './firstScreenWarmer';
import type { PreviewLibrary } from './previewLibrary';
import type { PreviewRenderers } from './previewRenderers';
import type { RenderedPosts } from './renderedPosts';

/**
 * What the page (or the reader, by editing the post) asks for that a panel cannot do alone; the
 * PreviewManager serves these. 'keep': the reader settled in this preview, keep its tab.
 */
export type PageRequest = Extract<
  WebviewToHost,
  { type: 'openPost' | 'openLink' | 'navigateSeries' | 'showInTree' | 'runBlock' | 'cancelBlock' | 'keep' | 'annotate' | 'changeAnnotation' | 'deleteAnnotation' | 'copyAnnotationLink' }
>;

/** What a preview panel is built with. */
export interface PostPreviewDeps {
  readonly extensionUri: vscode.Uri;
  readonly library: PreviewLibrary;
  readonly renderers: PreviewRenderers;
  /** First screens rendered ahead of a click (the neighbours of the post on screen). */
  readonly warmer: FirstScreenWarmer;
  /** Whole rendered posts of this window, shared by the panels: a post shown again is not rendered again. */
  readonly posts: RenderedPosts;
  /** Where a post opened from the library opens: its file, at the reader's place or its start (0-based line). */
  readonly sourceOf: (post: Post) => { uri: vscode.Uri; line: number } | undefined;
  /** A line in the Kexue Reader output channel. */
  readonly log: (message: string) => void;
}
