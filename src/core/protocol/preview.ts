// The one message contract between the extension host and the preview webview. Both sides import it;
// every message is a discriminated union member switched on `type`.
import type { Presentation } from '../compute/presentation';
import type { RenderedEquation, RenderedHeading, RenderError } from '../render/types';
import { hasKnownType, type MessageTypes } from './knownType';
import type { PreviewNotation } from './notation';

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
  /** "part {0}": the post's own part number in its series. */
  seriesPart: string;
  /** "{0} of {1} in your library": where the post sits among the parts the library holds. */
  inLibrary: string;
  /** Tooltip of a display equation: a click copies its LaTeX. */
  copyTex: string;
  /** "Published {0}" and the source link's text, in the page header. */
  published: string;
  source: string;
  unresolved: string;
  run: string;
  running: string;
  cancel: string;
}

/** What the page header shows above the post, from the front matter (never from the post's own text). */
export interface PostHeader {
  date?: string;
  /** The post's address on the blog; opened through the extension's link policy like every link. */
  source?: string;
}

/** One row of the outline's equation list: a numbered equation (one row of an align) drawn small. */
export interface OutlineEquation {
  number: string;
  /** KaTeX HTML of the row, rendered by the host with trust:false; empty when KaTeX could not draw it. */
  html: string;
  /** The row's source, shortened, shown as text when there is no html. */
  tex?: string;
}

export interface SelectionResult {
  /** The selection's last line (0-based, as data-line counts). */
  line: number;
  /** What the card says it is, e.g. "Result for the selection, lines 12–14". */
  label: string;
  presentation: Presentation;
}

/** The id of the page shell's data block holding a first render, which the page shows without asking. */
export const FIRST_RENDER_ID = 'kexue-first-render';

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
      header: PostHeader;
      /**
       * Rows for the outline's equation list, once the reader has opened it (drawing them costs about
       * half a render, so a page that never shows them never gets them); absent otherwise.
       */
      outlineEquations?: OutlineEquation[];
      /** Scroll to this source line after the first render (restored state or editor position). */
      line?: number;
      /**
       * A long post's HTML in parts: `html` is the first, `renderPart` messages of this version bring
       * the others in order (each after the page acknowledged the one before). Absent: one part.
       */
      parts?: number;
    }
  /** Part `part` (1-based after the render message's own) of a render's HTML: whole top-level elements. */
  | { type: 'renderPart'; version: number; part: number; html: string }
  /** The panel now shows another post (preview tab following the Series view): start a fresh page. */
  | { type: 'showPost'; uri: string }
  | { type: 'scrollToLine'; line: number }
  /** The result of a ```kexue-compute block the reader ran, keyed by the block's text. */
  | { type: 'computeResult'; source: string; presentation: Presentation }
  | { type: 'computeError'; source: string; message: string }
  /** The result of a selection computed in the editor, shown under the block holding `line`; null removes it. */
  | { type: 'selectionResult'; result: SelectionResult | null }
  /** The outline's equation rows the page asked for (for the render of this version). */
  | { type: 'outlineRows'; version: number; rows: OutlineEquation[] }
  /** kexueReader.preview.readingWidth changed: the text column's width, in em. */
  | { type: 'readingWidth'; em: number }
  /** The notation of the post at `uri` for the symbol hover, after each full render of it. */
  | { type: 'notation'; uri: string; notation: PreviewNotation };

export type WebviewToHost =
  /** `shown`: the version of the render the page's shell carried, when the page shows it. */
  | { type: 'ready'; restoredLine?: number; shown?: number }
  /** The webview has put a render on screen (for first-paint timing and tests). */
  | { type: 'rendered'; version: number }
  /** The page has put part `part` of render `version` in (0: the render message's own html): send the next. */
  | { type: 'renderedPart'; version: number; part: number }
  /**
   * The reader scrolled the page: `line` (0-based source line) is at the top; `atEnd` when the page's
   * bottom is in view after a scroll (the reader reached the end of the post: reading progress marks it read).
   */
  | { type: 'revealLine'; line: number; atEnd?: boolean }
  /** The reader opened the outline's equation list: draw its rows (now and in later renders). */
  | { type: 'wantOutlineRows' }
  /** The reader has settled in this page (scrolled in it for a while, double-clicked): keep the tab. */
  | { type: 'keep' }
  | { type: 'openPost'; postId: string }
  /** `source`: the post's own address from the header, opened on the web even when the library has the post. */
  | { type: 'openLink'; href: string; source?: boolean }
  | { type: 'copyTex'; tex: string }
  | { type: 'navigateSeries'; direction: 'previous' | 'next' }
  | { type: 'showInTree' }
  /** Run a ```kexue-compute block (its text between the fences); parameters only, never code. */
  | { type: 'runBlock'; source: string }
  /** The Cancel button of a running block's card: cancels the job in the helper. */
  | { type: 'cancelBlock'; source: string };

const HOST_TO_WEBVIEW: MessageTypes<HostToWebview> = {
  render: true,
  renderPart: true,
  scrollToLine: true,
  computeResult: true,
  computeError: true,
  selectionResult: true,
  outlineRows: true,
  readingWidth: true,
  showPost: true,
  notation: true,
};
const WEBVIEW_TO_HOST: MessageTypes<WebviewToHost> = {
  ready: true,
  rendered: true,
  renderedPart: true,
  revealLine: true,
  wantOutlineRows: true,
  keep: true,
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
