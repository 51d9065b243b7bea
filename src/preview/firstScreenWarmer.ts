import * as vscode from 'vscode';
import { firstScreen } from '../core/render/firstScreen';
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderOptions } from '../core/render/types';

/**
 * Renders the first screens of posts a preview is likely to show next (the parts before and after
 * the one on screen), each with a renderer of its own, while the host is idle. The preview that
 * then shows one of them takes its renderer, whose caches already hold those screens: the click
 * costs a cache lookup, not markdown-it and KaTeX. Own renderers, so warming never evicts the
 * formulas of the post on screen (its live-edit re-render stays cheap).
 */
export class FirstScreenWarmer {
  /** Per file: the warm-up, and its renderer once it has finished. */
  private readonly warmed = new Map<string, { done?: PostRenderer; cancelled: boolean }>();
  /** Few: the neighbours of the post on screen. */
  private static readonly KEPT = 4;

  constructor(private readonly newRenderer: () => Promise<PostRenderer>) {}

  /** Starts warming `uri` at `line` (0-based) unless it is warm or warming. */
  warm(uri: vscode.Uri, line: number | undefined, options: () => RenderOptions): void {
    const key = uri.toString();
    if (this.warmed.has(key)) return;
    const entry: { done?: PostRenderer; cancelled: boolean } = { cancelled: false };
    this.warmed.set(key, entry);
    void this.render(uri, line, options, () => entry.cancelled).then((renderer) => {
      entry.done = renderer;
    });
    while (this.warmed.size > FirstScreenWarmer.KEPT) this.warmed.delete(this.warmed.keys().next().value as string);
  }

  /**
   * The warmed renderer of `uri`, handed over once; undefined when none was warmed or its warm-up
   * has not finished — that one is called off: the click renders the same screens itself at once
   * instead of waiting for idle work queued behind whatever else the host had to do.
   */
  take(uri: vscode.Uri): PostRenderer | undefined {
    const key = uri.toString();
    const entry = this.warmed.get(key);
    this.warmed.delete(key);
    if (entry) entry.cancelled = true;
    return entry?.done;
  }

  private async render(uri: vscode.Uri, line: number | undefined, options: () => RenderOptions, cancelled: () => boolean): Promise<PostRenderer | undefined> {
    try {
      // Idle work: after whatever the host is doing now.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (cancelled()) return undefined;
      // Read through the file system, not openTextDocument: opening a document would make the
      // editor features analyse a post nobody opened.
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const renderer = await this.newRenderer();
      if (cancelled()) return undefined;
      renderer.render(text, { ...options(), lines: firstScreen(text, line) });
      return renderer;
    } catch {
      return undefined; // a file that cannot be read now is reported when it is shown
    }
  }
}
