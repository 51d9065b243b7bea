// The seam between search and the reader's notes: search asks for a file's notes and listens for
// changes; the notes feature (src/notes) provides them. Until it is wired in, there are none.

import type * as vscode from 'vscode';
import type { SearchNote } from '../core/search';

export interface SearchNoteSource {
  /** Every note anchored in `file`, with the line it is anchored at. */
  notesFor(file: string): Promise<SearchNote[]>;
  /** Fires with the file whose notes changed. */
  readonly onDidChangeNotes: vscode.Event<string>;
}
