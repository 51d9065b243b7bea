import * as vscode from 'vscode';
import { buildLibraryGraph, type LibraryGraph } from '../core/graph/libraryGraph';
import type { Library, Post } from '../core/library/model';
import type { GraphPageToHost, HostToGraphPage } from '../core/protocol/graph';
import { PostLookup } from '../library/postLookup';
import { PageLoadWatchdog } from '../webviewPanels/pageLoadWatchdog';
import { graphHtml } from './graphHtml';
import { readPostText } from '../library/postText';

export const GRAPH_VIEW_ID = 'kexueReader.graph';

/** What the view needs of the library: the model and when it changes. */
export interface GraphLibrary {
  ensureIndexed(): Promise<Library>;
  readonly onDidChange: vscode.Event<Library>;
}

/** What the view needs of the previews: which file the focused preview shows, when that may change, how to open a post. */
export interface GraphPreviews {
  activeUri(): vscode.Uri | undefined;
  readonly onDidChangePreviewed: vscode.Event<vscode.Uri>;
  openPost(post: Post): Promise<void>;
}

/**
 * The Library Graph view in the Kexue Reader container: posts as nodes, citations and series order as edges,
 * the current post (focused preview, else active editor) highlighted; a click opens the post's preview.
 */
export class LibraryGraphView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private watchdog: PageLoadWatchdog | undefined;
  private pageReady = false;
  private lookup: PostLookup | undefined;
  private current: string | null = null;
  /** Counts graph builds: a slow build that a newer one overtook is not sent. */
  private generation = 0;
  private readonly drawnEmitter = new vscode.EventEmitter<{ nodes: number; edges: number }>();
  /** The page drew a graph (tests wait on this). */
  readonly onDidDraw = this.drawnEmitter.event;
  lastDrawn: { nodes: number; edges: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: GraphLibrary,
    private readonly previews: GraphPreviews,
    private readonly log: (message: string) => void,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(GRAPH_VIEW_ID, this),
      library.onDidChange(() => void this.sendGraph()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateCurrent()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.updateCurrent()),
      previews.onDidChangePreviewed(() => this.updateCurrent()),
      this.drawnEmitter,
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.pageReady = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
    this.watchdog?.dispose();
    this.watchdog = new PageLoadWatchdog({ get visible() { return view.visible; }, onDidChangeViewState: view.onDidChangeVisibility }, () => {
      this.log(vscode.l10n.t('The Library Graph did not load in time; loading it again.'));
      this.load();
    });
    const subscriptions = [
      view.webview.onDidReceiveMessage((message: GraphPageToHost) => this.onMessage(message)),
      view.onDidChangeVisibility(() => {
        // A hidden view's page is discarded (no retainContextWhenHidden): shown again, it says 'ready' anew.
        if (!view.visible) this.pageReady = false;
      }),
    ];
    view.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      this.watchdog?.dispose();
      this.watchdog = undefined;
      if (this.view === view) this.view = undefined;
    });
    this.load();
  }

  /** Whether the view's page is loaded and has been sent the graph. */
  isReady(): boolean {
    return this.pageReady;
  }

  private load(): void {
    if (!this.view) return;
    this.pageReady = false;
    this.view.webview.html = graphHtml(this.view.webview, this.extensionUri, {
      empty: vscode.l10n.t('No posts in the library yet: open a folder of posts.'),
      label: vscode.l10n.t('Library Graph: posts and the citations between them'),
    });
    this.watchdog?.pageLoading();
  }

  private onMessage(message: GraphPageToHost): void {
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.watchdog?.pageReady();
        void this.sendGraph();
        break;
      case 'drawn':
        this.lastDrawn = { nodes: message.nodes, edges: message.edges };
        this.drawnEmitter.fire(this.lastDrawn);
        break;
      case 'open':
        void this.open(message.postId);
        break;
      default: {
        const unexpected: never = message;
        this.log(`Library Graph: unknown message ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async open(postId: string): Promise<void> {
    const post = this.lookup?.id(postId);
    if (!post) return;
    await this.previews.openPost(post);
    // A listing page's preview holds many posts, so the file alone cannot say which is current: the click does.
    this.current = post.id;
    this.post({ type: 'current', postId: post.id });
  }

  private post(message: HostToGraphPage): void {
    if (this.view && this.pageReady) void this.view.webview.postMessage(message);
  }

  /** Builds the graph from the current library and sends it to the page (only while the page is there). */
  private async sendGraph(): Promise<void> {
    if (!this.view || !this.pageReady) return;
    const generation = ++this.generation;
    const library = await this.library.ensureIndexed();
    const graph = await this.build(library);
    if (generation !== this.generation) return;
    this.lookup = new PostLookup(library);
    this.current = this.currentPostId() ?? this.current;
    this.post({ type: 'graph', graph, current: this.current });
  }

  /** The graph of a library, citations read from each full post's file (a listing entry's excerpt otherwise). */
  async build(library: Library): Promise<LibraryGraph> {
    const texts = new Map<string, string>();
    await Promise.all(library.posts.map(async (post) => texts.set(post.id, await readPostText(post))));
    return buildLibraryGraph(library, (post) => texts.get(post.id) ?? post.summary);
  }

  private currentPostId(): string | null | undefined {
    const uri = this.previews.activeUri() ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || !this.lookup) return undefined;
    return this.lookup.postOfFile(uri.fsPath)?.id;
  }

  private updateCurrent(): void {
    // Focus in the graph itself (or any other view) keeps the last post highlighted.
    const id = this.currentPostId();
    if (id === undefined || id === this.current) return;
    this.current = id;
    this.post({ type: 'current', postId: id });
  }

  /** The post highlighted now, for the tests. */
  currentPost(): string | null {
    return this.current;
  }

  dispose(): void {
    this.watchdog?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
