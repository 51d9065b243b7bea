// Entry of the preview webview. Receives rendered posts from the extension (typed messages) and owns
// everything the reader does inside the page: scrolling, popups, copying, series navigation.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { assertNever } from '../../core/protocol/assertNever';
import { isHostToWebview, type HostToWebview, type PreviewStrings } from '../../core/protocol/preview';
import { renderCitedBy, renderHeader, renderOutline, renderSeriesBar, showOutlineRows } from './chrome';
import { AnnotationLayer } from './annotationLayer';
import { installAnnotationToolbar } from './annotationToolbar';
import { installClicks, texOf, toast } from './clicks';
import { decorateComputeBlocks, showComputeOutcome } from './computeCards';
import { patchContent } from './contentPatcher';
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
const annotations = new AnnotationLayer(content, outline, notesHost, uri);
let firstRender = true;

type RenderMessage = Extract<HostToWebview, { type: 'render' }>;

/**
 * Puts a render on the page and resolves once the browser has painted it. A long post arrives as
 * its first screens and then the whole page: each render waits for the one before it to be painted,
 * so the first screens are on screen before the whole page is parsed.
 */
function showRender(message: RenderMessage): Promise<void> {
  // Keep the reader's place through a live edit: remember the top line, patch, go back to it.
  const keepLine = firstRender ? message.line : topLine();
  document.title = message.title;
  renderSeriesBar(seriesBar, message.series, strings);
  renderHeader(header, message.header, strings);
  renderOutline(outline, message.headings, message.equations.filter((e) => e.number).length, message.outlineEquations, strings, () =>
    post({ type: 'wantOutlineRows' }),
  );
  for (const node of patchContent(content, message.html)) {
    if (!(node instanceof Element)) continue;
    decorateComputeBlocks(node, strings);
    // The number of a display copies its LaTeX on click (clicks.ts): say so where the pointer is.
    for (const tag of node.querySelectorAll<HTMLElement>('.math-display .tag')) tag.title = strings.copyTex;
  }
  placeSelectionResult(content);
  renderCitedBy(citedBy, message.citedBy, strings);
  // Replaced blocks lost their highlights, and the outline was built anew.
  annotations.redraw();
  root.dataset.version = String(message.version);
  // A post opens at its top (title below the series bar, not under it) unless a place was asked for.
  if (keepLine !== undefined && (keepLine > 1 || !firstRender)) scrollToLine(keepLine);
  else if (firstRender) window.scrollTo({ top: 0 });
  firstRender = false;
  return new Promise((resolve) => {
    // rAF callbacks run just before the frame is laid out and painted; a task queued from one runs after it.
    requestAnimationFrame(() => {
      post({ type: 'rendered', version: message.version });
      setTimeout(resolve, 0);
    });
  });
}

/**
 * The panel now shows another post (the preview tab follows the Series view): the same page, emptied,
 * so the next render paints without loading a new webview.
 */
function showPost(next: string): void {
  uri = next;
  root.dataset.uri = next;
  delete root.dataset.version;
  firstRender = true;
  forgetAim();
  forgetNotation();
  resetKeepWatch();
  content.replaceChildren();
  outline.replaceChildren();
  annotations.setUri(next);
  header.replaceChildren();
  renderCitedBy(citedBy, [], strings);
  window.scrollTo({ top: 0 });
  vscode.setState({ uri, line: 0 });
}

let newestVersion = -1;
let lastShown: Promise<void> = Promise.resolve();

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToWebview(message)) return;
  switch (message.type) {
    case 'render': {
      if (message.version <= newestVersion) return;
      newestVersion = message.version;
      // A render overtaken while it waited for its turn is skipped: only the newest one matters.
      lastShown = lastShown.then(() => (message.version === newestVersion ? showRender(message) : undefined));
      break;
    }
    case 'showPost':
      // In order with the renders around it: one queued before belongs to the post before.
      lastShown = lastShown.then(() => showPost(message.uri));
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
      showSelectionResult(content, message.result);
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
installAnnotationToolbar({ content, layer: annotations, texOf, toast, copiedText: () => strings.copied });
installEqrefPopups();
installSymbolHover();
installScrollSync(() => uri);
installKeepWatch();
// The panel's saved place, if it was this post's: series navigation loads another post into the same
// panel, whose saved line belongs to the post before.
const saved = vscode.getState();
const restoredLine = saved?.uri === uri ? saved.line : undefined;
// Saved at once, not only on scroll: a panel the reader never scrolled must still come back after a reload.
vscode.setState({ uri, line: restoredLine ?? 0 });
post({ type: 'ready', restoredLine });
