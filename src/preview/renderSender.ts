// What one preview page has been sent and has painted, and the sending of renders to it: a long
// post's first screens on their own, then the whole post — its rest in parts (renderParts.ts) when
// the page already shows its beginning — or nothing at all when the page shows that render already.
import type * as vscode from 'vscode';
import type { HostToWebview } from '../core/protocol/preview';
import { cutsAt } from './partCuts';
import { clickTrace, kbOf } from './clickTrace';
import type { RenderContent } from './renderContent';
import { PageAcks, sendParts } from './renderParts';

type RenderMessage = Extract<HostToWebview, { type: 'render' }>;

export class RenderSender implements vscode.Disposable {
  /** The newest render version handed out (renders posted, and the first screens a page's shell carries). */
  private newestVersion = 0;
  /** What the webview was last sent (which render version the page has painted: acks.shownVersion). */
  private lastPosted: { html: string; rest: string; version: number } | undefined;
  /** Whether this webview page has been sent a render (a new page gets a long post's first screens first). */
  private hasContent = false;
  /** What the page has painted and taken. */
  readonly acks = new PageAcks();

  constructor(private readonly post: (message: HostToWebview) => void) {}

  get version(): number {
    return this.newestVersion;
  }

  /** A version for a render that reaches the page another way (inside the page's shell). */
  nextVersion(): number {
    return ++this.newestVersion;
  }

  get pageHasContent(): boolean {
    return this.hasContent;
  }

  /** The version of the last render sent (or adopted), if any. */
  get lastSentVersion(): number | undefined {
    return this.lastPosted?.version;
  }

  /** A new page shows nothing until it has said 'ready' and been sent a render. */
  forgetPage(): void {
    this.hasContent = false;
    this.acks.shownVersion = undefined;
  }

  /** The page is told to empty itself (another post): nothing sent before is on it. */
  forgetSent(): void {
    this.lastPosted = undefined;
  }

  /** The page shows the render its shell carried. */
  adopt(message: RenderMessage): void {
    this.hasContent = true;
    const { type: _type, version, line: _line, html, ...rest } = message;
    this.lastPosted = { html, rest: JSON.stringify({ ...rest, html: undefined }), version };
  }

  /** Sends a long post's first screens; the whole post follows with `sendWhole`. Returns the render's version. */
  sendFirstScreens(content: RenderContent, line: number | undefined): number {
    const version = this.send(content, line);
    this.lastPosted = { html: content.html, rest: '', version };
    return version;
  }

  /**
   * Sends a whole render, unless the page confirmed it shows that very render and no `line` is to be
   * revealed. `stale()`: the panel shows another post or is closed (the parts still to go stop).
   */
  sendWhole(content: RenderContent, blockEnds: readonly number[] | undefined, line: number | undefined, stale: () => boolean): void {
    // The index finishing, or an edit undone, often yields the page already on screen: sending
    // megabytes of identical HTML again would make the webview parse and compare it all for nothing.
    // Only a page that confirmed it shows that render is spared: a message posted while the webview
    // was hidden or still loading is lost, and the next render must go out in full.
    const rest = JSON.stringify({ ...content, html: undefined });
    const onScreen =
      this.lastPosted !== undefined &&
      this.lastPosted.version === this.acks.shownVersion &&
      this.lastPosted.html === content.html &&
      this.lastPosted.rest === rest;
    if (line === undefined && onScreen) return;
    // The page shows a beginning of this HTML (the first screens of a post opened at its top): the
    // rest goes in parts the page appends one task at a time. Anything else goes whole.
    const shown = this.lastPosted?.html;
    const cuts = shown !== undefined && content.html.startsWith(shown) ? cutsAt(blockEnds) : [];
    const version = this.send({ ...content, html: content.html.slice(0, cuts[0]) }, line, cuts.length + 1);
    this.lastPosted = { html: content.html, rest, version };
    if (cuts.length > 0) void sendParts(this.acks, (part) => this.post(part), version, content.html, cuts, () => stale() || this.newestVersion !== version);
  }

  /** Returns the render's version. `parts`: how many parts its HTML comes in (this message brings the first). */
  private send(content: RenderContent, line: number | undefined, parts = 1): number {
    this.hasContent = true;
    const message: RenderMessage = { type: 'render', version: ++this.newestVersion, ...content, line, ...(parts > 1 ? { parts } : {}) };
    clickTrace(`render sent v${message.version} ${kbOf(message)} parts=${parts}`);
    this.post(message);
    return this.newestVersion;
  }

  dispose(): void {
    this.acks.dispose();
  }
}
