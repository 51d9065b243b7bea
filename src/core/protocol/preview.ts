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
  /** "The result could not be drawn: {0}" — the page's drawing code (KaTeX, uPlot) did not load. */
  drawFailed: string;
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
  /** "{0}: not found beside the post" — an image of the post's folder that did not load. */
  imageMissing: string;
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

/** How many preloaded first screens a page keeps (the oldest dropped first); the host counts the same. */
export const PRELOADS_KEPT = 3;

/** The id of the page shell's data block holding a first render, which the page shows without asking. */
export const FIRST_RENDER_ID = 'kexue-first-render';

/** One of the reader's annotations as the page draws it (see core/annotations/previewText.ts). */
export interface PreviewAnnotation {
  id: string;
  color: string;
  /** `anchored` / `moved` are drawn; an `orphan` is only listed (its words are gone from the post). */
  status: 'anchored' | 'moved' | 'orphan';
  /** 0-based source lines of the first and last character, and the quote in loose form with its context. */
  line: number;
  endLine: number;
  quote: string;
  prefix: string;
  suffix: string;
  /** The words the note is on, as the notes list shows them (formulas as TeX, a numbered display as "(n)"). */
  exact: string;
  /** The note as the reader wrote it (Markdown, `$…$`), for editing; empty for a bare highlight. */
  note: string;
  /** The note drawn by the host: escaped text and KaTeX output only. */
  noteHtml: string;
  /** On a display equation: its number, when it has one. */
  equation?: string;
}

/** A selection in the page, as the host needs it to find the source range (see PageSelectionText). */
export interface PageSelection {
  fromLine: number;
  toLine?: number;
  prefix: string;
  quote: string;
}

/** Strings of the annotation layer (toolbar, notes list), localised by the host. */
export interface AnnotationStrings {
  highlight: string;
  addNote: string;
  editNote: string;
  deleteNote: string;
  copyLink: string;
  copyTex: string;
  save: string;
  cancel: string;
  notes: string;
  notePlaceholder: string;
  linkCopied: string;
  /** Shown for a note whose words are gone from the post. */
  orphan: string;
  /** Tooltip of an outline heading whose section holds one note. */
  sectionNote: string;
  /** Tooltip of an outline heading whose section holds notes: "{0} notes". */
  sectionNotes: string;
  /** Colour names, by the colour's id. */
  colors: Record<string, string>;
}

/** A rendered post (or its first screens) as the page shows it: everything of a render but its version. */
export interface RenderBody {
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
}

export type HostToWebview =
  | ({
      type: 'render';
      /** Increases with every render of this panel; the webview ignores stale ones. */
      version: number;
      /**
       * A long post's HTML in parts: `html` is the first, `renderPart` messages of this version bring
       * the others in order (each after the page acknowledged the one before). Absent: one part.
       */
      parts?: number;
    } & RenderBody)
  /** Part `part` (1-based after the render message's own) of a render's HTML: whole top-level elements. */
  | { type: 'renderPart'; version: number; part: number; html: string }
  /**
   * The panel now shows another post (preview tab following the Series view): start a fresh page.
   * `preloaded`: the page holds that post's first screens (a `preload` message, id `id`) — show them
   * as render `version` at once; a page that does not hold them answers `preloadMissing`.
   */
  | { type: 'showPost'; uri: string; preloaded?: { id: number; version: number } }
  /**
   * The first screens of a post the reader is likely to show next (a series neighbour), sent while
   * the page is idle and kept by the page (the newest PRELOADS_KEPT) until a showPost names them.
   */
  | { type: 'preload'; id: number; uri: string; body: RenderBody }
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
  /** The reader's annotations of the post shown (all of them, replacing those sent before). */
  | {
      type: 'annotations';
      uri: string;
      annotations: PreviewAnnotation[];
      colors: string[];
      strings: AnnotationStrings;
      /** Why the post's notes cannot be shown (its notes file does not parse), in the reader's words. */
      problem?: string;
    }
  /** Something the reader asked of an annotation could not be done (message shown in the page). */
  | { type: 'annotationError'; message: string }
  /** The notation of the post at `uri` for the symbol hover, after each full render of it. */
  | { type: 'notation'; uri: string; notation: PreviewNotation }
  /**
   * The post's file is gone (deleted, or moved where no new name was found): the page keeps the post
   * and says `notice` above it, in the reader's words. Without `notice`: the file is back, the notice goes.
   */
  | { type: 'fileGone'; notice?: string };

export type WebviewToHost =
  /** `shown`: the version of the render the page's shell carried, when the page shows it. */
  | { type: 'ready'; restoredLine?: number; shown?: number }
  /** The page did not hold the preloaded first screens a showPost of render `version` named (the host sends them). */
  | { type: 'preloadMissing'; version: number }
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
  /** `line` (0-based): open the post there (a symbol's definition carried from this earlier part), not at the reading place. */
  | { type: 'openPost'; postId: string; line?: number }
  /** `source`: the post's own address from the header, opened on the web even when the library has the post. */
  | { type: 'openLink'; href: string; source?: boolean }
  | { type: 'copyTex'; tex: string }
  | { type: 'navigateSeries'; direction: 'previous' | 'next' }
  | { type: 'showInTree' }
  /** Run a ```kexue-compute block (its text between the fences); parameters only, never code. */
  | { type: 'runBlock'; source: string }
  /** The Cancel button of a running block's card: cancels the job in the helper. */
  | { type: 'cancelBlock'; source: string }
  /** Highlight the selection (and attach a note when `note` is given). */
  | { type: 'annotate'; selection: PageSelection; color?: string; note?: string }
  /** Recolour an annotation or change its note in place. */
  | { type: 'changeAnnotation'; id: string; color?: string; note?: string }
  | { type: 'deleteAnnotation'; id: string }
  /** Copy a link that opens the preview at this place (an annotation's, or a selection's). */
  | { type: 'copyAnnotationLink'; id?: string; selection?: PageSelection };

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
  preload: true,
  annotations: true,
  annotationError: true,
  notation: true,
  fileGone: true,
};
const WEBVIEW_TO_HOST: MessageTypes<WebviewToHost> = {
  ready: true,
  rendered: true,
  preloadMissing: true,
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
  annotate: true,
  changeAnnotation: true,
  deleteAnnotation: true,
  copyAnnotationLink: true,
};

export const isHostToWebview = (value: unknown): value is HostToWebview => hasKnownType(value, HOST_TO_WEBVIEW);
export const isWebviewToHost = (value: unknown): value is WebviewToHost => hasKnownType(value, WEBVIEW_TO_HOST);

/** What the webview keeps through getState/setState so a reloaded window restores the panel. */
export interface PreviewState {
  uri: string;
  line: number;
}
