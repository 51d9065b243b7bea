// The "Compute Results" webview panel: one panel, reused, showing the latest result with KaTeX and uPlot.
// Restored after a reload by a WebviewPanelSerializer from the webview's own state.
import * as vscode from 'vscode';
import type { Presentation } from '../core/compute/presentation';
import type { RenderedMessage, ResultsWebviewMessage, ShowResultMessage } from '../core/compute/resultsMessages';
import { contentSecurityPolicy, nonce } from '../webviewPanels/contentSecurityPolicy';
import { PageLoadWatchdog } from '../webviewPanels/pageLoadWatchdog';

export const RESULTS_VIEW_TYPE = 'kexueReader.computeResults';

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly rendered = new vscode.EventEmitter<RenderedMessage>();
  /** Fires when the webview has drawn a result. */
  readonly onDidRender = this.rendered.event;
  private lastRender: RenderedMessage | undefined;
  /** The result on show, re-sent when the webview (re)loads: a message posted before its script runs is dropped. */
  private current: ShowResultMessage | undefined;
  private readonly disposables: vscode.Disposable[] = [this.rendered];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
    );
  }

  get lastRendered(): RenderedMessage | undefined {
    return this.lastRender;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(title: string, presentation: Presentation): void {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, vscode.l10n.t('Compute Results'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
      this.adopt(panel);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.current = { type: 'show', title, presentation };
    void this.panel?.webview.postMessage(this.current);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'node_modules', 'katex', 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'node_modules', 'uplot', 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    const load = (): void => {
      panel.webview.html = resultsHtml(panel.webview, this.extensionUri);
      watchdog.pageLoading();
    };
    const watchdog = new PageLoadWatchdog(panel, load);
    load();
    const subscriptions = [
      watchdog,
      panel.webview.onDidReceiveMessage((message: ResultsWebviewMessage) => {
        if (message?.type === 'ready') {
          watchdog.pageReady();
          if (this.current) void panel.webview.postMessage(this.current);
        } else if (message?.type === 'rendered') {
          this.lastRender = message;
          this.rendered.fire(message);
        }
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** One script, ours, by nonce; KaTeX and uPlot set inline styles, hence style-src 'unsafe-inline'. */
function resultsHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const n = nonce();
  const asset = (...parts: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  const csp = contentSecurityPolicy(webview, n);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('node_modules', 'katex', 'dist', 'katex.min.css')}">
<link rel="stylesheet" href="${asset('node_modules', 'uplot', 'dist', 'uPlot.min.css')}">
<style>
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 0 1em 2em; }
  h2 { font-weight: 600; margin: 0.8em 0 0.2em; }
  .headline { color: var(--vscode-descriptionForeground); margin-bottom: 1em; }
  .formula { overflow-x: auto; padding: 0.2em 0; font-size: 0.85em; }
  table { border-collapse: collapse; margin: 1em 0; }
  td, th { border: 1px solid var(--vscode-panel-border, #8884); padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
  .note { color: var(--vscode-editorWarning-foreground); }
  .plot { margin: 1em 0; }
  .plot h3 { font-size: 1em; font-weight: 600; margin: 0.3em 0; }
  .error { color: var(--vscode-errorForeground); white-space: pre-wrap; }
  .empty { color: var(--vscode-descriptionForeground); }
  .u-legend { color: var(--vscode-foreground); }
</style>
<title>${vscode.l10n.t('Compute Results')}</title>
</head>
<body>
<div id="results" data-empty="${escapeAttribute(vscode.l10n.t('Run a compute command or a kexue-compute block to see its result here.'))}"></div>
<script nonce="${n}" src="${asset('dist', 'computeWebview.js')}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
