import * as vscode from 'vscode';
import type { FormulaStore } from '../core/render/katexCache';
import type { Post } from '../core/library/model';
import { assertNever } from '../core/protocol/assertNever';
import type { PreviewState } from '../core/protocol/preview';
import type { ComputeApi } from '../compute/computeApi';
import type { LibraryIndex } from '../library/libraryIndex';
import type { ProblemLog } from '../library/problemLog';
import { clickTrace } from './clickTrace';
import { FirstScreenWarmer } from './firstScreenWarmer';
import { archiveId, decideLink } from './linkPolicy';
import { PostPreview } from './postPreview';
import { isInside, postRoot, PREVIEW_VIEW_TYPE, previewWebviewOptions } from './previewWebviewOptions';
import { previewText } from './previewText';
import { PreviewRenames } from './previewRenames';
import type { PageRequest, PostPreviewDeps } from './postPreviewDeps';
import { PreviewCompute } from './previewCompute';
import type { AnnotatedPreview, AnnotationRequest } from './previewAnnotations';
import { IndexedPreviewLibrary, type PreviewLibrary } from './previewLibrary';
import { SettingsPreviewRenderers, type PreviewRenderers } from './previewRenderers';
import { RenderedPosts } from './renderedPosts';
import { READING_WIDTH_SETTING, readingWidthEm } from './previewSettings';

/** The reader's annotations in the pages (previewAnnotations.ts), set by the composition root. */
export interface PreviewAnnotationLayer {
  attach(preview: AnnotatedPreview): vscode.Disposable;
  handle(preview: AnnotatedPreview, request: AnnotationRequest): Promise<void>;
}

/** Where the reader left each post (reading progress): a post opened from the library opens there. */
export interface ReadingPlaces {
  /** The 0-based source line to open the post file at instead of its start; undefined: its start. */
  lineOf(post: Post, uri: vscode.Uri): number | undefined;
}

/** The reader scrolled a preview: its file, the source line at the top, and whether the end is in view. */
export interface PreviewScroll {
  uri: vscode.Uri;
  line: number;
  atEnd: boolean;
}

/** True while the focused editor is the preview tab that the next click in the Series view replaces. */
const TRANSIENT_CONTEXT = 'kexueReader.transientPreviewActive';

/**
 * Owns the preview panels: one per post file, restored after a reload by the serializer, and the one
 * preview tab that follows the Series view. That tab works like VS Code's preview editors: the next
 * post clicked replaces it (in the same webview, no new page) until the reader keeps it — by scrolling
 * in it for a while, double-clicking in it, editing its post, or "Keep Preview Open". VS Code opens
 * every webview panel pinned, so its title cannot be italic; "Keep Preview Open" shows in its title bar.
 */
export class PreviewManager implements vscode.WebviewPanelSerializer<PreviewState>, vscode.Disposable {
  private readonly previews = new Map<string, PostPreview>();
  /** The preview tab that follows the Series view, until the reader keeps it. */
  private transient: PostPreview | undefined;
  private readonly watched = new WeakSet<PostPreview>();
  private readonly previewedChanged = new vscode.EventEmitter<vscode.Uri>();
  /** A file started or stopped being shown by a preview. */
  readonly onDidChangePreviewed = this.previewedChanged.event;
  private readonly previewScrolled = new vscode.EventEmitter<PreviewScroll>();
  /** The reader scrolled a preview (reading progress saves the place). */
  readonly onDidScrollPreview = this.previewScrolled.event;
  private readingPlaces: ReadingPlaces | undefined;
  /** The library and the renderers the previews use (Export Post as HTML renders with the same). */
  readonly library: PreviewLibrary;
  readonly renderers: PreviewRenderers;
  readonly warmer: FirstScreenWarmer;
  /** Whole rendered posts shown in this window (public for tests). */
  readonly posts = new RenderedPosts();
  /** Runs the pages' kexue-compute blocks and shows the editor's results (public for tests). */
  readonly compute: PreviewCompute;
  private readonly deps: PostPreviewDeps;
  private readonly disposables: vscode.Disposable[] = [];
  private annotationLayer: PreviewAnnotationLayer | undefined;
  /** A renamed post's preview follows it, renamed in VS Code or outside (previewRenames.ts). */
  private readonly renames: PreviewRenames;

  constructor(
    extensionUri: vscode.Uri,
    index: LibraryIndex,
    private readonly problemLog: ProblemLog,
    compute: ComputeApi | undefined,
    private readonly revealPost: (post: Post) => Promise<void>,
    /** Rendered formulas across sessions (the disk cache in the extension's global storage). */
    formulaStore?: FormulaStore,
  ) {
    this.library = new IndexedPreviewLibrary(index);
    const renderers = new SettingsPreviewRenderers(formulaStore);
    this.renderers = renderers;
    this.warmer = new FirstScreenWarmer(() => renderers.newRenderer());
    this.deps = { extensionUri, library: this.library, renderers, warmer: this.warmer, posts: this.posts, sourceOf: (post) => this.sourceOf(post), log: (message) => problemLog.info(message) };
    this.compute = new PreviewCompute(compute);
    this.renames = new PreviewRenames(
      () => new Set(this.previews.values()),
      (preview, uri, line) => {
        this.untrackFile(preview.documentUri.toString());
        preview.showDocument(uri, line);
        this.track(preview);
      },
      index,
    );
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      this.renames,
      this.compute,
      // A result computed in the editor shows in the preview of its file too.
      this.compute.onDidChangeResult((uri) => {
        const preview = this.previews.get(uri);
        if (preview) this.compute.sendEditorResult(preview);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(READING_WIDTH_SETTING)) return;
        const em = readingWidthEm();
        for (const preview of this.previews.values()) preview.post({ type: 'readingWidth', em });
      }),
    );
  }

  /** Shows the reader's annotations in every preview from now on (previews are restored after this is set). */
  setAnnotationLayer(layer: PreviewAnnotationLayer): void {
    this.annotationLayer = layer;
    for (const preview of new Set(this.previews.values())) this.attachAnnotations(preview);
  }

  private attachAnnotations(preview: PostPreview): void {
    if (!this.annotationLayer) return;
    const attached = this.annotationLayer.attach(preview);
    preview.onDidDispose(() => {
      attached.dispose();
    });
  }

  /**
   * Shows a post in the preview tab that follows the Series view: the post's own preview if it has
   * one, else the tab not yet kept (its webview reused), else a new tab that becomes that tab.
   */
  async follow(uri: vscode.Uri, line?: number): Promise<PostPreview> {
    clickTrace(`follow ${uri.path.split('/').pop()}`);
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, true);
      return existing;
    }
    const slot = this.transient;
    if (slot) {
      this.untrackFile(slot.documentUri.toString());
      slot.showDocument(uri, line);
      this.track(slot);
      slot.panel.reveal(slot.panel.viewColumn, true);
      return slot;
    }
    const preview = await this.open(uri, vscode.ViewColumn.Active, line);
    this.transient = preview;
    this.updateTransientContext();
    return preview;
  }

  /** The reader settled in a preview: it is no longer replaced by the next click. */
  keep(preview: PostPreview): void {
    if (this.transient !== preview) return;
    this.transient = undefined;
    this.updateTransientContext();
  }

  /** Whether this preview is the tab the next click in the Series view replaces (tests, commands). */
  isTransient(preview: PostPreview): boolean {
    return this.transient === preview;
  }

  private updateTransientContext(): void {
    const active = this.transient?.panel.active ?? false;
    void vscode.commands.executeCommand('setContext', TRANSIENT_CONTEXT, active);
  }

  /** Opens (or reveals) the preview of a post file; `replacesStalled`: in place of a panel whose page never loaded. */
  async open(uri: vscode.Uri, column: vscode.ViewColumn, line?: number, replacesStalled = false): Promise<PostPreview> {
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(column, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Preview'), { viewColumn: column, preserveFocus: true }, {
      ...previewWebviewOptions(this.deps.extensionUri, uri),
      enableFindWidget: true,
    });
    return this.adopt(panel, uri, line, replacesStalled);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    if (!state?.uri) {
      panel.dispose();
      return;
    }
    this.adopt(panel, vscode.Uri.parse(state.uri), state.line);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, line?: number, replacesStalled = false): PostPreview {
    const preview = new PostPreview(panel, uri, this.deps, line, replacesStalled);
    preview.onDidRequest((request) => {
      this.serve(preview, request).catch((error: unknown) => this.problemLog.info(vscode.l10n.t('The preview of {0} failed: {1}', preview.documentUri.fsPath, error instanceof Error ? error.message : String(error))));
    });
    preview.onDidLoadPage(() => this.compute.sendEditorResult(preview));
    preview.onDidScroll((place) => this.previewScrolled.fire({ uri: preview.documentUri, ...place }));
    this.renames.watch(preview);
    preview.onDidStall(({ line }) => {
      this.reopen(preview, line).catch((error: unknown) => this.problemLog.info(vscode.l10n.t('The preview of {0} failed: {1}', preview.documentUri.fsPath, error instanceof Error ? error.message : String(error))));
    });
    this.attachAnnotations(preview);
    this.track(preview);
    return preview;
  }

  /**
   * Shows the post of a panel whose page never loaded in a new panel in the same place: its webview
   * frame is broken for good (see PageLoadWatchdog). The new panel keeps the old one's role as the
   * tab the Series view replaces.
   */
  private async reopen(preview: PostPreview, line: number | undefined): Promise<void> {
    const uri = preview.documentUri;
    const column = preview.panel.viewColumn ?? vscode.ViewColumn.Active;
    const wasTransient = this.transient === preview;
    preview.panel.dispose();
    const fresh = await this.open(uri, column, line, true);
    if (wasTransient) {
      this.transient = fresh;
      this.updateTransientContext();
    }
  }

  /** What a page asked for that its panel cannot do alone. */
  private async serve(preview: PostPreview, request: PageRequest): Promise<void> {
    switch (request.type) {
      case 'keep':
        return this.keep(preview);
      case 'openPost':
        return this.openPost(request.postId, preview, request.line);
      case 'openLink':
        return this.openLink(request.href, request.source, preview);
      case 'navigateSeries':
        return this.navigateSeries(preview, request.direction);
      case 'showInTree':
        return this.revealInTree(preview.documentUri);
      case 'runBlock':
        return this.compute.run(request.source, preview);
      case 'cancelBlock':
        return this.compute.cancel(request.source);
      case 'annotate':
      case 'changeAnnotation':
      case 'deleteAnnotation':
      case 'copyAnnotationLink':
        return this.annotationLayer?.handle(preview, request);
      default:
        assertNever(request, 'preview request');
    }
  }

  private untrackFile(key: string): void {
    if (this.previews.delete(key)) this.previewedChanged.fire(vscode.Uri.parse(key));
  }

  /** Whether a preview shows this file (its problems stay listed while it does). */
  isPreviewed(uri: vscode.Uri): boolean {
    return this.previews.has(uri.toString());
  }

  private track(preview: PostPreview): void {
    const key = preview.documentUri.toString();
    this.previews.set(key, preview);
    this.previewedChanged.fire(preview.documentUri);
    // A panel that shows another post is tracked under its new file; its listeners stay as they are.
    if (this.watched.has(preview)) return;
    this.watched.add(preview);
    preview.onDidDispose(() => {
      for (const [k, p] of this.previews) if (p === preview) this.untrackFile(k);
      if (this.transient === preview) this.transient = undefined;
      this.updateTransientContext();
    });
    preview.panel.onDidChangeViewState(() => this.updateTransientContext());
  }

  previewOf(uri: vscode.Uri): PostPreview | undefined {
    return this.previews.get(uri.toString());
  }

  /** Posts opened from the library (Series view, links, series navigation) open where the reader left them. */
  setReadingPlaces(places: ReadingPlaces): void {
    this.readingPlaces = places;
  }

  /**
   * The file that shows a post best: its full text when the library has it, else the listing page;
   * and the line to open it at: where the reader left it, else the post's start.
   */
  sourceOf(post: Post): { uri: vscode.Uri; line: number } | undefined {
    const source = this.library.sourceOf(post);
    const resumed = source && this.readingPlaces?.lineOf(post, source.uri);
    return source && resumed !== undefined ? { uri: source.uri, line: resumed } : source;
  }

  /** `line` (0-based): where to open it (a carried definition's line), else the reader's place. */
  async openPost(postId: string, from: PostPreview, line?: number): Promise<void> {
    const post = (await this.library.lookup()).id(postId);
    const source = post && this.sourceOf(post);
    if (!source) return;
    // The page's message is checked, not trusted: a line is a whole number ≥ 0.
    const at = typeof line === 'number' && Number.isInteger(line) && line >= 0 ? line : undefined;
    const opened = await this.open(source.uri, from.panel.viewColumn ?? vscode.ViewColumn.Active, at ?? source.line);
    // A preview already open only comes to the front: scroll it there too (as a search hit does).
    if (at !== undefined) opened.post({ type: 'scrollToLine', line: at });
  }

  async openLink(href: string, ownAddress = false, from?: PostPreview): Promise<void> {
    const decision = decideLink(href);
    const refuse = (reason: string) => {
      this.problemLog.info(vscode.l10n.t('Refused to open a link from a post ({0}): {1}', reason, href));
      void vscode.window.showWarningMessage(vscode.l10n.t('Kexue Reader did not open “{0}”: {1}', href.slice(0, 80), reason));
    };
    if (decision.kind === 'refused') return refuse(decision.reason);
    if (decision.kind === 'post') {
      // Another post beside this one, opened in the preview — only inside the reader's workspace (or,
      // with no workspace, the post's own folder).
      const target = from && vscode.Uri.joinPath(from.documentUri, '..', decision.path);
      if (!from || !target || !isInside(postRoot(from.documentUri), target)) return refuse('not a post in this workspace');
      const found = await vscode.workspace.fs.stat(target).then((stat) => stat.type === vscode.FileType.File, () => false);
      if (!found) return refuse('no such post beside this one');
      const line = decision.fragment === undefined ? undefined : await this.headingLine(target, decision.fragment);
      const opened = await this.open(target, from.panel.viewColumn ?? vscode.ViewColumn.Active, line);
      // A preview already open only comes to the front: scroll it there too.
      if (line !== undefined) opened.post({ type: 'scrollToLine', line });
      return;
    }
    // A link to a post of the blog that the library holds opens our copy (not the post's own address
    // in its header: the reader asked for the original).
    const id = ownAddress ? undefined : archiveId(decision.url);
    const local = id ? (await this.library.lookup()).library.posts.find((p) => p.url && archiveId(p.url) === id) : undefined;
    const source = local && this.sourceOf(local);
    if (source) {
      await this.open(source.uri, vscode.ViewColumn.Active, source.line);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(decision.url, true));
  }

  /** The source line (0-based) of the heading `fragment` names in the post at `uri`; undefined if none does. */
  private async headingLine(uri: vscode.Uri, fragment: string): Promise<number | undefined> {
    try {
      const [text, renderer, { headingForAnchor }] = await Promise.all([previewText(uri), this.deps.renderers.newRenderer(), import('../core/render/headingAnchor')]);
      // Its formulas land in the disk cache the preview about to open reads: the render is not done twice.
      const heading = headingForAnchor(renderer.render(text, { macros: this.deps.renderers.macros() }).headings, fragment);
      return heading && heading.line - 1;
    } catch {
      return undefined; // the post opens at its top; its preview reports what it cannot read
    }
  }

  async navigateSeries(preview: PostPreview, direction: 'previous' | 'next'): Promise<void> {
    const lookup = await this.library.lookup();
    const post = lookup.postOfFile(preview.documentUri.fsPath);
    const neighbours = post && lookup.seriesNeighbours(post);
    const target = direction === 'previous' ? neighbours?.previous : neighbours?.next;
    const source = target && this.sourceOf(target);
    if (!source) return;
    const existing = this.previews.get(source.uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, false);
      return;
    }
    this.untrackFile(preview.documentUri.toString());
    preview.showDocument(source.uri, source.line);
    this.track(preview);
  }

  async revealInTree(uri: vscode.Uri): Promise<void> {
    const post = (await this.library.lookup()).postOfFile(uri.fsPath);
    if (post) await this.revealPost(post);
  }

  /** The preview panel that has focus, if any (series navigation keys, Export). */
  active(): PostPreview | undefined {
    for (const preview of this.previews.values()) if (preview.panel.active) return preview;
    return undefined;
  }

  dispose(): void {
    for (const preview of this.previews.values()) preview.panel.dispose();
    this.previews.clear();
    for (const d of this.disposables) d.dispose();
    this.previewedChanged.dispose();
    this.previewScrolled.dispose();
  }
}
