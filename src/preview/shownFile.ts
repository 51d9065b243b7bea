// The file a preview shows, as far as it can still be read: the text it was last rendered from, and
// whether it went (deleted, or renamed outside VS Code: outsideRenames.ts). A preview whose file went
// keeps its last render — the reader loses nothing — and, once no new name turned up, says so above it.
import type { HostToWebview } from '../core/protocol/preview';

export class ShownFile {
  /** The text the post shown was last rendered from (a rename outside VS Code is recognised by it). */
  text: string | undefined;
  /** Set while the file is gone; `notice`: what the page says of it, once no new name turned up. */
  private gone: { notice?: string } | undefined;

  constructor(
    private readonly post: (message: HostToWebview) => void,
    /** Renders the post again from its file. */
    private readonly render: () => void,
  ) {}

  /** Whether the file went: there is nothing to render again until it is back (a render now would drop the series bar and header of a post the library forgot). */
  get isGone(): boolean {
    return this.gone !== undefined;
  }

  /** The file went; `notice`, when given, is said above the post. */
  went(notice?: string): void {
    this.gone = { notice };
    if (notice !== undefined) this.post({ type: 'fileGone', notice });
  }

  /** The file is back under its name (a checkout wrote it again): the notice goes, the post is rendered from it. */
  back(): void {
    this.gone = undefined;
    this.post({ type: 'fileGone' });
    this.render();
  }

  /** The panel shows another file now (its page is told by showPost). */
  reset(): void {
    this.gone = undefined;
    this.text = undefined;
  }

  /** The post's text as `read` reads it; for a file that went, the text last shown (a page loaded again keeps the post). */
  async textOf(read: () => Promise<string>): Promise<string> {
    try {
      return await read();
    } catch (error) {
      if (this.gone && this.text !== undefined) return this.text;
      throw error;
    }
  }

  /** A page loaded anew (its tab hidden and shown again) has lost the notice: said again. */
  pageLoaded(): void {
    if (this.gone?.notice !== undefined) this.post({ type: 'fileGone', notice: this.gone.notice });
  }
}
