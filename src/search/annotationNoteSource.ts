// The reader's notes for search, read from the annotation store on disk (`.kexue/annotations` of the
// library the post is in), and a change of any annotation file reported for the post it belongs to.

import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import { AnnotationStore, postIdentity, type Annotation } from '../core/annotations';
import { searchNotesOf, type SearchNote } from '../core/search';
import { AnnotationFilesOnDisk, findLibraryRoot } from '../notes/annotationFilesOnDisk';
import type { SearchNoteSource } from './noteSource';

export class AnnotationNoteSource implements SearchNoteSource, vscode.Disposable {
  private readonly stores = new Map<string, AnnotationStore>();
  /** Annotation file key → the post files whose notes it holds. */
  private readonly filesByKey = new Map<string, Set<string>>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChangeNotes = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /** `notesFiles`: a notes file changed on disk (the notes feature's watch, NotesFilesWatch). */
  constructor(notesFiles: vscode.Event<vscode.Uri>) {
    this.subscription = notesFiles((uri) => {
      const key = uri.path.split('/').pop()?.replace(/\.json$/, '') ?? '';
      for (const file of this.filesByKey.get(key) ?? []) this.changed.fire(file);
    });
  }

  async notesFor(file: string): Promise<SearchNote[]> {
    const text = await fs.readFile(file, 'utf8');
    const identity = postIdentity(text);
    if (!identity) return [];
    const files = this.filesByKey.get(identity.key) ?? new Set<string>();
    files.add(file);
    this.filesByKey.set(identity.key, files);
    const root = await findLibraryRoot(file);
    let store = this.stores.get(root);
    if (!store) {
      store = new AnnotationStore(new AnnotationFilesOnDisk(), root);
      this.stores.set(root, store);
    }
    // A corrupt annotation file is reported by the notes feature; search just finds no notes in it.
    const loaded = await store.load(identity).catch(() => ({ annotations: [] as Annotation[] }));
    return searchNotesOf(file, text, loaded.annotations);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
