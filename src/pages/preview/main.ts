// Entry of the preview webview. Receives rendered posts from the extension (typed messages) and owns
// everything the reader does inside the page: scrolling, popups, copying, series navigation.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { assertNever } from '../../core/protocol/assertNever';
import { isHostToWebview, type HostToWebview, type PreviewStrings } from '../../core/protocol/preview';
import { renderCitedBy, renderOutline, renderSeriesBar } from './chrome';
import { installClicks } from './clicks';
import { decorateComputeBlocks, showComputeOutcome } from './computeCards';
import { patchContent } from './contentPatcher';
import { installEqrefPopups } from './eqrefPopup';
import { installScrollSync, scrollToLine, topLine } from './scrollSync';
import { placeSelectionResult, showSelectionResult } from './selectionResult';
import { post, vscode } from './vscodeApi';

const root = document.getElementById('kexue-preview') as HTMLElement;
const content = document.getElementById('content') as HTMLElement;
const seriesBar = document.getElementById('series-bar') as HTMLElement;
const outline = document.getElementById('outline') as HTMLElement;
const citedBy = document.getElementById('cited-by') as HTMLElement;
const uri = root.dataset.uri ?? '';
const strings = JSON.parse(root.dataset.strings ?? '{}') as PreviewStrings;
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
  renderOutline(outline, message.headings, message.equations, strings);
  for (const node of patchContent(content, message.html)) if (node instanceof Element) decorateComputeBlocks(node, strings);
  placeSelectionResult(content);
  renderCitedBy(citedBy, message.citedBy, strings);
  root.dataset.version = String(message.version);
  if (keepLine !== undefined && (keepLine > 1 || !firstRender)) scrollToLine(keepLine);
  firstRender = false;
  return new Promise((resolve) => {
    // rAF callbacks run just before the frame is laid out and painted; a task queued from one runs after it.
    requestAnimationFrame(() => {
      post({ type: 'rendered', version: message.version });
      setTimeout(resolve, 0);
    });
  });
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
installEqrefPopups();
installScrollSync(uri);
// The panel's saved place, if it was this post's: series navigation loads another post into the same
// panel, whose saved line belongs to the post before.
const saved = vscode.getState();
const restoredLine = saved?.uri === uri ? saved.line : undefined;
// Saved at once, not only on scroll: a panel the reader never scrolled must still come back after a reload.
vscode.setState({ uri, line: restoredLine ?? 0 });
post({ type: 'ready', restoredLine });
