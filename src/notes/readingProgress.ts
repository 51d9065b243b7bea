// Reading progress: the place in each post (a locator — heading + words, not pixels) saved as the reader
// scrolls the post's preview or its source, restored when the post is next shown (its preview opened
// from the library, or its source in an editor), "Continue Reading", and read / reading / unread per
// post for the Series view. Kept in globalState, synced across machines (setKeysForSync), keyed by the
// post's identity: its blog address, else the library's post id.
//
// "Read": the reader scrolled to the end of the post — the preview's bottom in view after a scroll, or
// the source's last line in view after a scroll that left its first line. A read post stays read (its
// place still follows the reader) until Mark as Unread.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { lineOfLocator, locatorAtLine, offsetOfLocator, type ReadingLocator, type ReadState } from '../core/annotations/index';
import type { Post } from '../core/library/model';
import type { LibraryIndex } from '../library/libraryIndex';

interface Progress {
  state: ReadState;
  locator?: ReadingLocator;
  file?: string;
  updated: string;
}

const PREFIX = 'kexueReader.progress.';
/** The reader's scrolling settles before the place is written (one write per pause, not per frame). */
const SAVE_DELAY_MS = 800;

export function progressKey(post: Post): string {
  const archive = post.url ? /\/archives\/(\d+)/.exec(post.url)?.[1] : undefined;
  return archive ? `archives-${archive}` : `post-${post.id}`;
}

/** A place the reader scrolled to: the file, the 0-based source line at the top, whether the end is in view. */
export interface ScrolledPlace {
  uri: vscode.Uri;
  line: number;
  atEnd: boolean;
}

export class ReadingProgress implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly restored = new Set<string>();
  /** One pending save per file (a preview and its editor may scroll together). */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Writes in flight (tests wait on them). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
    private readonly index: LibraryIndex,
    /** Fires when the reader scrolls a preview (the PreviewManager's onDidScrollPreview). */
    previewScrolled?: vscode.Event<ScrolledPlace>,
  ) {
    this.sync();
    this.disposables.push(
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.editorScrolled(event.textEditor)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.restore(e))),
    );
    if (previewScrolled) this.disposables.push(previewScrolled((place) => this.schedule(place)));
    vscode.window.visibleTextEditors.forEach((e) => this.restore(e));
  }

  private sync(): void {
    this.state.setKeysForSync(this.state.keys().filter((k) => k.startsWith(PREFIX)));
  }

  postOf(uri: vscode.Uri): Post | undefined {
    return this.index.current().posts.find((p) => p.sources.some((s) => s.kind === 'post' && s.file === uri.fsPath));
  }

  stateOf(post: Post): ReadState {
    return this.progressOf(post)?.state ?? 'unread';
  }

  private progressOf(post: Post): Progress | undefined {
    return this.state.get<Progress>(PREFIX + progressKey(post));
  }

  private async write(post: Post, progress: Progress): Promise<void> {
    await this.state.update(PREFIX + progressKey(post), progress);
    this.sync();
    this.changed.fire();
  }

  async mark(post: Post, state: ReadState): Promise<void> {
    const old = this.progressOf(post);
    await this.write(post, { ...old, state, updated: new Date().toISOString() });
  }

  private editorScrolled(editor: vscode.TextEditor): void {
    const top = editor.visibleRanges[0]?.start.line;
    const bottom = editor.visibleRanges[editor.visibleRanges.length - 1]?.end.line;
    if (top === undefined || bottom === undefined) return;
    this.schedule({ uri: editor.document.uri, line: top, atEnd: top > 0 && bottom >= editor.document.lineCount - 1 });
  }

  /** Saves the place once the reader's scrolling pauses; reaching the end is kept even if the last event says otherwise. */
  private schedule(place: ScrolledPlace): void {
    const key = place.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.pendingEnd.set(key, (this.pendingEnd.get(key) ?? false) || place.atEnd);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const atEnd = this.pendingEnd.get(key) ?? false;
        this.pendingEnd.delete(key);
        this.writing = this.writing.then(() => this.savePlace({ ...place, atEnd })).catch(() => undefined);
      }, SAVE_DELAY_MS),
    );
  }

  private readonly pendingEnd = new Map<string, boolean>();

  /** Saves `line` of the file (the reader's place) for the post it holds; a file of no post is ignored. */
  async savePlace(place: ScrolledPlace): Promise<void> {
    const post = this.postOf(place.uri);
    if (!post) return;
    const document = await vscode.workspace.openTextDocument(place.uri);
    const text = document.getText();
    const old = this.progressOf(post);
    const locator = locatorAtLine(text, place.line);
    const state: ReadState = old?.state === 'read' || place.atEnd ? 'read' : 'reading';
    await this.write(post, { state, locator, file: place.uri.fsPath, updated: new Date().toISOString() });
  }

  /** Resolves once the places scrolled to so far are written (tests; a pending debounce is not waited for). */
  settled(): Promise<void> {
    return this.writing;
  }

  /** The text of a post file: the open document's, else the file's (sync: asked while a preview opens). */
  private textOf(uri: vscode.Uri): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return readFileSync(uri.fsPath, 'utf8');
    } catch {
      return undefined;
    }
  }

  /**
   * The 0-based line where the reader left the post in this file, found again by its locator (the
   * words survive edits that line numbers do not); undefined when there is no saved place in this file.
   */
  lineOf(post: Post, uri: vscode.Uri): number | undefined {
    const progress = this.progressOf(post);
    // Progress is the post's, not the file's: a renamed or moved post file still opens at the place.
    // A listing page holds many posts, so only the post's own full text is scrolled to it.
    if (!progress?.locator || !post.sources.some((s) => s.kind === 'post' && s.file === uri.fsPath)) return undefined;
    const text = this.textOf(uri);
    return text === undefined ? undefined : lineOfLocator(text, progress.locator);
  }

  private restore(editor: vscode.TextEditor): void {
    const key = editor.document.uri.toString();
    if (this.restored.has(key)) return;
    const post = this.postOf(editor.document.uri);
    if (!post) return;
    this.restored.add(key);
    const locator = this.progressOf(post)?.locator;
    if (!locator) return;
    const position = editor.document.positionAt(offsetOfLocator(editor.document.getText(), locator));
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  }

  /** The post read most recently (its file and the 0-based line of its place), for Continue Reading. */
  lastRead(): { file: string; line: number } | undefined {
    let best: { key: string; progress: Progress } | undefined;
    for (const key of this.state.keys().filter((k) => k.startsWith(PREFIX))) {
      const progress = this.state.get<Progress>(key);
      if (progress?.file && (!best || progress.updated > best.progress.updated)) best = { key, progress };
    }
    if (!best?.progress.file) return undefined;
    // The post's full text where the library has it now (the file may have been renamed), else the file it was read in.
    const post = this.index.current().posts.find((p) => PREFIX + progressKey(p) === best.key);
    const file = post?.sources.find((s) => s.kind === 'post')?.file ?? best.progress.file;
    const locator = best.progress.locator;
    const text = locator && this.textOf(vscode.Uri.file(file));
    return { file, line: locator && text !== undefined ? lineOfLocator(text, locator) : 0 };
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
