// The Compute Results webview: headline, formulas (KaTeX), table, notes and plots (uPlot), themed by
// the --vscode-* variables. Browser code: checked by src/pages/tsconfig.json (DOM lib), bundled to
// dist/computeWebview.js.
import { assertNever } from '../../core/protocol/assertNever';
import { isResultsHostMessage, type ResultsWebviewMessage, type ResultsWebviewState, type ShowResultMessage } from '../../core/protocol/results';
import { element, renderPresentation, type PresentationView } from '../shared/presentationView';

interface VsCodeApi {
  postMessage(message: ResultsWebviewMessage): void;
  getState(): ResultsWebviewState | undefined;
  setState(state: ResultsWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('results') as HTMLElement;
let view: PresentationView | undefined;

function show(message: ShowResultMessage): void {
  view?.dispose();
  root.replaceChildren(element('h2', undefined, message.title));
  view = renderPresentation(root, message.presentation);
  vscode.setState({ last: message });
  vscode.postMessage({ type: 'rendered', title: message.title, formulas: view.formulas, plots: view.plots, errors: [...view.errors] });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isResultsHostMessage(message)) return;
  // One member today; the switch makes a second one a type error until it is handled here.
  const type = message.type;
  switch (type) {
    case 'show':
      show(message);
      break;
    default:
      assertNever(type, 'results page');
  }
});

const restored = vscode.getState()?.last;
if (restored) show(restored);
else root.append(element('p', 'empty', root.dataset.empty ?? ''));
vscode.postMessage({ type: 'ready' });
