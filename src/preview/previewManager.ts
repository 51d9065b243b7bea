import * as vscode from 'vscode';
import type { Post } from '../core/library/model';
import { assertNever } from '../core/protocol/assertNever';
import type { PreviewState } from '../core/protocol/preview';
import type { ComputeApi } from '../compute/computeApi';
import type { LibraryIndex } from '../library/libraryIndex';
import type { ProblemLog } from '../library/problemLog';
import { archiveId, decideLink } from './linkPolicy';
import { PreviewCompute } from './previewCompute';
import { IndexedPreviewLibrary, type PreviewLibrary } from './previewLibrary';
import { SettingsPreviewRenderers, type PreviewRenderers } from './previewRenderers';
import { PostPreview, PREVIEW_VIEW_TYPE, type PageRequest, type PostPreviewDeps } from './postPreview';

/** Owns the preview panels: one per post file, restored after a reload by the serializer. */
export class PreviewManager implements vscode.WebviewPanelSerializer<PreviewState>, vscode.Disposable {
  private readonly previews = new Map<string, PostPreview>();
  /** The library and the renderers the previews use (Export Post as HTML renders with the same). */
  readonly library: PreviewLibrary;
  readonly renderers: PreviewRenderers;
  private readonly deps: PostPreviewDeps;
  /** Runs the pages' kexue-compute blocks and shows the editor's results (public for tests). */
  readonly compute: PreviewCompute;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    index: LibraryIndex,
    private readonly problemLog: ProblemLog,
    compute: ComputeApi | undefined,
    private readonly revealPost: (post: Post) => Promise<void>,
  ) {
    this.library = new IndexedPreviewLibrary(index);
    this.renderers = new SettingsPreviewRenderers();
    this.deps = { extensionUri, library: this.library, renderers: this.renderers, log: (message) => problemLog.info(message) };
    this.compute = new PreviewCompute(compute);
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      this.compute,
      // A result computed in the editor shows in the preview of its file too.
      this.compute.onDidChangeResult((uri) => {
        const preview = this.previews.get(uri);
        if (preview) this.compute.sendEditorResult(preview);
      }),
    );
  }

  /** Opens (or reveals) the preview of a post file. */
  async open(uri: vscode.Uri, column: vscode.ViewColumn, line?: number): Promise<PostPreview> {
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(column, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Preview'), { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
    });
    return this.adopt(panel, uri, line);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    if (!state?.uri) {
      panel.dispose();
      return;
    }
    this.adopt(panel, vscode.Uri.parse(state.uri), state.line);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, line?: number): PostPreview {
    const preview = new PostPreview(panel, uri, this.deps, line);
    preview.onDidRequest((request) => {
      this.serve(preview, request).catch((error: unknown) => this.problemLog.info(vscode.l10n.t('The preview of {0} failed: {1}', preview.documentUri.fsPath, error instanceof Error ? error.message : String(error))));
    });
    preview.onDidLoadPage(() => this.compute.sendEditorResult(preview));
    this.track(preview);
    return preview;
  }

  /** What a page asked for that its panel cannot do alone. */
  private async serve(preview: PostPreview, request: PageRequest): Promise<void> {
    switch (request.type) {
      case 'openPost':
        return this.openPost(request.postId, preview);
      case 'openLink':
        return this.openLink(request.href);
      case 'navigateSeries':
        return this.navigateSeries(preview, request.direction);
      case 'showInTree':
        return this.revealInTree(preview.documentUri);
      case 'runBlock':
        return this.compute.run(request.source, preview);
      case 'cancelBlock':
        return this.compute.cancel(request.source);
      default:
        assertNever(request, 'preview request');
    }
  }

  private track(preview: PostPreview): void {
    const key = preview.documentUri.toString();
    this.previews.set(key, preview);
    preview.onDidDispose(() => {
      for (const [k, p] of this.previews) if (p === preview) this.previews.delete(k);
    });
  }

  previewOf(uri: vscode.Uri): PostPreview | undefined {
    return this.previews.get(uri.toString());
  }

  /** The file that shows a post best: its full text when the library has it, else the listing page. */
  sourceOf(post: Post): { uri: vscode.Uri; line: number } | undefined {
    const source = post.sources.find((s) => s.kind === 'post') ?? post.sources[0];
    return source && { uri: vscode.Uri.file(source.file), line: source.line - 1 };
  }

  async openPost(postId: string, from: PostPreview): Promise<void> {
    const post = (await this.library.lookup()).id(postId);
    const source = post && this.sourceOf(post);
    if (!source) return;
    await this.open(source.uri, from.panel.viewColumn ?? vscode.ViewColumn.Active, source.line);
  }

  async openLink(href: string): Promise<void> {
    const decision = decideLink(href);
    if (decision.kind === 'refused') {
      this.problemLog.info(vscode.l10n.t('Refused to open a link from a post ({0}): {1}', decision.reason, href));
      void vscode.window.showWarningMessage(vscode.l10n.t('Kexue Reader did not open “{0}”: {1}', href.slice(0, 80), decision.reason));
      return;
    }
    // A link to a post of the blog that the library holds opens our copy.
    const id = archiveId(decision.url);
    const local = id ? (await this.library.lookup()).library.posts.find((p) => p.url && archiveId(p.url) === id) : undefined;
    const source = local && this.sourceOf(local);
    if (source) {
      await this.open(source.uri, vscode.ViewColumn.Active, source.line);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(decision.url, true));
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
    this.previews.delete(preview.documentUri.toString());
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
  }
}
