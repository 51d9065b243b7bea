// Loading the preview's page: its webview options, its shell carrying the post's first screens, and the watchdog that reloads a page that never says 'ready'.
import * as vscode from 'vscode';
import type { HostToWebview } from '../core/protocol/preview';
import { firstScreen } from '../core/render/firstScreen';
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderResult } from '../core/render/types';
import type { Post } from '../core/library/model';
import { renderContentOf } from './renderContent';
import { previewHtml } from './previewHtml';
import { withLocalImages } from './previewImages';
import { readingWidthEm } from './previewSettings';
import { previewStrings } from './previewStrings';
import { postRoot, previewWebviewOptions } from './previewWebviewOptions';
import { clickTrace, clickTraceOn, kbOf } from './clickTrace';
import { PageLoadWatchdog, RECREATED_AFTER } from '../webviewPanels/pageLoadWatchdog';
import { previewText, previewTextNow } from './previewText';
import type { PostPreviewDeps } from './postPreviewDeps';

type RenderMessage = Extract<HostToWebview, { type: 'render' }>;

/** What the page load needs of its PostPreview. */
export interface PageLoadHost {
  readonly panel: vscode.WebviewPanel;
  readonly deps: PostPreviewDeps;
  uri(): vscode.Uri;
  initialLine(): number | undefined;
  isDisposed(): boolean;
  renderer(): Promise<PostRenderer>;
  nextVersion(): number;
  showTitle(post: Post | undefined, result: RenderResult): void;
  /** A new page is about to load: what the old one held is gone. */
  forgetPage(): void;
  /** The page never loaded, even after loading it again. */
  stalled(): void;
  /** This panel replaces one whose page never loaded: the watchdog goes on counting from there. */
  readonly replacesStalled: boolean;
}

/** The panel's page: loaded with the post's first screens inside it, reloaded when it stalls. */
export class PreviewPageLoad implements vscode.Disposable {
  /** The page has said 'ready': another post can be shown in it without loading a new page. */
  isReady = false;
  /** The render the page's shell carries (the first screens), and the count of pages loaded. */
  firstRender: RenderMessage | undefined;
  loads = 0;
  /** The folders the page may load from; changing them makes VS Code reload the page. */
  private resourceRoots = '';
  private readonly watchdog: PageLoadWatchdog;

  constructor(private readonly host: PageLoadHost) {
    const { deps } = host;
    this.watchdog = new PageLoadWatchdog(
      host.panel,
      (waitedMs) => {
        deps.log(vscode.l10n.t('The preview of {0} did not load within {1} s; loading it again.', host.uri().fsPath, waitedMs / 1000));
        this.configure();
      },
      host.replacesStalled
        ? undefined
        : (waitedMs) => {
            deps.log(vscode.l10n.t('The preview of {0} did not load within {1} s; opening it in a new panel.', host.uri().fsPath, waitedMs / 1000));
            host.stalled();
          },
      host.replacesStalled ? RECREATED_AFTER : 0,
    );
  }

  /** Showing `uri` needs a new page: none is up yet, or it may not load from the post's root (postRoot). */
  needsLoad(uri: vscode.Uri): boolean {
    return !this.isReady || rootsOf(uri) !== this.resourceRoots;
  }

  /** The page said 'ready'. */
  ready(): void {
    this.watchdog.pageReady();
    this.isReady = true;
  }

  configure(): void {
    this.host.forgetPage();
    this.isReady = false;
    this.firstRender = undefined;
    const { extensionUri } = this.host.deps;
    const uri = this.host.uri();
    this.resourceRoots = rootsOf(uri);
    this.host.panel.webview.options = previewWebviewOptions(extensionUri, uri);
    this.host.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'kexue.svg');
    void this.loadPage(++this.loads);
  }

  /**
   * Loads the page with the post's first screens inside it: the host renders them (a few tens of
   * ms) before the page starts loading, and the page shows them when its script runs, instead of
   * asking for them with 'ready' and waiting for a render message to come back through the window.
   */
  private async loadPage(load: number): Promise<void> {
    const uri = this.host.uri();
    const { panel } = this.host;
    clickTrace(`loadPage ${uri.path.split('/').pop()}`);
    let firstRender: RenderMessage | undefined;
    try {
      firstRender = await this.firstRenderOf(uri);
    } catch {
      // Shown without it: the render on 'ready' reports what went wrong.
    }
    if (load !== this.loads || this.host.isDisposed() || this.host.uri().toString() !== uri.toString()) return;
    this.firstRender = firstRender;
    // Kept as rendered (the sender compares later renders with it); the page gets its images' addresses.
    const shown = firstRender && { ...firstRender, html: withLocalImages(firstRender.html, panel.webview, uri) };
    panel.webview.html = previewHtml(panel.webview, this.host.deps.extensionUri, uri, previewStrings(), readingWidthEm(), shown, clickTraceOn);
    clickTrace(`page html set ${kbOf(panel.webview.html)}`);
    this.watchdog.pageLoading();
  }

  /** The first screens of a long post (a short one whole), as the render message the page shows first. */
  private async firstRenderOf(uri: vscode.Uri): Promise<RenderMessage> {
    const { deps } = this.host;
    const [text, renderer] = await Promise.all([previewTextNow(uri) ?? previewText(uri), this.host.renderer()]);
    const lookup = deps.library.lookupIfIndexed();
    const line = this.host.initialLine();
    const lines = firstScreen(text, line);
    const result = renderer.render(text, { macros: deps.renderers.macros(), resolveTitle: lookup && ((title) => lookup.title(title)), lines });
    const post = lookup?.postOfFile(uri.fsPath);
    if (this.host.uri().toString() === uri.toString()) this.host.showTitle(post, result);
    return { type: 'render', version: this.host.nextVersion(), ...renderContentOf(result, post, lookup, []), line };
  }

  dispose(): void {
    this.watchdog.dispose();
  }
}

function rootsOf(uri: vscode.Uri): string {
  return postRoot(uri).toString();
}
