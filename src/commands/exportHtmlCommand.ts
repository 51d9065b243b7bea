import * as vscode from 'vscode';
import type { PreviewManager } from '../preview/previewManager';
import type { Command } from './commandManager';
import { postFromArgument } from './postArgument';

/**
 * "Export Post as HTML": one self-contained file (KaTeX's CSS with its fonts inlined as data URLs) that
 * reads like the preview, equation numbers and references included. Writes only where the user chose.
 */
export class ExportHtmlCommand implements Command {
  readonly id = 'kexueReader.exportHtml';

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
    const [{ exportPage, inlineKatexFonts }, document, lookup] = await Promise.all([
      import('../core/render/exportPage'),
      vscode.workspace.openTextDocument(source),
      this.manager.lookup(),
    ]);
    const renderer = await this.manager.newRenderer();
    const result = await renderer.renderComplete(document.getText(), { macros: this.manager.macros(), resolveTitle: (title) => lookup.title(title) });
    const katexCss = await this.katexCss(inlineKatexFonts);
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(exportPage(result, { katexCss })));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0}', vscode.workspace.asRelativePath(destination)), 4000);
    return destination;
  }

  private sourceOf(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    const post = postFromArgument(arg);
    if (post) return this.manager.sourceOf(post)?.uri;
    return this.manager.active()?.documentUri ?? vscode.window.activeTextEditor?.document.uri;
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
