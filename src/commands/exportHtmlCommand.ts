import * as vscode from 'vscode';
import type * as LocalImagesModule from '../core/render/localImages';
import type { PreviewManager } from '../preview/previewManager';
import { isInside, postRoot } from '../preview/previewWebviewOptions';
import type { Command } from './commandManager';
import { postFromArgument } from './postArgument';
import { CommandIds } from './commandIds';

/** The core module that finds a post's local images, loaded with the export page's code. */
type LocalImages = typeof LocalImagesModule;

/**
 * "Export Post as HTML": one self-contained file (KaTeX's CSS with its fonts inlined as data URLs) that
 * reads like the preview, equation numbers and references included. Writes only where the user chose.
 */
export class ExportHtmlCommand implements Command {
  readonly id = CommandIds.exportHtml;

  constructor(
    private readonly manager: PreviewManager,
    private readonly extensionUri: vscode.Uri,
  ) {}

  async execute(arg?: unknown, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const source = this.sourceOf(arg);
    if (!source) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a post (Markdown or listing page) to export it.'));
      return undefined;
    }
    const destination =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: source.with({ path: source.path.replace(/\.(md|txt)$/i, '') + '.html' }),
        filters: { HTML: ['html'] },
        title: vscode.l10n.t('Export Post as HTML'),
      }));
    if (!destination) return undefined;
    const [{ exportPage, inlineKatexFonts }, images, document, lookup] = await Promise.all([
      import('../core/render/exportPage'),
      import('../core/render/localImages'),
      vscode.workspace.openTextDocument(source),
      this.manager.library.lookup(),
    ]);
    const renderer = await this.manager.renderers.newRenderer();
    const result = await renderer.renderComplete(document.getText(), { macros: this.manager.renderers.macros(), resolveTitle: (title) => lookup.title(title) });
    const katexCss = await this.katexCss(inlineKatexFonts);
    const localImage = await this.inlinedImages(source, result.html, images);
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(exportPage(result, { katexCss, localImage })));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0}', vscode.workspace.asRelativePath(destination)), 4000);
    return destination;
  }

  private sourceOf(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    const post = postFromArgument(arg);
    if (post) return this.manager.sourceOf(post)?.uri;
    return this.manager.active()?.documentUri ?? vscode.window.activeTextEditor?.document.uri;
  }

  /**
   * The images beside the post as data: URLs (core inlineLocalImages), so the page stays one file.
   * Those that cannot be read (or are too large, or outside the workspace) show as their alt text,
   * named in one warning.
   */
  private async inlinedImages(source: vscode.Uri, html: string, images: LocalImages): Promise<(path: string) => string | undefined> {
    const folder = vscode.Uri.joinPath(source, '..');
    const root = postRoot(source);
    const read = async (path: string): Promise<LocalImagesModule.ImageRead> => {
      const file = vscode.Uri.joinPath(folder, path);
      // As the preview shows them: from inside the workspace (or the post's folder) only.
      if (!isInside(root, file)) return { problem: 'outside' };
      try {
        if ((await vscode.workspace.fs.stat(file)).size > images.MAX_INLINED_IMAGE_BYTES) return { problem: 'too large' };
        return { base64: Buffer.from(await vscode.workspace.fs.readFile(file)).toString('base64') };
      } catch {
        return { problem: 'unreadable' };
      }
    };
    const { localImage, problems } = await images.inlineLocalImages(html, read);
    if (problems.length > 0) {
      const names = problems.map((p) => p.path).join(', ');
      void vscode.window.showWarningMessage(vscode.l10n.t('Exported without {0} (missing, unreadable, outside the workspace or over {1} MB): shown as alt text.', names, images.MAX_INLINED_IMAGE_BYTES / 1048576));
    }
    return localImage;
  }

  private async katexCss(inline: (css: string, readFont: (name: string) => string | undefined) => string): Promise<string> {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'node_modules', 'katex', 'dist');
    const css = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, 'katex.min.css')));
    const fonts = new Map<string, string>();
    for (const name of css.match(/[\w-]+\.woff2/g) ?? []) {
      if (fonts.has(name)) continue;
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dist, 'fonts', name)).then(
        (b) => b,
        () => undefined,
      );
      if (bytes) fonts.set(name, Buffer.from(bytes).toString('base64'));
    }
    return inline(css, (name) => fonts.get(name));
  }
}
