// A long post's HTML goes to the page in parts (render, then renderPart messages), each sent once the
// page has taken the one before: at most one part is ever on its way, so a click on another post is
// not queued behind megabytes for the page, and the page answers the reader between parts.
import * as vscode from 'vscode';

/** How long the host waits for the page to take a render or a part (a hidden page paints nothing). */
export const PAGE_WAIT_MS = 1000;

/** What the page acknowledged: whole renders painted ('rendered') and parts taken ('renderedPart'). */
export class PageAcks implements vscode.Disposable {
  private readonly painted = new vscode.EventEmitter<number>();
  private readonly parts = new vscode.EventEmitter<{ version: number; part: number }>();
  /** The newest render version the page has painted whole. */
  shownVersion: number | undefined;
  /** Fires with the render version once the webview has it on screen. */
  readonly onDidPaint = this.painted.event;

  rendered(version: number): void {
    this.shownVersion = version;
    this.painted.fire(version);
  }

  partTaken(version: number, part: number): void {
    this.parts.fire({ version, part });
  }

  /** Resolves once render `version` (or a newer one) is painted, or after `timeoutMs`. */
  paintOf(version: number, timeoutMs = PAGE_WAIT_MS): Promise<void> {
    if (this.shownVersion !== undefined && this.shownVersion >= version) return Promise.resolve();
    return this.until(this.painted.event, (painted) => painted >= version, timeoutMs);
  }

  /** Resolves once part `part` of render `version` (or anything newer) is taken, or after `timeoutMs`. */
  partOf(version: number, part: number, timeoutMs = PAGE_WAIT_MS): Promise<void> {
    return this.until(this.parts.event, (ack) => ack.version > version || (ack.version === version && ack.part >= part), timeoutMs);
  }

  private until<T>(event: vscode.Event<T>, test: (value: T) => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const subscription = event((value) => {
        if (test(value)) done();
      });
    });
  }

  dispose(): void {
    this.painted.dispose();
    this.parts.dispose();
  }
}

/**
 * Sends parts 1… of render `version` (`html` cut at `cuts`), each once the page took the one before.
 * Stops when `stopped()` (the panel shows another post, or a newer render went out).
 */
export async function sendParts(
  acks: PageAcks,
  post: (message: { type: 'renderPart'; version: number; part: number; html: string }) => void,
  version: number,
  html: string,
  cuts: readonly number[],
  stopped: () => boolean,
): Promise<void> {
  for (let part = 1; part <= cuts.length; part++) {
    await acks.partOf(version, part - 1);
    if (stopped()) return;
    post({ type: 'renderPart', version, part, html: html.slice(cuts[part - 1], cuts[part]) });
  }
}

