// A webview page that is on screen but never says 'ready' is loaded again. Right after a window
// reload, code-server sometimes fails to serve a restored webview's script (404 from its service
// worker) and the page stays blank for good; a second load succeeds (seen in the e2e reload tests:
// 5 blank previews in 11 runs before this, none since). New HTML goes to the same webview frame,
// though, and a frame whose service worker never came up stays blank whatever it is sent (seen in
// CI: the restored preview's frame never got its inner page): an owner that can build its panel
// anew (`recreate`) does so when one reload did not help. Every panel of ours that waits for its
// page's 'ready' uses one of these.
import type * as vscode from 'vscode';

/**
 * How long a shown page may first take to say 'ready'; pages load in 0.2–2 s here, and up to ≈ 10 s on
 * a busy 2-core machine. Each load again waits twice as long as the one before (8, 16, 32, 64 s), so a
 * slow page is not cut off again and again, and a page that never loads is given up after ≈ 2 min.
 */
export const READY_TIMEOUT_MS = 8_000;
const MAX_RELOADS = 4;
/** The load after which an owner that can builds its panel anew: the replacement's `attemptsBefore`. */
export const RECREATED_AFTER = 2;

export class PageLoadWatchdog implements vscode.Disposable {
  private ready = false;
  private reloads = 0;
  /** The panel was handed to `recreate`: the new panel has a watchdog of its own. */
  private replaced = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly viewState: vscode.Disposable;

  /**
   * `panel`: a webview panel, or a webview view adapted to the same two members. `reload` sets the
   * page's HTML again (with a fresh nonce, so the webview really reloads); `waitedMs` is how long
   * this load was waited for. `recreate`, when given, replaces the panel by a new one (a new webview
   * frame); it is called at most once, instead of the second reload. `attemptsBefore`: the loads
   * already given up on for this page in a panel this one replaces — the count goes on from there (a
   * page that is only slow, on a loaded machine, is waited for longer each time, not cut off every 8 s
   * by panel after new panel), and a replacement is not replaced again.
   */
  constructor(
    private readonly panel: { readonly visible: boolean; readonly onDidChangeViewState: vscode.Event<unknown> },
    private readonly reload: (waitedMs: number) => void,
    private readonly recreate?: (waitedMs: number) => void,
    attemptsBefore = 0,
  ) {
    this.reloads = attemptsBefore;
    this.viewState = panel.onDidChangeViewState(() => {
      // Without retainContextWhenHidden a hidden page is discarded; shown again, it loads anew and
      // says 'ready' again, so the wait starts over.
      if (!panel.visible) this.ready = false;
      this.arm();
    });
  }

  /** The panel was given new HTML: wait for the new page's 'ready'. */
  pageLoading(): void {
    this.ready = false;
    this.arm();
  }

  /** The page said 'ready'. */
  pageReady(): void {
    this.ready = true;
    this.reloads = 0;
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ready || this.replaced || !this.panel.visible || this.reloads >= MAX_RELOADS) return;
    // An owner that can build its panel anew does so 8 s after a reload that did not help: a frame
    // broken for good stays blank however long it is given (seen: a preview opened right after
    // closing all editors), and the reader is waiting.
    const waitMs = this.recreate && this.reloads === 1 ? READY_TIMEOUT_MS : READY_TIMEOUT_MS * 2 ** this.reloads;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.ready || !this.panel.visible) return;
      this.reloads++;
      if (this.reloads === RECREATED_AFTER && this.recreate) {
        this.replaced = true;
        this.recreate(waitMs);
        return;
      }
      this.reload(waitMs); // sets new HTML, and so calls pageLoading()
    }, waitMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.viewState.dispose();
  }
}
