// The series neighbours' first screens sent into a preview page ahead of a click (a reader of a
// series most often clicks the next part): the host side of the page's preloads, for one panel.
// PreloadedScreens keeps the record and its staleness checks; this renders and sends them.
import type * as vscode from 'vscode';
import type { HostToWebview } from '../core/protocol/preview';
import type { Post } from '../core/library/model';
import type { PostLookup } from '../library/postLookup';
import { clickTrace, kbOf } from './clickTrace';
import { PreloadedScreens, type PreloadKey } from './preloadedScreens';
import type { PostPreviewDeps } from './postPreviewDeps';
import { renderContentOf } from './renderContent';

export type HeldScreens = NonNullable<ReturnType<PreloadedScreens['take']>>;

export class NeighbourPreloads {
  private readonly held = new PreloadedScreens();

  constructor(
    private readonly deps: PostPreviewDeps,
    private readonly post: (message: HostToWebview) => void,
  ) {}

  /** The page was loaded anew (or lost what it held): it holds nothing. */
  clear(): void {
    this.held.clear();
  }

  /** Whether the page holds a preload of `uri` at all (before the text is read to check it). */
  holds(uri: vscode.Uri): boolean {
    return this.held.holds(uri.toString());
  }

  /**
   * The preload of `uri`, taken, if it was rendered from the post's text as it is now and the same
   * macros, library and landing line; else undefined (an edited post is never shown stale).
   */
  take(uri: vscode.Uri, text: string, line: number | undefined): HeldScreens | undefined {
    return this.held.take(uri.toString(), this.keyOf(text, line));
  }

  /**
   * Warms the first screens of the parts after and/or before `post` and sends them into the page,
   * which keeps them: a click on one then sends only `showPost`. A post that is not a neighbour of the
   * one on screen gains nothing from this. `page.stillShowing` says the page that asked still shows
   * `post` (from the file `page.shown`).
   */
  async send(post: Post | undefined, lookup: PostLookup | undefined, page: { shown: vscode.Uri; stillShowing: () => boolean }, which: ReadonlyArray<'next' | 'previous'>, delayMs?: number): Promise<void> {
    const neighbours = post && lookup?.seriesNeighbours(post);
    if (!neighbours || !lookup) return;
    const shown = page.shown.toString();
    const sent: Array<Promise<void>> = [];
    for (const neighbour of which.map((side) => neighbours[side])) {
      const source = neighbour && this.deps.sourceOf(neighbour);
      if (!source || source.uri.toString() === shown) continue;
      const options = () => ({ options: { macros: this.deps.renderers.macros(), resolveTitle: (title: string) => lookup.title(title) }, library: lookup });
      sent.push(this.deps.warmer.screens(source.uri, source.line, options, delayMs).then((screens) => {
        // Sent only to the page that asked, still showing the post they neighbour, and not sent twice.
        if (!screens || !page.stillShowing()) return;
        const key = { text: screens.text, macros: screens.macros, library: screens.library, line: screens.line };
        if (this.held.holdsCurrent(source.uri.toString(), key)) return;
        const body = { ...renderContentOf(screens.result, neighbour, lookup, []), line: screens.line };
        const id = this.held.add(source.uri.toString(), key, body);
        const message = { type: 'preload' as const, id, uri: source.uri.toString(), body };
        clickTrace(`preload sent ${source.uri.path.split('/').pop()} ${kbOf(message)}`);
        this.post(message);
      }));
    }
    await Promise.all(sent);
  }

  /** What a preload shown now must have been rendered from. */
  private keyOf(text: string, line: number | undefined): PreloadKey {
    return { text, macros: this.deps.renderers.macros(), library: this.deps.library.lookupIfIndexed(), line };
  }
}
