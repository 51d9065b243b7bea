// The first screens of posts this page may be asked to show next (the series neighbours of the post
// on screen), sent by the host while the page was idle. A click on one of them arrives as a showPost
// naming it, and the page swaps it in without waiting for a render message relayed through the
// workbench. At most PRELOADS_KEPT, the oldest dropped first — the host counts the same way, so it
// names only screens the page still holds (a page that lacks them says so: preloadMissing).
import { PRELOADS_KEPT, type RenderBody } from '../../core/protocol/preview';

export class HeldScreens {
  private readonly entries: Array<{ uri: string; id: number; body: RenderBody }> = [];

  add(uri: string, id: number, body: RenderBody): void {
    this.remove(uri);
    this.entries.push({ uri, id, body });
    while (this.entries.length > PRELOADS_KEPT) this.entries.shift();
  }

  /** The screens preload `id` brought for `uri`, if held; whatever is held for `uri` is dropped (the host forgets it too). */
  take(uri: string, id: number | undefined): RenderBody | undefined {
    const entry = this.entries.find((e) => e.uri === uri);
    this.remove(uri);
    return entry && entry.id === id ? entry.body : undefined;
  }

  private remove(uri: string): void {
    const at = this.entries.findIndex((e) => e.uri === uri);
    if (at >= 0) this.entries.splice(at, 1);
  }
}
