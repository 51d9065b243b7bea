// The preview's paint timings (panel opened → first paint, showDocument → the new post's first paint), read by tests and logs.
/** Bookkeeping of when renders reached the screen, fed by the page's 'rendered' acks. */
export class PaintTiming {
  /** Milliseconds from opening the panel to the first render on screen. */
  firstPaintMs: number | undefined;
  private readonly openedAt = Date.now();
  /** Milliseconds from showDocument to the new post's first render on screen (the page reused). */
  showPaintMs: number | undefined;
  private showStartedAt: number | undefined;
  /** Renders up to this version belong to the post shown before showDocument. */
  private showFromVersion = 0;

  /** Another post is shown in the panel; renders after `fromVersion` are its. */
  showStarted(fromVersion: number): void {
    this.showStartedAt = Date.now();
    this.showPaintMs = undefined;
    this.showFromVersion = fromVersion;
  }

  /** The page painted render `version`. */
  rendered(version: number): void {
    this.firstPaintMs ??= Date.now() - this.openedAt;
    if (this.showStartedAt !== undefined && version > this.showFromVersion) this.showPaintMs ??= Date.now() - this.showStartedAt;
  }
}
