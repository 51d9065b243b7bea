// The host's one door to the reader's notes: which library a document belongs to, its post identity,
// its notes found again in the document's current text, and every change written through core's
// AnnotationStore (atomic, serial, a corrupt file refused). Views and comment threads listen to
// onDidChange and redraw, so an edit made in one place shows in all.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import {
  AnnotationStore,
  CorruptAnnotationFileError,
  anchorAnnotations,
  applyNoteChange,
  createAnnotation,
  describeRange,
  postIdentity,
  refreshSelectors,
  type AnchoredAnnotation,
  type Annotation,
  type CorruptFile,
  type NoteChange,
  type PostIdentity,
  type TextualBody,
} from '../core/annotations/index';
import { AnnotationFilesOnDisk } from './annotationFilesOnDisk';

export interface PostNotes {
  uri: vscode.Uri;
  /** The post's text the notes were anchored in. */
  text: string;
  identity: PostIdentity;
  entries: AnchoredAnnotation[];
  corrupt?: CorruptFile;
}

export type { NoteChange };

/** How long the text must rest after an edit before the notes are anchored in it again (threads, highlights). */
export const EDIT_PAUSE_MS = 500;

/** What a new annotation holds besides its range. */
export interface NewNote {
  note?: string;
  color?: string;
  tags?: readonly string[];
  /** A pinned definition: motivation `describing` with this describing body (`$W_k$: …`). */
  describing?: string;
}

/**
 * What the reader is told about a post whose notes file does not parse: its notes are not lost (the
 * file is never rewritten), only unreadable until fixed — said in the reader's language, file last.
 */
export function corruptNotesMessage(corrupt: CorruptFile): string {
  return vscode.l10n.t(
    "This post's notes file cannot be read, so its notes are not shown and no note can be added; the file was left untouched. Fix or remove it: {0} ({1})",
    corrupt.file,
    corrupt.message,
  );
}

export class NotesService implements vscode.Disposable {
  private readonly files = new AnnotationFilesOnDisk();
  private readonly stores = new Map<string, AnnotationStore>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fired with the post's document uri after its notes changed (undefined: anything may have). */
  readonly onDidChange = this.changed.event;

  /** The library folder of a file: the nearest folder up to its workspace folder holding `.kexue/`, else the workspace folder. */
  async libraryRoot(uri: vscode.Uri): Promise<string> {
    const workspace = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const own = path.dirname(uri.fsPath);
    for (let dir = own; ; dir = path.dirname(dir)) {
      try {
        if ((await fs.stat(path.join(dir, '.kexue'))).isDirectory()) return dir;
      } catch {
        // not here
      }
      if (dir === workspace || path.dirname(dir) === dir) break;
    }
    return workspace ?? own;
  }

  private async storeFor(uri: vscode.Uri): Promise<AnnotationStore> {
    const root = await this.libraryRoot(uri);
    let store = this.stores.get(root);
    if (!store) this.stores.set(root, (store = new AnnotationStore(this.files, root)));
    return store;
  }

  /** The post's notes found in the document's current text; undefined when the text names no post. */
  notesOf(document: vscode.TextDocument): Promise<PostNotes | undefined> {
    return this.notesOfText(document.uri, document.getText());
  }

  async notesOfText(uri: vscode.Uri, text: string): Promise<PostNotes | undefined> {
    const identity = postIdentity(text);
    if (!identity) return undefined;
    const loaded = await (await this.storeFor(uri)).load(identity);
    return { uri, text, identity, entries: anchorAnnotations(text, loaded.annotations), ...(loaded.corrupt ? { corrupt: loaded.corrupt } : {}) };
  }

  /**
   * Every post of the workspace that has notes (open documents read as they are in the editor).
   * Posts are found by their identity, so a renamed file still shows its notes.
   */
  async allNotes(): Promise<PostNotes[]> {
    const uris = await vscode.workspace.findFiles('**/*.md', '**/{node_modules,.git,.vscode-test,dist,out}/**');
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const posts: PostNotes[] = [];
    const seen = new Set<string>();
    for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
      let text: string;
      try {
        text = open.get(uri.toString())?.getText() ?? (await fs.readFile(uri.fsPath, 'utf8'));
      } catch {
        continue;
      }
      const notes = await this.notesOfText(uri, text);
      if (!notes || seen.has(notes.identity.key) || (notes.entries.length === 0 && !notes.corrupt)) continue;
      seen.add(notes.identity.key);
      posts.push(notes);
    }
    return posts;
  }

  private async identityOf(document: vscode.TextDocument): Promise<PostIdentity> {
    const identity = postIdentity(document.getText());
    if (!identity) throw new Error(vscode.l10n.t('This file names no post (no source address, slug or title), so notes cannot be attached to it.'));
    return identity;
  }

  /** Applies `change` to the post's annotations, writing moved selectors back in the same write. */
  private async modify<T>(document: vscode.TextDocument, change: (annotations: Annotation[]) => { annotations: Annotation[]; result: T }): Promise<T> {
    const identity = await this.identityOf(document);
    const text = document.getText();
    const store = await this.storeFor(document.uri);
    let result: T;
    try {
      result = await store.modify(identity, (current) => change(refreshSelectors(text, current, anchorAnnotations(text, current).map((e) => e.anchor))));
    } catch (error) {
      if (error instanceof CorruptAnnotationFileError) throw new Error(corruptNotesMessage({ file: error.file, message: error.reason }));
      throw error;
    }
    this.changed.fire(document.uri);
    return result;
  }

  async add(document: vscode.TextDocument, range: vscode.Range, options: NewNote = {}): Promise<Annotation> {
    return this.addAt(document, document.offsetAt(range.start), document.offsetAt(range.end), options);
  }

  /** Adds an annotation over [start, end) of the document's text (UTF-16 offsets). */
  async addAt(document: vscode.TextDocument, start: number, end: number, options: NewNote = {}): Promise<Annotation> {
    const identity = await this.identityOf(document);
    if (end <= start) throw new Error(vscode.l10n.t('Select the words to annotate first.'));
    const { describing, ...rest } = options;
    const annotation = createAnnotation({ identity, text: document.getText(), start, end, ...rest, ...(describing !== undefined ? { motivation: 'describing' as const } : {}), now: new Date().toISOString() });
    if (describing !== undefined) {
      const pinned: TextualBody = { type: 'TextualBody', purpose: 'describing', format: 'text/markdown', value: describing };
      annotation.body = [pinned, ...annotation.body];
    }
    return this.modify(document, (annotations) => ({ annotations: [...annotations, annotation], result: annotation }));
  }

  /** Edits, recolours or retags a note; bodies the change does not name (a pin's `describing`) are kept. */
  async update(document: vscode.TextDocument, id: string, change: NoteChange): Promise<boolean> {
    const now = new Date().toISOString();
    return this.modify(document, (annotations) => {
      const index = annotations.findIndex((a) => a.id === id);
      if (index < 0) return { annotations, result: false };
      const next = [...annotations];
      next[index] = applyNoteChange(annotations[index], change, now);
      return { annotations: next, result: true };
    });
  }

  async remove(document: vscode.TextDocument, id: string): Promise<boolean> {
    return this.modify(document, (annotations) => {
      const next = annotations.filter((a) => a.id !== id);
      return { annotations: next, result: next.length !== annotations.length };
    });
  }

  /** Points an orphan (or any note) at a new range of the document. */
  async reattach(document: vscode.TextDocument, id: string, range: vscode.Range): Promise<boolean> {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    if (end <= start) throw new Error(vscode.l10n.t('Select the words to annotate first.'));
    const text = document.getText();
    return this.modify(document, (annotations) => {
      const index = annotations.findIndex((a) => a.id === id);
      if (index < 0) return { annotations, result: false };
      const next = [...annotations];
      next[index] = { ...annotations[index], target: { ...annotations[index].target, selector: describeRange(text, start, end) }, modified: new Date().toISOString() };
      return { annotations: next, result: true };
    });
  }

  /** Adds annotations (e.g. from a W3C import) whose ids the post does not hold yet; returns how many. */
  async importInto(document: vscode.TextDocument, incoming: readonly Annotation[]): Promise<number> {
    const identity = await this.identityOf(document);
    return this.modify(document, (annotations) => {
      const ids = new Set(annotations.map((a) => a.id));
      const fresh = incoming.filter((a) => !ids.has(a.id)).map((a) => ({ ...a, target: { ...a.target, source: identity.source } }));
      return { annotations: [...annotations, ...fresh], result: fresh.length };
    });
  }

  /** Tells every listener to redraw (e.g. after a file under .kexue/ changed on disk). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
