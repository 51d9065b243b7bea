// Builds the search feature: the index service with its disk cache, the QuickPick, the Search
// Results view and their commands. Called by the composition root, which owns every disposable.

import * as vscode from 'vscode';
import type { CommandManager } from '../commands/commandManager';
import type { LibraryIndex } from '../library/libraryIndex';
import { AnnotationNoteSource } from './annotationNoteSource';
import { LibrarySearch } from './librarySearch';
import type { SearchNoteSource } from './noteSource';
import { SearchIndexCache } from './searchIndexCache';
import { OpenSearchHitCommand, SearchInViewCommand, SearchLibraryCommand, type SearchHitOpener } from './searchLibraryCommand';
import { SearchResultsTree } from './searchResultsTree';

export interface SearchFeature extends vscode.Disposable {
  search: LibrarySearch;
  results: SearchResultsTree;
}

export function registerSearch(options: {
  context: vscode.ExtensionContext;
  library: LibraryIndex;
  commands: CommandManager;
  opener: SearchHitOpener;
  /** The workspace's folders as the caches name them (workspaceCacheFile). */
  workspaceKey: string;
  /** The reader's notes files changing on disk (the notes feature's watch). */
  notesFiles: vscode.Event<vscode.Uri>;
  notes?: SearchNoteSource;
}): SearchFeature {
  const { context, library, commands, opener } = options;
  // The reader's notes, from the annotation store on disk, unless the caller brings its own source.
  const ownNotes = options.notes ? undefined : new AnnotationNoteSource(options.notesFiles);
  const notes = options.notes ?? ownNotes;
  // The worker thread that cuts files into documents during a build: the bundle beside dist/extension.js.
  const spansWorker = vscode.Uri.joinPath(context.extensionUri, 'dist', 'searchSpansWorker.js').fsPath;
  const search = new LibrarySearch(library, new SearchIndexCache(context.globalStorageUri.fsPath, options.workspaceKey), notes, spansWorker);
  const results = new SearchResultsTree();
  const view = vscode.window.createTreeView('kexueReader.searchResults', { treeDataProvider: results, showCollapseAll: true });
  const searchCommand = new SearchLibraryCommand(search, results, opener);
  commands.register(searchCommand);
  commands.register(new SearchInViewCommand(searchCommand, results));
  commands.register(new OpenSearchHitCommand(searchCommand));
  // The index builds in the background with the library, not on the first search; the Search
  // Results view follows it (hits found by a search made while it was still building, lines moved by an edit).
  const following = search.onDidUpdate(() => void searchCommand.refreshView());
  search.start();
  return {
    search,
    results,
    dispose: () => {
      following.dispose();
      view.dispose();
      results.dispose();
      search.dispose();
      ownNotes?.dispose();
    },
  };
}
