// Reading progress: the place in each post (a locator — heading + words, not pixels) saved as the reader
// scrolls the post's source, restored when the post is next shown, "Continue Reading", and read /
// reading / unread per post for the Series view. Kept in globalState, synced across machines
// (setKeysForSync), keyed by the post's identity: its blog address, else the library's post id.
import * as vscode from 'vscode';
import { locatorAt, offsetOfLocator, type ReadingLocator, type ReadState } from '../core/annotations/index';
import type { Post } from '../core/library/model';
import type { LibraryIndex } from '../library/libraryIndex';

interface Progress {
  state: ReadState;
  locator?: ReadingLocator;
  file?: string;
  updated: string;
}

const PREFIX = 'kexueReader.progress.';

export function progressKey(post: Post): string {
  const archive = post.url ? /\/archives\/(\d+)/.exec(post.url)?.[1] : undefined;
  return archive ? `archives-${archive}` : `post-${post.id}`;
}

export class ReadingProgress implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly restored = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
    private readonly index: LibraryIndex,
  ) {
    this.sync();
    this.disposables.push(
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.scheduleSave(event.textEditor)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.restore(e))),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.restore(e));
  }

  private sync(): void {
    this.state.setKeysForSync(this.state.keys().filter((k) => k.startsWith(PREFIX)));
  }

  postOf(uri: vscode.Uri): Post | undefined {
    return this.index.current().posts.find((p) => p.sources.some((s) => s.kind === 'post' && s.file === uri.fsPath));
  }

  stateOf(post: Post): ReadState {
    return this.state.get<Progress>(PREFIX + progressKey(post))?.state ?? 'unread';
  }

  private async write(post: Post, progress: Progress): Promise<void> {
    await this.state.update(PREFIX + progressKey(post), progress);
    this.sync();
    this.changed.fire();
  }

  async mark(post: Post, state: ReadState): Promise<void> {
    const old = this.state.get<Progress>(PREFIX + progressKey(post));
    await this.write(post, { ...old, state, updated: new Date().toISOString() });
  }

  private scheduleSave(editor: vscode.TextEditor): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(editor), 800);
  }

  /** Saves where the top of the editor is (the reader's place) for the post it shows. */
  async save(editor: vscode.TextEditor): Promise<void> {
    const post = this.postOf(editor.document.uri);
    const top = editor.visibleRanges[0]?.start;
    if (!post || !top) return;
    const old = this.state.get<Progress>(PREFIX + progressKey(post));
    const locator = locatorAt(editor.document.getText(), editor.document.offsetAt(top));
    await this.write(post, { state: old?.state === 'read' ? 'read' : 'reading', locator, file: editor.document.uri.fsPath, updated: new Date().toISOString() });
  }

  private restore(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    if (this.restored.has(key)) return;
    const post = this.postOf(editor.document.uri);
    if (!post) return;
    this.restored.add(key);
    const locator = this.state.get<Progress>(PREFIX + progressKey(post))?.locator;
    if (!locator) return;
    const position = editor.document.positionAt(offsetOfLocator(editor.document.getText(), locator));
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  }

  /** The post read most recently (with its file), for Continue Reading. */
  lastRead(): { file: string; locator?: ReadingLocator } | undefined {
    let best: Progress | undefined;
    for (const key of this.state.keys().filter((k) => k.startsWith(PREFIX))) {
      const progress = this.state.get<Progress>(key);
      if (progress?.file && (!best || progress.updated > best.updated)) best = progress;
    }
    return best?.file ? { file: best.file, locator: best.locator } : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
