// "Kexue: Search Library…": a QuickPick whose results follow the typing — and the index: a search
// typed while the library is still being indexed (the first start, a folder added) is asked again as
// the index catches up, busy and titled so until then. Enter opens the preview scrolled to the hit;
// the button moves the full list into the Search Results view.

import * as vscode from 'vscode';
import type { SearchHit } from '../core/search';
import type { Command } from '../commands/commandManager';
import { hitPlace, kindCodicon, markedSnippet } from './hitPresentation';
import type { LibrarySearch } from './librarySearch';
import type { SearchResultsTree } from './searchResultsTree';
import { CommandIds } from '../commands/commandIds';

const QUICK_PICK_LIMIT = 50;
const VIEW_LIMIT = 500;
const TYPING_DELAY_MS = 120;

/** How a hit is opened: the preview of its file, scrolled to its line. */
export interface SearchHitOpener {
  openAt(uri: vscode.Uri, line: number): Promise<void>;
}

interface HitPick extends vscode.QuickPickItem {
  /** Undefined for the row that says nothing was found. */
  hit?: SearchHit;
}

export class SearchLibraryCommand implements Command {
  readonly id = CommandIds.searchLibrary;

  constructor(
    private readonly search: LibrarySearch,
    private readonly results: SearchResultsTree,
    private readonly opener: SearchHitOpener,
  ) {}

  async execute(initialQuery?: unknown): Promise<void> {
    const pick = vscode.window.createQuickPick<HitPick>();
    const title = () => (this.search.updating ? vscode.l10n.t('Search Library (indexing the library…)') : vscode.l10n.t('Search Library'));
    pick.title = title();
    pick.placeholder = vscode.l10n.t('Titles, text, formulas (\\msign, W_k) and notes');
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    const showAll: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-tree'), tooltip: vscode.l10n.t('Show All Results in the Search Results View') };
    pick.buttons = [showAll];
    let generation = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = (query: string) => {
      const mine = ++generation;
      pick.title = title();
      if (query.trim().length === 0) {
        pick.items = [];
        pick.busy = this.search.updating;
        return;
      }
      pick.busy = true;
      void this.search.search(query, QUICK_PICK_LIMIT).then((hits) => {
        if (mine !== generation) return;
        pick.items = hits.map((hit) => ({
          hit,
          label: `${kindCodicon(hit.kind)} ${markedSnippet(hit)}`,
          description: hit.title,
          detail: hitPlace(hit),
          // The QuickPick must not filter our results again by its own fuzzy match.
          alwaysShow: true,
        }));
        // An empty list read as “still searching” or as a broken box: say that nothing was found
        // (unless the index is still filling, when hits may yet come).
        if (hits.length === 0 && !this.search.updating) pick.items = [{ label: vscode.l10n.t('No hits for “{0}”', query.trim()), alwaysShow: true }];
        // Still indexing: more hits may come (onDidUpdate asks again).
        pick.busy = this.search.updating;
      });
    };
    const disposables: vscode.Disposable[] = [
      this.search.onDidUpdate(() => update(pick.value)),
      pick.onDidChangeValue((value) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => update(value), TYPING_DELAY_MS);
      }),
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0];
        // Enter on “No hits for …” leaves the box open for another try.
        if (!chosen?.hit) return;
        pick.hide();
        void this.openHit(chosen.hit);
      }),
      pick.onDidTriggerButton(async () => {
        const query = pick.value;
        pick.hide();
        await this.showInView(query);
      }),
      pick.onDidHide(() => {
        if (timer) clearTimeout(timer);
        for (const disposable of disposables) disposable.dispose();
        pick.dispose();
      }),
    ];
    if (typeof initialQuery === 'string' && initialQuery.length > 0) {
      pick.value = initialQuery;
      update(initialQuery);
    }
    pick.show();
  }

  async showInView(query: string): Promise<void> {
    this.results.show(query, query.trim() ? await this.search.search(query, VIEW_LIMIT) : []);
    await vscode.commands.executeCommand('kexueReader.searchResults.focus');
  }

  /** The Search Results view's query asked again (the index caught up with the library or the notes). */
  async refreshView(): Promise<void> {
    const query = this.results.lastQuery;
    if (query.trim()) this.results.show(query, await this.search.search(query, VIEW_LIMIT));
  }

  async openHit(hit: SearchHit): Promise<void> {
    await this.opener.openAt(vscode.Uri.file(hit.file), Math.max(0, hit.line - 1));
  }
}

/** The Search Results view's click: opens a hit (not in the Command Palette). */
export class OpenSearchHitCommand implements Command {
  readonly id = CommandIds.openSearchHit;

  constructor(private readonly searchCommand: SearchLibraryCommand) {}

  async execute(hit: unknown): Promise<void> {
    if (isHit(hit)) await this.searchCommand.openHit(hit);
  }
}

/** "Search in View…": asks for a query and lists every hit in the Search Results view. */
export class SearchInViewCommand implements Command {
  readonly id = CommandIds.searchInView;

  constructor(
    private readonly searchCommand: SearchLibraryCommand,
    private readonly results: SearchResultsTree,
  ) {}

  async execute(query?: unknown): Promise<void> {
    const text =
      typeof query === 'string'
        ? query
        : await vscode.window.showInputBox({ title: vscode.l10n.t('Search Library'), value: this.results.lastQuery, prompt: vscode.l10n.t('Titles, text, formulas (\\msign, W_k) and notes') });
    if (text !== undefined) await this.searchCommand.showInView(text);
  }
}

function isHit(value: unknown): value is SearchHit {
  return typeof value === 'object' && value !== null && typeof (value as SearchHit).file === 'string' && typeof (value as SearchHit).line === 'number';
}
