// A post renamed or moved outside VS Code (`mv` or `git mv` in a terminal, a checkout that renames)
// raises no onDidRenameFiles: the library index's watcher sees a delete of the old name and a create
// of the new one. An open preview of it follows it all the same (RenamePairing pairs the two), and one
// whose file is deleted for good keeps its last render and says the file is gone.
import * as vscode from 'vscode';
import { postFingerprint, RenamePairing, type Pairing } from '../core/library/renamePairing';
import type { PostPreview } from './postPreview';

/**
 * How long a preview's file that went waits for its new name. VS Code hands its watcher's events to
 * extensions in chunks of 500, 200 ms apart, and the index reads each new file before telling: a
 * checkout that renames among thousands of files can take seconds to report the new name. Waiting too
 * long costs only a late notice (the page keeps the post meanwhile); too short, a post that was only
 * renamed is said to be deleted. So 5 s, not the second a lone `mv` needs.
 */
export const RENAME_WINDOW_MS = 5_000;

/** Post files coming and going, as the library index's watcher sees them (LibraryIndex). */
export interface PostFileEvents {
  readonly onDidRemoveFile: vscode.Event<vscode.Uri>;
  readonly onDidAddFile: vscode.Event<{ uri: vscode.Uri; text: string }>;
}

export class OutsideRenames implements vscode.Disposable {
  private readonly pairing = new RenamePairing(RENAME_WINDOW_MS);
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    /** The previews open now. */
    private readonly previews: () => Iterable<PostPreview>,
    files: PostFileEvents,
    /** Shows the preview's post under its new uri, where its reader was. */
    private readonly follow: (preview: PostPreview, uri: vscode.Uri) => void,
  ) {
    this.subscriptions = [files.onDidRemoveFile((uri) => this.went(uri)), files.onDidAddFile(({ uri, text }) => this.arrived(uri, text))];
  }

  private went(uri: vscode.Uri): void {
    const preview = this.previewOf(uri.toString());
    // (A folder deleted whole may be reported file by file as well.)
    if (!preview || this.pairing.goneFiles().includes(uri.toString())) return;
    const text = preview.file.text;
    const pairing = this.pairing.went(uri.toString(), text === undefined ? undefined : postFingerprint(text), Date.now());
    if (pairing) return this.apply(pairing);
    // Nothing to re-read until a new name or the file itself turns up: the page keeps what it shows.
    preview.file.went();
    this.schedule();
  }

  private arrived(uri: vscode.Uri, text: string): void {
    // A file that arrives is kept for a moment only while a preview is open: a delete may follow it.
    if (this.tidy().size === 0) return;
    const pairing = this.pairing.arrived(uri.toString(), postFingerprint(text), Date.now());
    if (pairing) this.apply(pairing);
  }

  private apply(pairing: Pairing): void {
    if (pairing.kind === 'back') {
      this.previewOf(pairing.path)?.file.back();
      return;
    }
    const preview = this.previewOf(pairing.from);
    if (preview) this.follow(preview, vscode.Uri.parse(pairing.to));
  }

  /** The timer for the next window to end: a preview whose file found no new name says it is gone. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = this.pairing.nextDeadline();
    if (deadline === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const path of this.pairing.expired(Date.now())) void this.lost(path);
      this.tidy();
      this.schedule();
    }, Math.max(0, deadline - Date.now()));
  }

  /** A preview's file found no new name in time: the page says it is gone, unless it is there after all. */
  private async lost(path: string): Promise<void> {
    const uri = vscode.Uri.parse(path);
    // Written back over its name with no create reported (only a change: an editor's atomic save, a
    // checkout's events folded together): it is back.
    const there = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
    const preview = this.previewOf(path);
    if (!preview || !this.pairing.goneFiles().includes(path)) return;
    if (there) {
      this.pairing.forget(path);
      preview.file.back();
    } else {
      preview.file.went(vscode.l10n.t('This post was deleted or moved: {0}', vscode.workspace.asRelativePath(uri)));
    }
  }

  /** Files no preview shows any more (closed, or showing another post) are no longer watched for. Returns the files shown. */
  private tidy(): Set<string> {
    const shown = new Set([...this.previews()].map((p) => p.documentUri.toString()));
    for (const path of this.pairing.goneFiles()) if (!shown.has(path)) this.pairing.forget(path);
    return shown;
  }

  private previewOf(path: string): PostPreview | undefined {
    for (const preview of this.previews()) if (preview.documentUri.toString() === path) return preview;
    return undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
