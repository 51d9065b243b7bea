// Sends each preview the notation of the post it shows, for the preview's symbol hover: after every
// full render (a moment later, off the paint's path), the symbols with the definitions the Notation
// view shows — the reader's pins first, carry-over from earlier parts — drawn, with each formula's
// symbols keyed by KaTeX's annotation of it. The page answers every hover from this.

import * as vscode from 'vscode';
import type { Library } from '../core/library/model';
import { PreviewNotationBuilder, postMacros } from '../core/notation';
import type { SymbolHoverStrings } from '../core/protocol/notation';
import type { HostToWebview } from '../core/protocol/preview';
import type { NotationSource } from './postNotationSource';

/** What this feature needs of a preview panel. */
export interface NotationPreview {
  readonly documentUri: vscode.Uri;
  readonly onDidRender: vscode.Event<{ html: string }>;
  readonly onDidDispose: vscode.Event<void>;
  post(message: HostToWebview): void;
}

/** What it needs of the previews: which panels there are, as they come. */
export interface NotationPreviews {
  readonly onDidChangePreviewed: vscode.Event<vscode.Uri>;
  previewOf(uri: vscode.Uri): NotationPreview | undefined;
  /** The reader's macros (kexueReader.math.macros), as the renderer uses them. */
  macros(): Record<string, string>;
}

/** After a render, wait this long before the notation work: a live edit's renders come in bursts. */
const SETTLE_MS = 200;

export function symbolHoverStrings(): SymbolHoverStrings {
  return {
    occurrences: vscode.l10n.t('occurs {0} times in this post'),
    occursOnce: vscode.l10n.t('occurs once in this post'),
    goToDefinition: vscode.l10n.t('Go to definition'),
    back: vscode.l10n.t('Back'),
    notDefined: vscode.l10n.t('not defined in this post'),
    definedIn: vscode.l10n.t('defined in {0}'),
    line: vscode.l10n.t('line {0}'),
    pinned: vscode.l10n.t('pinned by you'),
    formulaSymbols: vscode.l10n.t('Symbols of this formula'),
  };
}

export class PreviewSymbolNotation implements vscode.Disposable {
  private readonly builder = new PreviewNotationBuilder();
  private readonly watched = new WeakSet<NotationPreview>();
  /** Per panel: the pending timer and the last render's HTML (to send again when pins change). */
  private readonly state = new Map<NotationPreview, { timer?: ReturnType<typeof setTimeout>; html?: string }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly previews: NotationPreviews,
    private readonly source: NotationSource,
    private readonly library: () => Promise<Library>,
    private readonly log: (message: string) => void,
  ) {
    this.disposables.push(previews.onDidChangePreviewed((uri) => this.watch(previews.previewOf(uri))));
  }

  /** Pins changed (or the library did): every open preview gets its notation again. */
  refreshAll(): void {
    for (const [preview, state] of this.state) if (state.html !== undefined) this.schedule(preview, state.html);
  }

  private watch(preview: NotationPreview | undefined): void {
    if (!preview || this.watched.has(preview)) return;
    this.watched.add(preview);
    this.state.set(preview, {});
    const subscriptions = [
      preview.onDidRender((result) => this.schedule(preview, result.html)),
      preview.onDidDispose(() => {
        const state = this.state.get(preview);
        if (state?.timer) clearTimeout(state.timer);
        this.state.delete(preview);
        for (const s of subscriptions) s.dispose();
      }),
    ];
  }

  private schedule(preview: NotationPreview, html: string): void {
    const state = this.state.get(preview);
    if (!state) return;
    state.html = html;
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.send(preview, html).catch((error: unknown) => this.log(vscode.l10n.t('The notation of {0} could not be shown in the preview: {1}', preview.documentUri.fsPath, error instanceof Error ? error.message : String(error))));
    }, SETTLE_MS);
  }

  /**
   * Builds and sends the notation of what the panel shows, unless it moved on meanwhile. Sent again
   * after every render even when unchanged: a reloaded page has lost what it was sent before.
   */
  async send(preview: NotationPreview, html: string): Promise<void> {
    const uri = preview.documentUri;
    const document = await vscode.workspace.openTextDocument(uri);
    const library = await this.library().catch(() => undefined);
    const loaded = await this.source.load(document, library);
    const state = this.state.get(preview);
    if (!state || state.html !== html || preview.documentUri.toString() !== uri.toString()) return;
    const notation = this.builder.build(html, loaded.symbols, postMacros(document.getText(), this.previews.macros()), symbolHoverStrings(), { fallbackCounted: true });
    preview.post({ type: 'notation', uri: uri.toString(), notation });
  }

  dispose(): void {
    for (const state of this.state.values()) if (state.timer) clearTimeout(state.timer);
    this.state.clear();
    for (const d of this.disposables) d.dispose();
  }
}
