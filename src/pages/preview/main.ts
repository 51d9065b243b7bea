// Entry of the preview webview. Receives rendered posts from the extension (typed messages) and owns
// everything the reader does inside the page: scrolling, popups, copying, series navigation.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { assertNever } from '../../core/protocol/assertNever';
import { FIRST_RENDER_ID, isHostToWebview, type HostToWebview, type PreviewStrings, type WebviewToHost } from '../../core/protocol/preview';
import { HeldScreens } from './heldScreens';
import { pageTrace } from './pageTrace';
import { renderCitedBy, renderHeader, renderOutline, renderSeriesBar, showOutlineRows } from './chrome';
import { AnnotationLayer } from './annotationLayer';
import { installAnnotationToolbar } from './annotationToolbar';
import { installClicks, texOf, toast } from './clicks';
import { installLocalImageErrors } from './localImageErrors';
import { decorateComputeBlocks, showComputeOutcome } from './computeCards';
import { adoptContent, ContentPatch } from './contentPatcher';
import { installEqrefPopups } from './eqrefPopup';
import { installKeepWatch, resetKeepWatch } from './keepWatch';
import { forgetAim, installScrollSync, scrollToLine, topLine } from './scrollSync';
import { placeSelectionResult, showSelectionResult } from './selectionResult';
import { forgetNotation, installSymbolHover, setNotation } from './symbolHover';
import { post, vscode } from './vscodeApi';

const root = document.getElementById('kexue-preview') as HTMLElement;
const content = document.getElementById('content') as HTMLElement;
const seriesBar = document.getElementById('series-bar') as HTMLElement;
const outline = document.getElementById('outline') as HTMLElement;
const citedBy = document.getElementById('cited-by') as HTMLElement;
const header = document.getElementById('post-header') as HTMLElement;
let uri = root.dataset.uri ?? '';
const strings = JSON.parse(root.dataset.strings ?? '{}') as PreviewStrings;
// The reader's notes: beside the post (or listed above it on a narrow panel), highlights in it.
const notesHost = document.createElement('aside');
notesHost.id = 'kx-notes';
notesHost.hidden = true;
content.before(notesHost);
// Said above the post when its notes cannot be shown (a notes file that does not parse).
const notesProblem = document.createElement('div');
notesProblem.id = 'kx-notes-problem';
notesProblem.setAttribute('role', 'alert');
notesProblem.hidden = true;
notesHost.before(notesProblem);
const annotations = new AnnotationLayer(content, outline, notesHost, notesProblem, uri);
// Said above the post when its file was deleted or moved away (the host found no new name for it).
const fileGone = document.createElement('div');
fileGone.id = 'kx-file-gone';
fileGone.setAttribute('role', 'alert');
fileGone.hidden = true;
notesProblem.before(fileGone);

function showFileGone(notice: string | undefined): void {
  fileGone.textContent = notice ?? '';
  fileGone.hidden = notice === undefined;
}
let firstRender = true;

type RenderMessage = Extract<HostToWebview, { type: 'render' }>;

/** A render whose HTML comes in parts: the parts still to come go into this patch. */
let inParts: { version: number; patch: ContentPatch; next: number; parts: number } | undefined;

/** Decorates the blocks a patch inserted. */
function decorate(nodes: ChildNode[]): void {
  for (const node of nodes) {
    if (!(node instanceof Element)) continue;
    decorateComputeBlocks(node, strings);
    // The number of a display copies its LaTeX on click (clicks.ts): say so where the pointer is.
    for (const tag of node.querySelectorAll<HTMLElement>('.math-display .tag')) tag.title = strings.copyTex;
  }
}

/** Resolves once the browser has painted what is on the page now, after telling the host `message` if any. */
function afterPaint(message?: WebviewToHost): Promise<void> {
  return new Promise((resolve) => {
    // rAF callbacks run just before the frame is laid out and painted; a task queued from one runs after it.
    requestAnimationFrame(() => {
      pageTrace('frame');
      if (message) post(message);
      setTimeout(resolve, 0);
    });
  });
}

/**
 * Puts a render on the page and resolves once the browser has painted it. A long post arrives as
 * its first screens and then the whole page: each render waits for the one before it to be painted,
 * so the first screens are on screen before the whole page is parsed. The whole page of a long post
 * comes in parts (renderPart), each a task of its own, so the page answers the reader in between.
 * `inShell`: the message is the shell's first render, whose HTML the shell already put in #content.
 */
function showRender(message: RenderMessage, inShell = false): Promise<void> {
  // Keep the reader's place through a live edit: remember the top line, patch, go back to it.
  const keepLine = firstRender ? message.line : topLine();
  document.title = message.title;
  renderSeriesBar(seriesBar, message.series, strings);
  renderHeader(header, message.header, strings);
  renderOutline(outline, message.headings, message.equations.filter((e) => e.number).length, message.outlineEquations, strings, () =>
    post({ type: 'wantOutlineRows' }),
  );
  const patch = new ContentPatch(content);
  if (inShell) patch.keepCurrent();
  else decorate(patch.add(message.html));
  const parts = message.parts ?? 1;
  inParts = parts > 1 ? { version: message.version, patch, next: 1, parts } : undefined;
  if (!inParts) patch.finish();
  placeSelectionResult(content);
  renderCitedBy(citedBy, message.citedBy, strings);
  // Replaced blocks lost their highlights, and the outline was built anew.
  annotations.redraw();
  root.dataset.version = String(message.version);
  // A post opens at its top (title below the series bar, not under it) unless a place was asked for.
  if (keepLine !== undefined && (keepLine > 1 || !firstRender)) scrollToLine(keepLine);
  else if (firstRender) window.scrollTo({ top: 0 });
  firstRender = false;
  pageTrace(`in DOM v${message.version}`);
  if (!inParts) return afterPaint({ type: 'rendered', version: message.version });
  // The next part travels while this one is laid out and painted.
  post({ type: 'renderedPart', version: message.version, part: 0 });
  return afterPaint();
}

/** The next part of a render in parts; the last one finishes the patch (and the render is on screen). */
function showRenderPart(message: Extract<HostToWebview, { type: 'renderPart' }>): Promise<void> | undefined {
  if (!inParts || inParts.version !== message.version || inParts.next !== message.part) return undefined;
  decorate(inParts.patch.add(message.html));
  inParts.next++;
  if (inParts.next < inParts.parts) {
    post({ type: 'renderedPart', version: message.version, part: message.part });
    return undefined;
  }
  inParts.patch.finish();
  inParts = undefined;
  placeSelectionResult(content);
  return afterPaint({ type: 'rendered', version: message.version });
}

/**
 * The panel now shows another post (the preview tab follows the Series view): the same page, emptied,
 * so the next render paints without loading a new webview.
 */
function showPost(next: string): void {
  uri = next;
  root.dataset.uri = next;
  delete root.dataset.version;
  inParts = undefined;
  firstRender = true;
  forgetAim();
  forgetNotation();
  resetKeepWatch();
  content.replaceChildren();
  outline.replaceChildren();
  annotations.setUri(next);
  showFileGone(undefined);
  header.replaceChildren();
  renderCitedBy(citedBy, [], strings);
  window.scrollTo({ top: 0 });
  vscode.setState({ uri, line: 0 });
}

let newestVersion = -1;
let lastShown: Promise<void> = Promise.resolve();
/** The first screens of the posts the reader is likely to show next, sent ahead by the host. */
const held = new HeldScreens();

/**
 * Shows another post: from the first screens this page holds when the host named them (no render
 * message to wait for), else emptied for the render that follows.
 */
function showNextPost(message: Extract<HostToWebview, { type: 'showPost' }>): Promise<void> | undefined {
  const body = held.take(message.uri, message.preloaded?.id);
  showPost(message.uri);
  if (!message.preloaded) return undefined;
  if (!body) {
    post({ type: 'preloadMissing', version: message.preloaded.version });
    return undefined;
  }
  return showRender({ type: 'render', version: message.preloaded.version, ...body });
}

/**
 * Shows the render the shell carries (a new panel's first screens) at once, without asking the host.
 * Only on a panel's first load: a page reloaded later (its tab hidden and shown again) may carry a
 * render of another post or an older text, and asks for the current one instead. Returns its version.
 */
function showFirstRender(firstLoad: boolean): number | undefined {
  const block = document.getElementById(FIRST_RENDER_ID);
  block?.remove();
  // The shell's HTML of the first screens is in #content already, parsed with the page (so they show
  // before this script has even loaded); the data block carries the rest of the render.
  decorate(adoptContent(content));
  if (!block || !firstLoad) return undefined;
  const message: unknown = JSON.parse(block.textContent ?? 'null');
  if (!isHostToWebview(message) || message.type !== 'render') return undefined;
  newestVersion = message.version;
  lastShown = showRender(message, message.html === '');
  return message.version;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToWebview(message)) return;
  pageTrace(`got ${message.type}${'version' in message ? ` v${message.version}` : ''}`);
  switch (message.type) {
    case 'render': {
      if (message.version <= newestVersion) return;
      newestVersion = message.version;
      // A render overtaken while it waited for its turn is skipped: only the newest one matters.
      lastShown = lastShown.then(() => (message.version === newestVersion ? showRender(message) : undefined));
      break;
    }
    case 'renderPart':
      lastShown = lastShown.then(() => showRenderPart(message));
      break;
    case 'showPost': {
      // In order with the renders around it: one queued before belongs to the post before.
      const preloaded = message.preloaded?.version;
      if (preloaded !== undefined) newestVersion = Math.max(newestVersion, preloaded);
      lastShown = lastShown.then(() => showNextPost(message));
      break;
    }
    case 'preload':
      held.add(message.uri, message.id, message.body);
      break;
    case 'scrollToLine':
      scrollToLine(message.line);
      break;
    case 'computeResult':
      showComputeOutcome(message.source, { presentation: message.presentation }, strings);
      break;
    case 'computeError':
      showComputeOutcome(message.source, { error: message.message }, strings);
      break;
    case 'selectionResult':
      showSelectionResult(content, message.result, strings);
      break;
    case 'outlineRows':
      // After the render it belongs to (or a newer one, whose own rows follow).
      lastShown = lastShown.then(() => {
        if (message.version === Number(root.dataset.version)) showOutlineRows(outline, message.rows);
      });
      break;
    case 'readingWidth':
      document.documentElement.style.setProperty('--kexue-reading-width', `${message.em}em`);
      annotations.layout();
      break;
    case 'annotations':
      // After the render queued before it: the highlights are drawn over that page.
      lastShown = lastShown.then(() => annotations.receive(message));
      break;
    case 'annotationError':
      toast(message.message);
      break;
    case 'notation':
      // After the render it was built from (and after a showPost queued before it).
      lastShown = lastShown.then(() => setNotation(message.uri, uri, message.notation));
      break;
    case 'fileGone':
      // In order with a showPost queued before it, which takes an earlier post's notice away.
      lastShown = lastShown.then(() => showFileGone(message.notice));
      break;
    default:
      assertNever(message, 'preview page');
  }
});

document.addEventListener('keydown', (event) => {
  // Alt+[ / Alt+] step through the series (also bound in VS Code while the preview has focus).
  if (event.altKey && (event.key === '[' || event.key === ']')) {
    post({ type: 'navigateSeries', direction: event.key === '[' ? 'previous' : 'next' });
    event.preventDefault();
  }
});

installClicks(() => strings);
installLocalImageErrors(() => strings);
installAnnotationToolbar({ content, layer: annotations, texOf, toast, copiedText: () => strings.copied });
installEqrefPopups();
installSymbolHover();
installScrollSync(() => uri);
installKeepWatch();
// The panel's saved place, if it was this post's: series navigation loads another post into the same
// panel, whose saved line belongs to the post before.
const saved = vscode.getState();
const restoredLine = saved?.uri === uri ? saved.line : undefined;
pageTrace('script runs');
const shown = showFirstRender(!saved);
// Saved at once, not only on scroll: a panel the reader never scrolled must still come back after a reload.
vscode.setState({ uri, line: restoredLine ?? 0 });
post({ type: 'ready', restoredLine, shown });
