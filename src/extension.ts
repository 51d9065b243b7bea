import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Library } from './core/library/model';
import { CommandManager } from './commands/commandManager';
import { ExportHtmlCommand } from './commands/exportHtmlCommand';
import { FindPostCommand } from './commands/findPostCommand';
import { OpenSampleLibraryCommand, RefreshCommand, ShowLogCommand } from './commands/libraryCommands';
import { CopyTitleCommand, OpenSourceCommand, RevealInExplorerCommand } from './commands/postCommands';
import { KeepPreviewCommand, NextInSeriesCommand, OpenPreviewCommand, OpenPreviewToSideCommand, PreviousInSeriesCommand } from './commands/previewCommands';
import { PreviewManager } from './preview/previewManager';
import { PreviewAnnotations } from './preview/previewAnnotations';
import { PreviewLinkHandler } from './preview/previewLinks';
import { FormulaDiskCache } from './renderCache/formulaDiskCache';
import { registerCompute } from './compute/registerCompute';
import { registerEditorFeatures } from './editor';
import { formulaColour, userMacroTable } from './editor/mathSettings';
import { LibraryGraphView } from './graph/libraryGraphView';
import { ShowGraphCommand } from './graph/showGraphCommand';
import { LibraryPostInfo } from './library/libraryPostInfo';
import { LibraryIndex } from './library/libraryIndex';
import { extensionBuild, LibraryIndexCache } from './library/libraryIndexCache';
import { ProblemLog } from './library/problemLog';
import { SeriesTreeProvider } from './library/seriesTree';
import { registerNotes, type NotesFeature } from './notes/registerNotes';
import { LibrarySeries } from './notes/librarySeries';
import { ReadingProgress } from './notes/readingProgress';
import { ContinueReadingCommand, markAsReadCommand, markAsUnreadCommand } from './notes/readingCommands';
import type { LibrarySearch } from './search/librarySearch';
import type { SearchResultsTree } from './search/searchResultsTree';
import { registerSearch } from './search/registerSearch';
import { NotationHoverProvider } from './notation/notationHover';
import type { NotationTree } from './notation/notationTree';
import { registerNotation } from './notation/registerNotation';

/** What activate() returns: the seam the integration tests use to read the real tree. */
export interface KexueReaderApi {
  library(): Promise<Library>;
  seriesTree: SeriesTreeProvider;
  problemLog: ProblemLog;
  previews: PreviewManager;
  notes: NotesFeature;
  reading: ReadingProgress;
  search: LibrarySearch;
  searchResults: SearchResultsTree;
  notation: NotationTree;
  refreshNotation(): Promise<void>;
  graph: LibraryGraphView;
}

/** Composition root: builds every service with `new`, wires them, registers every disposable. */
export function activate(context: vscode.ExtensionContext): KexueReaderApi {
  const log = new ProblemLog();
  // The workspace's folders, naming its caches (the library index's snapshot, the search index).
  const workspaceKey = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString()).join('\n');
  const build = extensionBuild(String((context.extension.packageJSON as { version?: unknown }).version), path.join(context.extensionPath, 'dist', 'extension.js'));
  const index = new LibraryIndex(log, new LibraryIndexCache(context.globalStorageUri.fsPath, workspaceKey, build));
  const seriesTree = new SeriesTreeProvider(index);
  const treeView = vscode.window.createTreeView('kexueReader.series', { treeDataProvider: seriesTree, showCollapseAll: true });

  // Rendered formulas across sessions: reopening a post after a restart runs no KaTeX.
  const formulaCache = new FormulaDiskCache(vscode.Uri.joinPath(context.globalStorageUri, 'formula-cache').fsPath, { autoSaveMs: 3000 });
  // The one CommandManager: every command of every feature is registered here.
  const commands = new CommandManager();
  const compute = registerCompute({ context, commands });
  const previews = new PreviewManager(context.extensionUri, index, log, compute.api, async (post) => {
    const node = seriesTree.nodeOf(post);
    if (node) await treeView.reveal(node, { select: true, focus: true, expand: true });
  }, formulaCache);

  commands.register(new OpenPreviewCommand(previews));
  commands.register(new OpenPreviewToSideCommand(previews));
  commands.register(new PreviousInSeriesCommand(previews));
  commands.register(new NextInSeriesCommand(previews));
  commands.register(new KeepPreviewCommand(previews));
  commands.register(new ExportHtmlCommand(previews, context.extensionUri));
  commands.register(new OpenSourceCommand());
  commands.register(new RevealInExplorerCommand());
  commands.register(new CopyTitleCommand());
  commands.register(new FindPostCommand(index));
  commands.register(new RefreshCommand(index));
  commands.register(new ShowLogCommand(log));
  commands.register(new OpenSampleLibraryCommand(context));
  // A note clicked, Continue Reading: the post in the preview tab that follows the library, that line at the top.
  const followPreviewAt = async (uri: vscode.Uri, line: number): Promise<void> => {
    const preview = await previews.follow(uri, line);
    // An open preview only comes to the front: scroll it to the place too.
    preview.post({ type: 'scrollToLine', line });
  };
  const editor = registerEditorFeatures(commands, new LibraryPostInfo(index), previews);
  const notes = registerNotes(commands, {
    seriesOf: new LibrarySeries(() => index.current()),
    libraryChanged: index.onDidChange,
    openPreviewAt: followPreviewAt,
    // A note's tooltip draws its formulas as the editor's math hover does (same images, same cache).
    formulaImage: async (tex, display, documentMacros) =>
      (await editor.images.image({ tex, display, documentMacros, userMacros: userMacroTable(), colour: formulaColour() })).markdown,
  });
  // The preview's highlights and margin notes, through the same NotesService as the editor's.
  previews.setAnnotationLayer(new PreviewAnnotations(notes.service, () => previews.renderers.macros(), context.extension.id, (message) => log.info(message)));
  const reading = new ReadingProgress(context.globalState, index, previews.onDidScrollPreview);
  previews.setReadingPlaces(reading);
  seriesTree.setReadState(reading);
  commands.register(new ContinueReadingCommand(reading, followPreviewAt));
  commands.register(markAsReadCommand(reading));
  commands.register(markAsUnreadCommand(reading));
  const graph = new LibraryGraphView(context.extensionUri, index, {
    activeUri: () => previews.active()?.documentUri,
    onDidChangePreviewed: previews.onDidChangePreviewed,
    openPost: async (post) => {
      const source = previews.sourceOf(post);
      if (source) await previews.follow(source.uri, source.line);
    },
  }, (message) => log.info(message));
  commands.register(new ShowGraphCommand());
  const search = registerSearch({
    context,
    library: index,
    commands,
    workspaceKey,
    notesFiles: notes.files.onDidChange,
    opener: {
      openAt: async (uri, line) => {
        const preview = await previews.open(uri, vscode.ViewColumn.Active, line);
        // An open preview only comes to the front: scroll it to the hit too.
        preview.post({ type: 'scrollToLine', line });
      },
    },
  });

  // A failed indexing is reported where the user looks: the Kexue Reader output channel.
  const reindex = (): void => {
    index.reindex().catch((error: unknown) => log.info(vscode.l10n.t('Indexing failed: {0}', error instanceof Error ? error.message : String(error))));
  };
  const notation = registerNotation({
    commands,
    library: () => index.ensureIndexed(),
    activePreview: () => previews.active()?.documentUri,
    openPreviewAt: async (uri, line) => {
      const preview = await previews.open(uri, vscode.ViewColumn.Active, line);
      preview.post({ type: 'scrollToLine', line });
    },
    notes: { libraryRoot: (uri) => notes.service.libraryRoot(uri), onDidChange: notes.service.onDidChange, addAt: (document, start, end, pin) => notes.service.addAt(document, start, end, pin) },
    previews: { onDidChangePreviewed: previews.onDidChangePreviewed, previewOf: (uri) => previews.previewOf(uri), macros: () => previews.renderers.macros() },
    log: (message) => log.info(message),
    iconFolder: vscode.Uri.joinPath(context.globalStorageUri, 'notation-icons'),
  });

  context.subscriptions.push(
    formulaCache,
    notes,
    reading,
    log,
    index,
    seriesTree,
    treeView,
    previews,
    commands,
    compute,
    search,
    notation,
    vscode.languages.registerHoverProvider({ language: 'markdown' }, new NotationHoverProvider()),
    graph,
    editor,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('kexueReader.library')) reindex();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(reindex),
    // "Copy Link to Here" in the preview: its vscode://…/preview?file=…&line=… links open the preview there.
    vscode.window.registerUriHandler(
      new PreviewLinkHandler(followPreviewAt, (uri) => {
        const file = path.normalize(uri.fsPath);
        return index.current().posts.some((post) => post.sources.some((source) => path.normalize(source.file) === file));
      }),
    ),
  );

  return { library: () => index.ensureIndexed(), seriesTree, problemLog: log, previews, reading, search: search.search, searchResults: search.results, notes, notation: notation.tree, refreshNotation: () => notation.refresh(), graph };
}

export function deactivate(): void {}
