// The preview panel of one post: renders it (whole or in slices), shows other posts in the same page, and answers the page's messages.
import * as vscode from 'vscode';
import { assertNever } from '../core/protocol/assertNever';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from '../core/protocol/preview';
import { firstScreen } from '../core/render/firstScreen';
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderOptions, RenderResult } from '../core/render/types';
import type { Post } from '../core/library/model';
import type { PostLookup } from '../library/postLookup';
import { OutlineRows } from './outlineEquations';
import { renderContentOf } from './renderContent';
import { NeighbourPreloads } from './neighbourPreloads';
import { clickTrace } from './clickTrace';
import { EditorScrollSync } from './editorScrollSync';
import { PaintTiming } from './paintTiming';
import { messageWithLocalImages } from './previewImages';
import { PreviewPageLoad } from './previewPageLoad';
import { postSafely } from '../webviewPanels/postSafely';
import { openDocumentLater, previewText, previewTextNow } from './previewText';
import { RenderSender } from './renderSender';
import { ShownFile } from './shownFile';
import { renderInSlices, settled } from './slicedRender';
import { previewTabTitle } from './tabTitle';
import type { PageRequest, PostPreviewDeps } from './postPreviewDeps';

const EDIT_DEBOUNCE_MS = 150;

/**
 * One preview panel showing one post file. It re-renders on edits (debounced; the PostRenderer caches
 * every formula so only changed blocks cost anything) and keeps the editor and itself scrolled together.
 */
export class PostPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** One renderer per panel (its caches make re-renders cheap); a warmed one when the post was warmed. */
  private rendererPromise: Promise<PostRenderer> | undefined;
  /** The page: its loads, its shell's first screens, whether it said 'ready' (previewPageLoad.ts). */
  private readonly page: PreviewPageLoad;
  private readonly outlineRows = new OutlineRows();
  private pending: NodeJS.Timeout | undefined;
  private readonly scrollSync: EditorScrollSync;
  private readonly disposed = new vscode.EventEmitter<void>();
  private isDisposed = false;
  readonly onDidDispose = this.disposed.event;
  private readonly requested = new vscode.EventEmitter<PageRequest>();
  /** The page asked for something only the manager can do (open a post, run a block, keep the tab …). */
  readonly onDidRequest = this.requested.event;
  private readonly pageLoaded = new vscode.EventEmitter<void>();
  /** A (re)loaded page has been sent its render: what else it shows (an editor's compute result) goes now. */
  readonly onDidLoadPage = this.pageLoaded.event;
  /** The last render, for tests and for "Cited by" bookkeeping. */
  lastResult: RenderResult | undefined;
  private readonly rendered = new vscode.EventEmitter<RenderResult>();
  readonly onDidRender = this.rendered.event;
  private readonly stalled = new vscode.EventEmitter<{ line: number | undefined }>();
  /** The page never loaded, even after loading it again: the manager opens the post in a new panel. */
  readonly onDidStall = this.stalled.event;
  /** The source line the reader last had at the top of the page (or the one it was opened at). */
  private readingLine: number | undefined;
  private readonly scrolled = new vscode.EventEmitter<{ line: number; atEnd: boolean }>();
  /** The reader scrolled the page (not our own scroll): the source line now at its top, and whether the end is in view. */
  readonly onDidScroll = this.scrolled.event;
  /** What the page has been sent, painted and taken. */
  private readonly sender = new RenderSender((message) => this.post(message));
  /** Fires with the render version once the webview has it on screen. */
  readonly onDidPaint = this.sender.acks.onDidPaint;
  private readonly timing = new PaintTiming();
  /**
   * The post was just shown in this panel (a click, a new page): its whole render goes in slices a
   * click can come between (slicedRender.ts). Edits re-render whole: their formulas are cached.
   */
  private sliceNext = true;
  /** The series neighbours' first screens the page holds (sent ahead of a click on one of them). */
  private readonly preloads: NeighbourPreloads;
  /** The post shown now has not yet had its next part preloaded (done once its first screens are up). */
  private neighboursDue = true;
  /** Counts the posts shown (and shows retried): a render for an earlier one stops. */
  private shows = 0;
  /** The render version of a post shown from a preload, until the page painted it or said it lacks it. */
  private heldVersion: number | undefined;
  /** The text last shown, and whether the file went (renamed or deleted outside VS Code). */
  readonly file = new ShownFile((message) => this.post(message), () => this.scheduleRender());

  constructor(
    readonly panel: vscode.WebviewPanel,
    private uri: vscode.Uri,
    private readonly deps: PostPreviewDeps,
    private initialLine?: number,
    replacesStalled = false,
  ) {
    this.preloads = new NeighbourPreloads(deps, (message) => this.post(message));
    this.page = new PreviewPageLoad({
      panel,
      deps,
      uri: () => this.uri,
      initialLine: () => this.initialLine,
      isDisposed: () => this.isDisposed,
      renderer: () => this.renderer(),
      nextVersion: () => this.sender.nextVersion(),
      showTitle: (post, result) => this.showTitle(post, result),
      forgetPage: () => {
        this.sliceNext = true;
        this.neighboursDue = true;
        this.preloads.clear();
        this.sender.forgetPage();
      },
      stalled: () => this.stalled.fire({ line: this.readingLine ?? this.initialLine }),
      replacesStalled,
    });
    this.scrollSync = new EditorScrollSync(() => this.uri, (message) => this.post(message));
    this.page.configure();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isWebviewToHost(message)) return;
        this.handleMessage(message).catch((error: unknown) => deps.log(vscode.l10n.t('The preview of {0} failed: {1}', this.uri.fsPath, error instanceof Error ? error.message : String(error))));
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() !== this.uri.toString() || event.contentChanges.length === 0) return;
        // An edit keeps the tab, as VS Code keeps an edited preview editor.
        this.requested.fire({ type: 'keep' });
        this.scheduleRender();
      }),
      this.scrollSync,
      deps.library.onDidChange(() => {
        if (!this.file.isGone) this.scheduleRender();
      }),
      this.page,
    );
  }

  get documentUri(): vscode.Uri {
    return this.uri;
  }

  /** Milliseconds from opening the panel to the first render on screen. */
  get firstPaintMs(): number | undefined {
    return this.timing.firstPaintMs;
  }

  /** Milliseconds from showDocument to the new post's first render on screen (the page reused). */
  get showPaintMs(): number | undefined {
    return this.timing.showPaintMs;
  }

  /**
   * Shows another post in this panel (series navigation, the preview tab following the Series view)
   * instead of stacking up new tabs. A page that is up is reused: it is told to empty itself and gets
   * the new post's first screens, with no new webview to load; the renderer and its formula cache too.
   */
  showDocument(uri: vscode.Uri, line?: number): void {
    this.uri = uri;
    this.initialLine = line;
    this.readingLine = undefined;
    this.timing.showStarted(this.sender.version);
    this.sliceNext = true;
    this.neighboursDue = true;
    this.heldVersion = undefined;
    this.file.reset();
    const show = ++this.shows;
    const warmed = this.deps.warmer.take(uri);
    if (warmed) {
      const own = this.rendererPromise;
      this.rendererPromise = warmed.then((renderer) => renderer ?? own ?? this.deps.renderers.newRenderer());
    }
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    clickTrace(`showDocument ${uri.path.split('/').pop()} pageReady=${this.page.isReady} held=${this.preloads.holds(uri)}`);
    if (this.page.needsLoad(uri)) {
      this.page.configure();
      return;
    }
    this.sender.forgetPage();
    this.sender.forgetSent();
    if (this.preloads.holds(uri)) {
      this.showPreloaded(uri, line, show).catch((error: unknown) => this.deps.log(vscode.l10n.t('The preview of {0} failed: {1}', uri.fsPath, error instanceof Error ? error.message : String(error))));
      return;
    }
    this.post({ type: 'showPost', uri: uri.toString() });
    this.renderInBackground(line);
  }

  /**
   * Shows a post whose first screens the page holds (preloadNeighbours): after checking they were
   * rendered from the post's text as it is now (and the same macros, library and landing line), the
   * page is told to swap them in — a message of a few bytes instead of the screens themselves. Else
   * the page is sent them as for any other post.
   */
  private async showPreloaded(uri: vscode.Uri, line: number | undefined, show: number): Promise<void> {
    const text = previewTextNow(uri) ?? (await previewText(uri).catch(() => undefined));
    if (this.shows !== show || this.isDisposed) return;
    const held = text === undefined ? undefined : this.preloads.take(uri, text, line);
    clickTrace(held ? `showPost preloaded id=${held.id}` : 'preload stale: first screens sent');
    if (!held) {
      this.post({ type: 'showPost', uri: uri.toString() });
      this.renderInBackground(line);
      return;
    }
    const version = this.sender.nextVersion();
    this.heldVersion = version;
    this.post({ type: 'showPost', uri: uri.toString(), preloaded: { id: held.id, version } });
    this.sender.adopt({ type: 'render', version, ...held.body });
    this.panel.title = previewTabTitle(uri, held.body.title || undefined, this.deps.library.lookupIfIndexed(), line);
    this.renderInBackground(line);
  }

  /** The tab's title: the post's, as soon as part of it is on screen (the rest may be a while). */
  private showTitle(post: Post | undefined, result: RenderResult): void {
    this.panel.title = previewTabTitle(this.uri, post?.title ?? result.meta.title, this.deps.library.lookupIfIndexed(), this.initialLine);
  }

  private scheduleRender(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.renderInBackground();
    }, EDIT_DEBOUNCE_MS);
  }

  /** A render nobody awaits: a failure (the file deleted, say) is logged, never an unhandled rejection. */
  private renderInBackground(line?: number): void {
    this.render(line).catch((error: unknown) => this.deps.log(vscode.l10n.t('The preview of {0} failed: {1}', this.uri.fsPath, error instanceof Error ? error.message : String(error))));
  }

  /** Resolves with the whole render sent, or undefined when the panel moved on to another post first. */
  async render(line?: number): Promise<RenderResult | undefined> {
    // The panel may be given another post while this render waits (the preview tab following the
    // Series view), or be closed: a render of the post before then stops instead of sending it.
    const uri = this.uri;
    const show = this.shows;
    const stale = (): boolean => this.isDisposed || this.shows !== show || this.uri.toString() !== uri.toString();
    const text = await this.file.textOf(async () => previewTextNow(uri) ?? (await previewText(uri)));
    const renderer = await this.renderer();
    // The first paint does not wait for the library index (a preview restored at start-up races the
    // indexing): it goes out without 《title》 links, series bar and Cited by, and the index's change
    // event, when the indexing ends, renders the page again with them.
    let lookup = this.deps.library.lookupIfIndexed();
    if (!lookup) {
      const indexing = this.deps.library.lookup();
      if (this.sender.version > 0) lookup = await indexing;
      else indexing.catch(() => undefined); // a failed indexing is reported by the index itself
    }
    if (stale()) return undefined;
    this.file.text = text;
    const macros = this.deps.renderers.macros();
    const options: RenderOptions = { macros, resolveTitle: lookup && ((title) => lookup.title(title)) };
    const post = lookup?.postOfFile(this.uri.fsPath);
    // A page that shows nothing yet gets a long post's first screens at once, the rest right after
    // (the second render reuses every formula of the first from the renderer's cache).
    const lines = this.sender.pageHasContent ? undefined : firstScreen(text, line);
    if (lines) {
      const head = renderer.render(text, { ...options, lines });
      if (head.partial) {
        const version = this.sender.sendFirstScreens(renderContentOf(head, post, lookup, []), line);
        this.showTitle(post, head);
        // The rest of a long post (megabytes of HTML) waits until the first screens are on screen:
        // sent at once, it queues behind them in the window's one pipe to the page and keeps the
        // page busy parsing while the reader waits for the first formula (a hidden page paints
        // nothing, hence the time limit).
        await this.sender.acks.paintOf(version);
        if (stale()) return undefined;
      }
    }
    if (this.neighboursDue && this.sender.pageHasContent) {
      // The reader of a series most often clicks the next part: once this post's first screens are
      // up (sent just now, in the page's shell, or preloaded), the next part's are rendered and sent
      // into the page, before the rest of this post. Only that one: a warm-up is one synchronous
      // render a click may have to wait for (the previous part follows once this post is whole).
      // The rest of this post waits for it (a reader clicking through a series goes faster than the
      // whole render of a long post); it is one first-screens render, started at once.
      this.neighboursDue = false;
      await this.preloadNeighbours(post, lookup, ['next'], 0);
      if (stale()) return undefined;
    }
    const key = { file: uri.toString(), text, macros, library: lookup };
    let result = this.deps.posts.get(key);
    if (!result) {
      // A post just shown: the slices wait until the reader has stayed on it a moment (one
      // clicking through a series leaves before, and its whole render would be work for nothing
      // that a click waits behind), then fill its caches a slice at a time, so that a click on the
      // next post is served between slices and this render stops there.
      if (this.sliceNext) {
        // (A page with nothing on it yet — a short post, sent whole — does not wait.)
        if (this.sender.pageHasContent && !(await settled(stale))) return undefined;
        if (!(await renderInSlices(renderer, text, options, stale))) return undefined;
      }
      result = renderer.render(text, options);
      this.deps.posts.set(key, result);
    }
    this.sliceNext = false;
    const content = renderContentOf(result, post, lookup, post && lookup ? await this.deps.library.citedBy(post) : []);
    if (stale()) return undefined;
    this.lastResult = result;
    this.showTitle(post, result);
    const rows = this.outlineRows.of(result.equations, macros);
    if (rows) content.outlineEquations = rows;
    clickTrace(`whole render done ${(content.html.length / 1024).toFixed(0)} KB html`);
    this.sender.sendWhole(content, result.blockEnds, line, stale);
    this.rendered.fire(result);
    openDocumentLater(uri);
    void this.preloadNeighbours(post, lookup);
    // Formulas KaTeX refused showed as placeholders while MathJax loaded (kept off the first
    // paint): once it is in, render again — only those formulas are new work.
    if (result.stats.pendingFallbacks > 0) void renderer.fallbackReady().then(() => this.scheduleRender());
    return result;
  }

  private renderer(): Promise<PostRenderer> {
    return (this.rendererPromise ??= this.deps.renderers.newRenderer());
  }

  /** Sends the series neighbours' first screens into the page (NeighbourPreloads), while it shows this post. */
  private preloadNeighbours(post: Post | undefined, lookup: PostLookup | undefined, which: ReadonlyArray<'next' | 'previous'> = ['next', 'previous'], delayMs?: number): Promise<void> {
    const shown = this.uri;
    const loads = this.page.loads;
    const stillShowing = () => !this.isDisposed && this.page.loads === loads && this.page.isReady && this.uri.toString() === shown.toString();
    return this.preloads.send(post, lookup, { shown, stillShowing }, which, delayMs);
  }

  /** Everything the webview asks for arrives here (public so tests can speak for the webview). */
  async handleMessage(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        clickTrace(`ready shown=${message.shown}`);
        this.page.ready();
        this.sender.forgetPage();
        // A page loaded anew holds no preloads.
        this.preloads.clear();
        this.neighboursDue = true;
        // The page shows the first render its shell carried: the render below is the rest.
        if (message.shown !== undefined && message.shown === this.page.firstRender?.version) this.sender.adopt(this.page.firstRender);
        await this.render(message.restoredLine ?? this.initialLine);
        this.file.pageLoaded();
        this.pageLoaded.fire();
        break;
      case 'rendered':
        clickTrace(`rendered v${message.version}`);
        this.timing.rendered(message.version);
        this.sender.acks.rendered(message.version);
        break;
      case 'preloadMissing':
        // The page lost what it held (it was loaded anew meanwhile): it gets the first screens sent.
        if (message.version !== this.heldVersion) break;
        this.heldVersion = undefined;
        this.preloads.clear();
        this.shows++;
        this.sender.forgetPage();
        this.sender.forgetSent();
        this.renderInBackground(this.initialLine);
        break;
      case 'renderedPart':
        this.sender.acks.partTaken(message.version, message.part);
        break;
      case 'revealLine':
        this.scrollSync.revealInEditors(message.line);
        this.readingLine = message.line;
        this.scrolled.fire({ line: message.line, atEnd: message.atEnd === true });
        break;
      case 'wantOutlineRows': {
        this.outlineRows.want();
        const version = this.sender.lastSentVersion;
        const rows = this.lastResult && this.outlineRows.of(this.lastResult.equations, this.deps.renderers.macros());
        if (rows && version !== undefined) this.post({ type: 'outlineRows', version, rows });
        break;
      }
      case 'copyTex':
        await vscode.env.clipboard.writeText(message.tex);
        break;
      case 'keep':
      case 'openPost':
      case 'openLink':
      case 'navigateSeries':
      case 'showInTree':
      case 'runBlock':
      case 'cancelBlock':
      case 'annotate':
      case 'changeAnnotation':
      case 'deleteAnnotation':
      case 'copyAnnotationLink':
        this.requested.fire(message);
        break;
      default:
        assertNever(message, 'preview page');
    }
  }

  post(message: HostToWebview): void {
    // A panel closed while a render or result was on its way: there is no page to tell.
    if (this.isDisposed) return;
    void postSafely(this.panel.webview, messageWithLocalImages(message, this.panel.webview, this.uri));
  }

  dispose(): void {
    this.isDisposed = true;
    if (this.pending) clearTimeout(this.pending);
    this.disposed.fire();
    this.disposed.dispose();
    this.requested.dispose();
    this.pageLoaded.dispose();
    this.rendered.dispose();
    this.stalled.dispose();
    this.sender.dispose();
    this.scrolled.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }
}
