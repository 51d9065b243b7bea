// The one message contract between the extension host and the preview webview. Both sides import it;
// every message is a discriminated union member switched on `type`.
import type { Presentation } from '../compute/presentation';
import type { RenderedEquation, RenderedHeading, RenderError } from '../render/types';
import { hasKnownType, type MessageTypes } from './knownType';

/** Where the post sits in its series, for the series bar. */
export interface SeriesPosition {
  name: string;
  /** 1-based position in reading order and the number of parts in the library. */
  index: number;
  count: number;
  part: number | null;
  previous?: { postId: string; title: string };
  next?: { postId: string; title: string };
}

export interface CitedBy {
  postId: string;
  title: string;
}

/** Strings the webview shows, localised by the host (the webview has no l10n of its own). */
export interface PreviewStrings {
  outline: string;
  equations: string;
  copied: string;
  copyFailed: string;
  previous: string;
  next: string;
  showInTree: string;
  citedBy: string;
  excerpt: string;
  partOf: string;
  unresolved: string;
  run: string;
  running: string;
  cancel: string;
}

export interface SelectionResult {
  /** The selection's last line (0-based, as data-line counts). */
  line: number;
  /** What the card says it is, e.g. "Result for the selection, lines 12–14". */
  label: string;
  presentation: Presentation;
}

export type HostToWebview =
  | {
      type: 'render';
      /** Increases with every render of this panel; the webview ignores stale ones. */
      version: number;
      title: string;
      html: string;
      headings: RenderedHeading[];
      equations: RenderedEquation[];
      errors: RenderError[];
      series: SeriesPosition | null;
      citedBy: CitedBy[];
      /** Scroll to this source line after the first render (restored state or editor position). */
      line?: number;
    }
  | { type: 'scrollToLine'; line: number }
  /** The result of a ```kexue-compute block the reader ran, keyed by the block's text. */
  | { type: 'computeResult'; source: string; presentation: Presentation }
  | { type: 'computeError'; source: string; message: string }
  /** The result of a selection computed in the editor, shown under the block holding `line`; null removes it. */
  | { type: 'selectionResult'; result: SelectionResult | null };

export type WebviewToHost =
  | { type: 'ready'; restoredLine?: number }
  /** The webview has put a render on screen (for first-paint timing and tests). */
  | { type: 'rendered'; version: number }
  | { type: 'revealLine'; line: number }
  | { type: 'openPost'; postId: string }
  | { type: 'openLink'; href: string }
  | { type: 'copyTex'; tex: string }
  | { type: 'navigateSeries'; direction: 'previous' | 'next' }
  | { type: 'showInTree' }
  /** Run a ```kexue-compute block (its text between the fences); parameters only, never code. */
  | { type: 'runBlock'; source: string }
  /** The Cancel button of a running block's card: cancels the job in the helper. */
  | { type: 'cancelBlock'; source: string };

const HOST_TO_WEBVIEW: MessageTypes<HostToWebview> = { render: true, scrollToLine: true, computeResult: true, computeError: true, selectionResult: true };
const WEBVIEW_TO_HOST: MessageTypes<WebviewToHost> = {
  ready: true,
  rendered: true,
  revealLine: true,
  openPost: true,
  openLink: true,
  copyTex: true,
  navigateSeries: true,
  showInTree: true,
  runBlock: true,
  cancelBlock: true,
};

export const isHostToWebview = (value: unknown): value is HostToWebview => hasKnownType(value, HOST_TO_WEBVIEW);
export const isWebviewToHost = (value: unknown): value is WebviewToHost => hasKnownType(value, WEBVIEW_TO_HOST);

/** What the webview keeps through getState/setState so a reloaded window restores the panel. */
export interface PreviewState {
  uri: string;
  line: number;
}
