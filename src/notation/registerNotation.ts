// Builds the notation feature: the Notation view following the active editor or preview, the command
// that opens a symbol's line, and Pin Definition. Called by the composition root.

import * as vscode from 'vscode';
import { CommandIds } from '../commands/commandIds';
import type { CommandManager } from '../commands/commandManager';
import type { Library } from '../core/library/model';
import { NotationSource, type LibraryRootOf } from './postNotationSource';
import { NotationTree, OPEN_NOTATION_LINE_COMMAND } from './notationTree';
import { PinDefinitionCommand, type PinStore } from './pinDefinitionCommand';
import { PreviewSymbolNotation, type NotationPreviews } from './previewSymbolNotation';
import { SymbolIcons } from './symbolIcons';

export interface NotationFeature extends vscode.Disposable {
  tree: NotationTree;
  /** Reloads the view for the current post; resolves once it shows it. */
  refresh(): Promise<void>;
}

export function registerNotation(options: {
  commands: CommandManager;
  library: () => Promise<Library>;
  /** The document of the focused preview, when a preview has focus. */
  activePreview: () => vscode.Uri | undefined;
  /** Opens the preview of `uri` scrolled to `line`. */
  openPreviewAt: (uri: vscode.Uri, line: number) => Promise<void>;
  /** The notes feature: where a post's notes live, when they change (a pin deleted or moved there), and its store pins are written through. */
  notes: PinStore & { libraryRoot: LibraryRootOf; onDidChange: vscode.Event<vscode.Uri | undefined> };
  /** The previews, for the symbol hover in them (each gets its post's notation after a render). */
  previews?: NotationPreviews;
  /** A line in the Kexue Reader output channel. */
  log?: (message: string) => void;
  /** Where the symbols drawn as icons are kept (the extension's storage); no icons without it. */
  iconFolder?: vscode.Uri;
}): NotationFeature {
  const icons = options.iconFolder && new SymbolIcons(options.iconFolder.fsPath);
  const tree = new NotationTree((tex) => icons?.iconOf(tex));
  const view = vscode.window.createTreeView('kexueReader.notation', { treeDataProvider: tree, showCollapseAll: true });
  const source = new NotationSource(options.notes.libraryRoot);
  const inPreviews = options.previews && new PreviewSymbolNotation(options.previews, source, options.library, options.log ?? (() => undefined));
  let shownFromPreview = false;
  let generation = 0;

  const refresh = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const previewUri = options.activePreview();
    const uri = editor?.document.languageId === 'markdown' ? editor.document.uri : previewUri;
    shownFromPreview = uri !== undefined && editor?.document.uri.toString() !== uri.toString();
    const mine = ++generation;
    if (!uri) return void (mine === generation && tree.show(undefined, []));
    const document = await vscode.workspace.openTextDocument(uri);
    const library = await options.library().catch(() => undefined);
    const loaded = await source.load(document, library);
    if (mine !== generation) return;
    tree.show(uri, loaded.symbols);
    view.message = loaded.corrupt ? vscode.l10n.t('{0} is not a valid notes file; pinned definitions are not shown.', loaded.corrupt) : undefined;
    // Each symbol drawn as its icon, in the background; the items show them once drawn.
    if (icons) {
      void icons.prepare(loaded.symbols.map((symbol) => symbol.tex)).then(
        (added) => added && mine === generation && tree.redraw(),
        (error: unknown) => options.log?.(vscode.l10n.t('The symbols of the Notation view could not be drawn: {0}', error instanceof Error ? error.message : String(error))),
      );
    }
  };

  const later = (): void => void refresh().catch((error: unknown) => void vscode.window.showErrorMessage(String(error)));
  const pin = new PinDefinitionCommand(options.notes, () => later());
  options.commands.register(pin);
  options.commands.register({
    id: OPEN_NOTATION_LINE_COMMAND,
    execute: async (uri: unknown, line: unknown) => {
      if (!(uri instanceof vscode.Uri) || typeof line !== 'number') return;
      if (shownFromPreview) return options.openPreviewAt(uri, line);
      const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
      const position = new vscode.Position(Math.max(0, line - 1), 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    },
  });
  options.commands.register({ id: CommandIds.refreshNotation, execute: () => refresh() });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(later, 300);
  };
  const subscriptions = [
    view,
    tree,
    vscode.window.onDidChangeActiveTextEditor(() => later()),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (view.visible && event.document === vscode.window.activeTextEditor?.document) soon();
    }),
    view.onDidChangeVisibility(() => later()),
    options.notes.onDidChange(() => {
      later();
      inPreviews?.refreshAll();
    }),
    ...(inPreviews ? [inPreviews] : []),
  ];
  later();
  return {
    tree,
    refresh,
    dispose: () => {
      if (timer) clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    },
  };
}
