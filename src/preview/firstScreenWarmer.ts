import * as vscode from 'vscode';
import { firstScreen } from '../core/render/firstScreen';
import type { PostRenderer } from '../core/render/postRenderer';
import type { RenderOptions, RenderResult } from '../core/render/types';
import { fillInSlices, nextTask, parseInSlices } from './slicedRender';

/** A finished warm-up: the renderer whose caches hold the first screens, and those screens as rendered. */
export interface WarmScreens {
  renderer: PostRenderer;
  result: RenderResult;
  /** The text and macros they were rendered from, and the library lookup passed with them. */
  text: string;
  macros: Readonly<Record<string, string>>;
  library: object | undefined;
  line: number | undefined;
}

/** How a warm-up renders: the options, and the library lookup they resolve titles with. */
export interface WarmOptions {
  options: RenderOptions;
  library: object | undefined;
}

interface WarmEntry {
  done?: WarmScreens;
  finished: Promise<WarmScreens | undefined>;
  cancelled: boolean;
  /** A click wants it now: the slices left run without pauses. */
  hurried: boolean;
}

/** How long a warm-up waits before it starts, unless asked to start at once: it is idle work. */
const IDLE_DELAY_MS = 50;

/**
 * Renders the first screens of posts a preview is likely to show next (the parts before and after
 * the one on screen), each with a renderer of its own, while the host is idle. The preview that
 * then shows one of them takes its renderer, whose caches already hold those screens: the click
 * costs a cache lookup, not markdown-it and KaTeX. Own renderers, so warming never evicts the
 * formulas of the post on screen (its live-edit re-render stays cheap).
 */
export class FirstScreenWarmer {
  /** Per file: the warm-up, and its renderer once it has finished. */
  private readonly warmed = new Map<string, WarmEntry>();
  /** Few: the neighbours of the post on screen. */
  private static readonly KEPT = 4;

  constructor(private readonly newRenderer: () => Promise<PostRenderer>) {}

  /** Starts warming `uri` at `line` (0-based) unless it is warm or warming. */
  warm(uri: vscode.Uri, line: number | undefined, options: () => WarmOptions, delayMs = IDLE_DELAY_MS): void {
    this.warmed.set(uri.toString(), this.entryFor(uri, line, options, delayMs));
    while (this.warmed.size > FirstScreenWarmer.KEPT) this.warmed.delete(this.warmed.keys().next().value as string);
  }

  /**
   * Resolves with `uri`'s first screens once warmed (warming them now unless they are warm or warming
   * at this line), without handing the renderer over; undefined when the warm-up failed or was taken.
   */
  screens(uri: vscode.Uri, line: number | undefined, options: () => WarmOptions, delayMs = IDLE_DELAY_MS): Promise<WarmScreens | undefined> {
    const key = uri.toString();
    if (!this.warmed.has(key)) this.warm(uri, line, options, delayMs);
    return this.warmed.get(key)?.finished ?? Promise.resolve(undefined);
  }

  private entryFor(uri: vscode.Uri, line: number | undefined, options: () => WarmOptions, delayMs: number): WarmEntry {
    const existing = this.warmed.get(uri.toString());
    if (existing && !existing.cancelled && (existing.done === undefined || existing.done.line === line)) return existing;
    const entry: WarmEntry = { cancelled: false, hurried: false, finished: Promise.resolve(undefined) };
    entry.finished = this.render(uri, line, options, entry, delayMs).then((screens) => (entry.done = screens));
    return entry;
  }

  /**
   * The warmed renderer of `uri`, handed over once; undefined when none was warmed. A warm-up not
   * finished yet is hurried (its slices left run without pauses: the click needs the same screens
   * rendered, and its slices so far are not lost) and resolves with its renderer, or undefined when
   * it failed.
   */
  take(uri: vscode.Uri): Promise<PostRenderer | undefined> | undefined {
    const key = uri.toString();
    const entry = this.warmed.get(key);
    this.warmed.delete(key);
    if (!entry || entry.cancelled) return undefined;
    entry.hurried = true;
    // Taken: no later caller of screens() gets this renderer too.
    entry.cancelled = true;
    return entry.done ? Promise.resolve(entry.done.renderer) : entry.finished.then((screens) => screens?.renderer);
  }

  private async render(uri: vscode.Uri, line: number | undefined, options: () => WarmOptions, entry: WarmEntry, delayMs: number): Promise<WarmScreens | undefined> {
    // Called off only when nobody took it: a hurried warm-up finishes for the click that took it.
    const cancelled = (): boolean => entry.cancelled && !entry.hurried;
    try {
      // Idle work: after whatever the host is doing now (a caller that scheduled it itself starts at once).
      await new Promise((resolve) => setTimeout(resolve, entry.hurried ? 0 : delayMs));
      if (cancelled()) return undefined;
      // Read through the file system, not openTextDocument: opening a document would make the
      // editor features analyse a post nobody opened.
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const renderer = await this.newRenderer();
      if (cancelled()) return undefined;
      const { options: renderOptions, library } = options();
      const lines = firstScreen(text, line);
      // In slices with the event loop given back between them: rendered in one go, the first screens
      // of a long part with new formulas took 100–150 ms, and a click that came then waited for them.
      const pause = (): Promise<void> => (entry.hurried ? Promise.resolve() : nextTask());
      if (lines && !((await parseInSlices(renderer, text, renderOptions, cancelled, pause)) && (await fillInSlices(renderer, text, renderOptions, lines, cancelled, pause)))) return undefined;
      const result = renderer.render(text, { ...renderOptions, lines });
      return { renderer, result, text, macros: renderOptions.macros ?? {}, library, line };
    } catch {
      return undefined; // a file that cannot be read now is reported when it is shown
    }
  }
}
